import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { seedDemoData } from '../seed/seed-demo.js';
import { openDatabase } from './database.js';

const usage = `Usage: pnpm seed [--scale N] [--seed S] [--from YYYY-MM-DD]

Replaces the demo data (rows whose source is 'demo') with freshly generated rows. Rows imported
from real sources are left alone. Stop the dashboard first when it uses the embedded database.

  --scale N   multiply every volume by N (default 1; benchmarks use 10)
  --seed S    the random seed (default DEMO_SEED, 20260401): the same seed gives the same rows
  --from D    first day of data (default: 1 April two financial years ago)`;

const ArgsSchema = z.object({
  scale: z.coerce.number().positive().max(100).default(1),
  seed: z.coerce.number().int().optional(),
  from: z.iso.date().optional(),
  help: z.boolean().optional(),
});

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
    throw new Error(`${problems.join('\n')}\n\n${usage}`);
  }
  if (parsed.data.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const config = loadConfig();
  // As the owner: the seeder empties tables, drops and rebuilds their indexes, and analyses them.
  const db = await openDatabase(config, { role: 'owner' });
  try {
    await seedDemoData(db.pool, {
      seed: parsed.data.seed ?? config.DEMO_SEED,
      scale: parsed.data.scale,
      ...(parsed.data.from ? { from: parsed.data.from } : {}),
      reset: true,
      log: (m) => process.stdout.write(`${m}\n`),
    });
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

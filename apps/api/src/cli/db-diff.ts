import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../config.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { prismaDiffSql } from '../db/schema-tools/prisma-diff.js';

const usage = `Usage: pnpm --filter @ipo/api db:diff [--from FILE | --empty]

Prints the SQL that takes a database from an older schema.prisma (default: the one committed at
git HEAD) to the current prisma/schema.prisma. Save it as prisma/migrations/NNNN_name/migration.sql.`;

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      empty: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ipo-db-diff-'));
  // The differ needs a server to connect to; a throwaway one keeps the dev database out of it.
  const db = await startEmbeddedPostgres({
    dataDir: tmp,
    port: 56000 + Math.floor(Math.random() * 3000),
  });
  try {
    let fromSchemaPath = values.from;
    if (!fromSchemaPath && !values.empty) {
      fromSchemaPath = path.join(tmp, 'head.prisma');
      const head = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: repoRoot });
      await writeFile(fromSchemaPath, head);
    }
    const sql = await prismaDiffSql({
      schemaPath: path.join(repoRoot, 'prisma/schema.prisma'),
      ...(fromSchemaPath ? { fromSchemaPath } : {}),
      databaseUrl: db.url,
    });
    process.stdout.write(sql);
  } finally {
    await db.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

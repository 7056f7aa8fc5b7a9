import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * SQL that Prisma's own differ produces for `schema.prisma`, from an empty database or from an
 * older schema. Prisma 7's migrate engine is a separate binary that cannot be downloaded here;
 * Prisma 6.19 can run its differ as WebAssembly through a driver adapter, so we use it for this
 * one job. The adapter must reach a PostgreSQL server, though diffing datamodels reads nothing.
 */
export async function prismaDiffSql(options: {
  schemaPath: string;
  /** An older schema to diff from; omitted: from an empty database. */
  fromSchemaPath?: string;
  databaseUrl: string;
}): Promise<string> {
  const prismaCli = fileURLToPath(import.meta.resolve('prisma-v6/build/index.js'));
  const adapter = import.meta.resolve('@prisma/adapter-pg-v6');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ipo-prisma-diff-'));
  try {
    // Prisma 6 still wants a url in the datasource block, which Prisma 7 forbids.
    const forPrisma6 = async (file: string, name: string) => {
      const text = await readFile(file, 'utf8');
      const patched = text.replace(
        /(datasource\s+db\s*\{[^}]*provider\s*=\s*"postgresql")/,
        '$1\n  url = env("DATABASE_URL")',
      );
      const out = path.join(dir, name);
      await writeFile(out, patched);
      return out;
    };
    const schemaPath = await forPrisma6(options.schemaPath, 'schema.prisma');
    const fromSchemaPath = options.fromSchemaPath
      ? await forPrisma6(options.fromSchemaPath, 'from.prisma')
      : undefined;
    const config = path.join(dir, 'prisma.config.mjs');
    await writeFile(
      config,
      `import { PrismaPg } from ${JSON.stringify(adapter)};
export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: ${JSON.stringify(schemaPath)},
  adapter: async () => new PrismaPg({ connectionString: ${JSON.stringify(options.databaseUrl)} }),
};
`,
    );
    // Any existing file satisfies the engine-path checks; the wasm differ does the work.
    const placeholder = fileURLToPath(import.meta.url);
    const from = fromSchemaPath ? ['--from-schema-datamodel', fromSchemaPath] : ['--from-empty'];
    const { stdout } = await run(
      process.execPath,
      [
        prismaCli,
        'migrate',
        'diff',
        ...from,
        '--to-schema-datamodel',
        schemaPath,
        '--script',
        '--config',
        config,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
          PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
          PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
          CHECKPOINT_DISABLE: '1',
          DATABASE_URL: options.databaseUrl,
        },
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

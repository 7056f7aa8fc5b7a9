// Prisma's schema engine is a separate download this environment cannot fetch. `prisma generate`
// only needs the variable to point at an existing file, so we point it at this script when unset.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const prisma = fileURLToPath(new URL('../node_modules/.bin/prisma', import.meta.url));
const schema = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));
const result = spawnSync(prisma, ['generate', '--schema', schema], { stdio: 'inherit', env });
process.exit(result.status ?? 1);

import { ConfigError, loadConfig } from '../config.js';
import { createToken, listTokens, revokeToken, TokenError } from '../imports/tokens.js';
import { openDatabase } from './database.js';

const usage = `Usage: pnpm run token create <name> | list | revoke <name>

API tokens let other systems send data to /api/ingest/... (Authorization: Bearer <token>).
A token is shown once, when it is created; only its SHA-256 is stored. Tokens are managed here
only, never over HTTP.`;

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '-');

async function main() {
  const [command, name, ...rest] = process.argv.slice(2);
  if (!command || command === '--help' || command === '-h' || rest.length) {
    process.stdout.write(`${usage}\n`);
    if (!command || rest.length) process.exitCode = 1;
    return;
  }
  if ((command === 'create' || command === 'revoke') && !name) {
    throw new TokenError(`Give the token a name.\n\n${usage}`);
  }
  if (!['create', 'list', 'revoke'].includes(command)) {
    throw new TokenError(`Unknown command ${JSON.stringify(command)}.\n\n${usage}`);
  }
  // As the application role: managing tokens is writing rows.
  const db = await openDatabase(loadConfig(), { role: 'app' });
  try {
    if (command === 'create') {
      const token = await createToken(db.prisma, name!);
      process.stdout.write(
        `Created the API token "${name}". Copy it now: it is not shown again.\n\n${token}\n`,
      );
    } else if (command === 'revoke') {
      const { alreadyRevoked } = await revokeToken(db.prisma, name!);
      process.stdout.write(
        alreadyRevoked ? `"${name}" was already revoked.\n` : `Revoked the API token "${name}".\n`,
      );
    } else {
      const tokens = await listTokens(db.prisma);
      if (tokens.length === 0) process.stdout.write('No API tokens.\n');
      for (const t of tokens) {
        process.stdout.write(
          `${t.name}\tcreated ${when(t.createdAt)}\tlast used ${when(t.lastUsedAt)}\t${
            t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'active'
          }\n`,
        );
      }
    }
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

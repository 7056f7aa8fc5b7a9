import { parseArgs } from 'node:util';
import { addDays, type IsoDate, londonMidnightMs } from '@ipo/domain';
import { recordAudit } from '../admin/audit.js';
import { ConfigError, loadConfig } from '../config.js';
import {
  createToken,
  listTokens,
  revokeToken,
  TOKEN_KINDS,
  TokenError,
  type TokenKind,
} from '../imports/tokens.js';
import { openDatabase } from './database.js';

const usage = `Usage:
  pnpm run token create <name> [--kind K ...] [--source S] [--expires YYYY-MM-DD]
  pnpm run token list
  pnpm run token revoke <name>

API tokens let other systems send data to /api/ingest/... (Authorization: Bearer <token>).
--kind limits what it may send (${TOKEN_KINDS.join(', ')}; default all), --source the one source
its rows may carry (default any), --expires the last day it works (default never). A token
is shown once, when it is created; only its SHA-256 is stored. Data stewards can also manage
tokens in the dashboard.`;

const ACTOR = 'command line (pnpm run token)';
const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '-');

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string', multiple: true },
      source: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, name, ...rest] = positionals;
  if (!command || values.help || rest.length) {
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
  const kinds = values.kind ?? [...TOKEN_KINDS];
  const unknown = kinds.filter((k) => !(TOKEN_KINDS as readonly string[]).includes(k));
  if (unknown.length) throw new TokenError(`--kind is one of ${TOKEN_KINDS.join(', ')}.`);
  let expiresAt: Date | null = null;
  if (values.expires) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expires)) {
      throw new TokenError('--expires is a date, such as 2027-03-31.');
    }
    // It works to the end of that day, London time.
    expiresAt = new Date(londonMidnightMs(addDays(values.expires as IsoDate, 1)));
  }
  // As the application role: managing tokens is writing rows.
  const db = await openDatabase(loadConfig(), { role: 'app' });
  try {
    if (command === 'create') {
      const token = await createToken(db.prisma, name!, {
        kinds: kinds as TokenKind[],
        source: values.source ?? null,
        expiresAt,
        createdBy: ACTOR,
      });
      await recordAudit(db.prisma, {
        actor: ACTOR,
        action: 'api_token.create',
        entity: 'api_token',
        entityId: name!,
        details: { kinds, source: values.source ?? null, expiresAt },
      });
      process.stdout.write(
        `Created the API token "${name}". Copy it now: it is not shown again.\n\n${token}\n`,
      );
    } else if (command === 'revoke') {
      const { alreadyRevoked } = await revokeToken(db.prisma, name!);
      if (!alreadyRevoked) {
        await recordAudit(db.prisma, {
          actor: ACTOR,
          action: 'api_token.revoke',
          entity: 'api_token',
          entityId: name!,
          details: null,
        });
      }
      process.stdout.write(
        alreadyRevoked ? `"${name}" was already revoked.\n` : `Revoked the API token "${name}".\n`,
      );
    } else {
      const tokens = await listTokens(db.prisma);
      if (tokens.length === 0) process.stdout.write('No API tokens.\n');
      for (const t of tokens) {
        const state = t.revokedAt
          ? `revoked ${when(t.revokedAt)}`
          : t.expiresAt && t.expiresAt <= new Date()
            ? `expired ${when(t.expiresAt)}`
            : 'active';
        process.stdout.write(
          `${t.name}\t${t.kinds.join(',')}\tsource ${t.source ?? 'any'}\tcreated ${when(t.createdAt)} by ${t.createdBy}\tlast used ${when(t.lastUsedAt)}\t${state}\n`,
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

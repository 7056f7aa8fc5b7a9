import { parseArgs } from 'node:util';
import { ROLES } from '@ipo/domain/access';
import { recordAudit } from '../admin/audit.js';
import { createUser, disableUser, listUsers, UserError } from '../auth/users.js';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from './database.js';

const usage = `Usage:
  pnpm run user create --email E --name N --role R [--role R ...] [--team T ...]
  pnpm run user list
  pnpm run user disable --email E

Local accounts, for installations without an identity provider. Roles: ${ROLES.join(', ')}.
A team lead needs at least one --team (its name, or SERVICE/name where two services share it).
create reads the password from standard input (one line; at least 12 characters and not a
commonly used one), never from the command line. disable also ends the user's sessions.`;

const ACTOR = 'command line (pnpm run user)';

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write('Password (the input is shown; pipe it to hide it): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new UserError('Give the password on standard input.');
  return line;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      team: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help || rest.length) {
    process.stdout.write(`${usage}\n`);
    if (!command || rest.length) process.exitCode = 1;
    return;
  }
  if (!['create', 'list', 'disable'].includes(command)) {
    throw new UserError(`Unknown command ${JSON.stringify(command)}.\n\n${usage}`);
  }
  if ((command === 'create' || command === 'disable') && !values.email) {
    throw new UserError(`Give the user's --email.\n\n${usage}`);
  }
  if (command === 'create' && (!values.name || !values.role?.length)) {
    throw new UserError(`Give the user's --name and at least one --role.\n\n${usage}`);
  }
  const password = command === 'create' ? await readPassword() : undefined;
  const db = await openDatabase(loadConfig(), { role: 'app' });
  try {
    if (command === 'create') {
      const user = await createUser(db.prisma, {
        email: values.email!,
        name: values.name!,
        roles: values.role!,
        teams: values.team ?? [],
        ...(password === undefined ? {} : { password }),
      });
      await recordAudit(db.prisma, {
        actor: ACTOR,
        action: 'user.create',
        entity: 'user',
        entityId: user.email,
        details: { name: user.name, roles: user.roles, teams: user.teams.map((t) => t.name) },
      });
      process.stdout.write(`Created ${user.email} (${user.roles.join(', ')}).\n`);
    } else if (command === 'disable') {
      const result = await disableUser(db.prisma, values.email!);
      if (!result.alreadyDisabled) {
        await recordAudit(db.prisma, {
          actor: ACTOR,
          action: 'user.disable',
          entity: 'user',
          entityId: values.email!.toLowerCase(),
          details: { sessionsEnded: result.sessionsEnded },
        });
      }
      process.stdout.write(
        result.alreadyDisabled
          ? `${values.email} was already disabled.\n`
          : `Disabled ${values.email}; ended ${result.sessionsEnded} session(s).\n`,
      );
    } else {
      const users = await listUsers(db.prisma);
      if (users.length === 0) process.stdout.write('No users.\n');
      for (const u of users) {
        process.stdout.write(
          `${u.email}\t${u.name}\t${u.roles.join(',')}\t${u.teams.map((t) => t.name).join(',') || '-'}\t${u.signsInWith.join(' and ') || 'no way to sign in'}\t${u.disabledAt ? 'disabled' : 'active'}\n`,
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

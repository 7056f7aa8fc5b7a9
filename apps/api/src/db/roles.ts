import pg from 'pg';
import type { Config } from '../config.js';
import { ROLE_SETUP_LOCK } from './locks.js';
import { withTransaction } from './transaction.js';

/**
 * Least privilege in the database (decision 10): migrations and start-up seeding run as the role
 * that owns the schema; the API serves requests as an application role that may read and write
 * rows, create temporary tables and run the schema's functions, but cannot create, alter or drop
 * anything, and may only add to the audit trail.
 */

/**
 * Tables the application role may read and insert into, never update, delete or truncate: the
 * audit trail, and published figures (decision 13: a revision is a new version, never an update).
 */
export const APPEND_ONLY_TABLES = [
  'audit_event',
  'publication',
  'publication_figure',
  'publication_action',
] as const;
/** Tables the application role may only read (the migration runner's own record). */
export const READ_ONLY_TABLES = ['schema_migration'] as const;

export interface AppRole {
  name: string;
  password: string;
}

export class AppRoleError extends Error {
  override name = 'AppRoleError';
}

/** The role name and password in a connection string. */
export function roleFromUrl(url: string): AppRole {
  const u = new URL(url);
  const name = decodeURIComponent(u.username);
  if (!name) throw new AppRoleError('the connection string names no user');
  return { name, password: decodeURIComponent(u.password) };
}

/** The same connection string with another role's credentials. */
export function urlWithRole(url: string, role: AppRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.name);
  u.password = encodeURIComponent(role.password);
  return u.toString();
}

/** Two connection strings that log in as the same role (the single-role set-up). */
export function sameRole(a: string, b: string): boolean {
  return roleFromUrl(a).name === roleFromUrl(b).name;
}

export interface EnsureAppRoleOptions {
  /**
   * Set the role's password to `role.password` even when the role exists (the embedded
   * database, whose roles this application manages). Off for a server someone else runs: the
   * role's password is theirs, and the owner may not be allowed to change it.
   */
  setPassword?: boolean;
}

/**
 * Creates the application role if it is missing (which needs CREATEROLE, or a superuser, as the
 * owner), then grants it exactly the rights the API needs in the owner's database and schema.
 * Run as the owner after every migration run: the grants cover tables added since, and running
 * it again changes nothing. Refuses a role that could change the schema anyway (a superuser, the
 * owner, a member of the owner, the owner of the database or schema, the owner of a table).
 */
export async function ensureAppRole(
  ownerUrl: string,
  role: AppRole,
  options: EnsureAppRoleOptions = {},
): Promise<{ created: boolean }> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Shared by every replica, so that two starts do not grant at the same moment.
    return await withTransaction(client, (c) => grantAppRole(c, role, options), {
      lock: ROLE_SETUP_LOCK,
    });
  } finally {
    await client.end();
  }
}

async function grantAppRole(
  client: pg.Client,
  role: AppRole,
  options: EnsureAppRoleOptions,
): Promise<{ created: boolean }> {
  const id = (name: string) => client.escapeIdentifier(name);
  const app = id(role.name);
  const { rows: here } = await client.query<{
    owner: string;
    database: string;
    schema: string | null;
  }>('SELECT current_user AS owner, current_database() AS database, current_schema() AS schema');
  const { owner, database, schema } = here[0]!;
  if (!schema) throw new AppRoleError('the owner connection has no current schema');
  if (role.name === owner) {
    throw new AppRoleError(
      `the application role ${role.name} is the role that owns the schema; give the API a role of its own`,
    );
  }

  const existing = await client.query<{ rolsuper: boolean; rolcreaterole: boolean }>(
    'SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = $1',
    [role.name],
  );
  const found = existing.rows[0];
  let created = false;
  if (!found) {
    if (!role.password) {
      throw new AppRoleError(
        `the role ${role.name} does not exist, and its connection string has no password to create it with`,
      );
    }
    try {
      await client.query('SAVEPOINT create_role');
      // Created without the right to log in, then given it with its password: a role that
      // exists without a password can never be used to log in.
      await client.query(
        `CREATE ROLE ${app} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT`,
      );
      await client.query(
        `ALTER ROLE ${app} WITH LOGIN PASSWORD ${client.escapeLiteral(role.password)}`,
      );
      await client.query('RELEASE SAVEPOINT create_role');
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error;
      throw new AppRoleError(
        `the role ${role.name} does not exist and ${owner} may not create roles; ask your database administrator to run\n  CREATE ROLE ${app} LOGIN PASSWORD '...';\nwith the password in DATABASE_URL, then start again`,
      );
    }
    created = true;
  } else {
    if (found.rolsuper || found.rolcreaterole) {
      throw new AppRoleError(
        `the application role ${role.name} is a ${found.rolsuper ? 'superuser' : 'role with CREATEROLE'}, so it could change the schema; give the API an ordinary role`,
      );
    }
    if (options.setPassword) {
      await client.query(
        `ALTER ROLE ${app} WITH LOGIN PASSWORD ${client.escapeLiteral(role.password)}`,
      );
    }
  }

  const { rows: power } = await client.query<{ why: string | null }>(
    `SELECT CASE
       WHEN pg_has_role($1, current_user, 'MEMBER') THEN 'a member of ' || current_user
       WHEN (SELECT datdba FROM pg_database WHERE datname = current_database()) = r.oid
         THEN 'the owner of the database'
       WHEN (SELECT nspowner FROM pg_namespace WHERE nspname = $2) = r.oid
         THEN 'the owner of the schema ' || $2
       WHEN EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = $2 AND c.relowner = r.oid)
         THEN 'the owner of tables in ' || $2
     END AS why
       FROM pg_roles r WHERE r.rolname = $1`,
    [role.name, schema],
  );
  const why = power[0]?.why;
  if (why) {
    throw new AppRoleError(
      `the application role ${role.name} is ${why}, so it could change the schema; give the API a role of its own (REASSIGN OWNED BY ${app} TO ${id(owner)} moves what it owns)`,
    );
  }

  const s = id(schema);
  // Start from nothing each time, so the rights are exactly these whatever was granted before.
  const statements = [
    `REVOKE ALL ON DATABASE ${id(database)} FROM ${app}`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${id(database)} TO ${app}`,
    // Nobody but the owner creates objects in the schema (PostgreSQL 15 and later already
    // default to this for the public schema; older databases may still allow it).
    `REVOKE CREATE ON SCHEMA ${s} FROM PUBLIC`,
    `REVOKE ALL ON SCHEMA ${s} FROM ${app}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${app}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM ${app}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${app}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${app}`,
    // Tables, sequences and functions the owner creates later (the next migration) get the
    // same rights; the next start grants them again anyway.
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${id(owner)} IN SCHEMA ${s}
       GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${id(owner)} IN SCHEMA ${s}
       GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${id(owner)} IN SCHEMA ${s}
       GRANT EXECUTE ON FUNCTIONS TO ${app}`,
  ];
  for (const sql of statements) await client.query(sql);
  const tables = async (names: readonly string[]) =>
    (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relname = ANY($2::text[])`,
        [schema, names],
      )
    ).rows.map((r) => `${s}.${id(r.name)}`);
  for (const t of await tables(APPEND_ONLY_TABLES)) {
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${t} FROM ${app}`);
  }
  for (const t of await tables(READ_ONLY_TABLES)) {
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${t} FROM ${app}`);
  }
  return { created };
}

export interface DatabaseUrls {
  /** The role that owns the schema: migrations, the application role's grants, seeding. */
  ownerUrl: string;
  /** The role the API serves with. */
  appUrl: string;
  /**
   * `embedded`: this application runs the server and manages the application role and its
   * password. `separate`: DATABASE_URL and MIGRATION_DATABASE_URL were both given. `single`:
   * DATABASE_URL alone, one role does everything (as before decision 10).
   */
  roles: 'embedded' | 'separate' | 'single';
}

/** Which connection string each part of the start-up uses. */
export function databaseUrls(
  config: Pick<Config, 'DATABASE_URL' | 'MIGRATION_DATABASE_URL'>,
  embedded: { url: string; appUrl: string } | null,
): DatabaseUrls {
  if (embedded) return { ownerUrl: embedded.url, appUrl: embedded.appUrl, roles: 'embedded' };
  if (!config.DATABASE_URL) throw new AppRoleError('DATABASE_URL is not set');
  if (!config.MIGRATION_DATABASE_URL) {
    return { ownerUrl: config.DATABASE_URL, appUrl: config.DATABASE_URL, roles: 'single' };
  }
  return {
    ownerUrl: config.MIGRATION_DATABASE_URL,
    appUrl: config.DATABASE_URL,
    roles: 'separate',
  };
}

/**
 * After the migrations: creates the application role if needed and grants it its rights, unless
 * one role does everything. Says what it did, for the start-up log.
 */
export async function prepareAppRole(urls: DatabaseUrls): Promise<string> {
  if (urls.roles === 'single') {
    return 'DATABASE_URL alone is set: the API connects as the role that owns the schema. Set MIGRATION_DATABASE_URL to that role and DATABASE_URL to one that cannot change the schema.';
  }
  const role = roleFromUrl(urls.appUrl);
  const { created } = await ensureAppRole(urls.ownerUrl, role, {
    setPassword: urls.roles === 'embedded',
  });
  return `${created ? 'Created the application role' : 'Application role'} ${role.name}: reads and writes rows, cannot change the schema.`;
}

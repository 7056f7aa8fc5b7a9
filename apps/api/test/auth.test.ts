import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ErrorResponse, Session, SignInMethods } from '@ipo/contracts';
import { PERMISSION_ROLES, ROLES, type Role } from '@ipo/domain/access';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp, DEFAULT_SESSION_TIMEOUTS } from '../src/app.js';
import { accessPlugin, type RouteAccess } from '../src/auth/access-plugin.js';
import { DEMO_USERS, ensureDemoUsers } from '../src/auth/demo-users.js';
import { passwordProblem } from '../src/auth/passwords.js';
import { createUser, disableUser, UserError } from '../src/auth/users.js';
import { type SignedIn, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * Sign-in, sessions, CSRF, roles and team scoping (decision 11), through the real routes on a
 * real database. The route-table test walks every route the application registers.
 */
let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let teamA: number;
let teamB: number;
const PASSWORD = 'correct horse battery staple';
const same = { 'sec-fetch-site': 'same-origin' };

beforeAll(async () => {
  db = await createTestDatabase();
  teamA = (await db.prisma.team.create({ data: { serviceCode: 'patents', name: 'Auth Team A' } }))
    .id;
  teamB = (await db.prisma.team.create({ data: { serviceCode: 'patents', name: 'Auth Team B' } }))
    .id;
  await db.prisma.team.create({
    data: { serviceCode: 'customer-support', name: 'Examination Team C' },
  });
  await createUser(db.prisma, {
    email: 'Local.User@Example.org',
    name: 'Local User',
    roles: ['manager'],
    password: PASSWORD,
  });
  app = await buildApp({
    db,
    dbMode: 'external',
    auth: {
      demo: true,
      sessions: DEFAULT_SESSION_TIMEOUTS,
      throttle: { windowMs: 15 * 60_000, perAccount: 3, perAddress: 50 },
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const set = res.headers['set-cookie'];
  const line = (Array.isArray(set) ? set : [set]).find((c) => String(c).startsWith('ipo_session='));
  return line ? String(line) : null;
};

async function passwordSignIn(
  email: string,
  password: string,
  headers: Record<string, string> = same,
) {
  return app.inject({ method: 'POST', url: '/api/session', headers, payload: { email, password } });
}

async function auditActions(actor: string) {
  const { rows } = await db.pool.query<{ action: string; request_id: string | null }>(
    'SELECT action, request_id FROM audit_event WHERE actor = $1 ORDER BY id',
    [actor],
  );
  return rows;
}

describe('local accounts', () => {
  test('sign in, read the session, sign out; every step audited with the real actor', async () => {
    const res = await passwordSignIn('local.user@example.org', PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here
    const token = /^ipo_session=([^;]+)/.exec(cookie ?? '')?.[1];
    const body = res.json<Session>();
    expect(body.user).toEqual({
      email: 'local.user@example.org',
      name: 'Local User',
      roles: ['manager'],
      teams: [],
    });
    const headers = { cookie: `ipo_session=${token}`, 'x-csrf-token': body.csrfToken, ...same };

    const who = await app.inject({ method: 'GET', url: '/api/session', headers });
    expect(who.statusCode).toBe(200);
    expect(who.json<Session>().csrfToken).toBe(body.csrfToken);
    // Only the token's hash is stored.
    const stored = await db.pool.query<{ id: string }>('SELECT id FROM session');
    expect(stored.rows.map((r) => r.id)).not.toContain(token);

    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/ipo_session=;/);
    expect((await app.inject({ method: 'GET', url: '/api/session', headers })).statusCode).toBe(
      401,
    );
    const trail = await auditActions('local.user@example.org');
    expect(trail.map((r) => r.action)).toEqual(['session.sign_in', 'session.sign_out']);
    expect(trail.every((r) => r.request_id)).toBe(true);
  });

  test('each sign-in gets a new session id', async () => {
    const a = cookieOf(await passwordSignIn('local.user@example.org', PASSWORD));
    const b = cookieOf(await passwordSignIn('local.user@example.org', PASSWORD));
    expect(a).not.toBeNull();
    expect(a).not.toEqual(b);
  });

  test('an unknown address and a wrong password get the same answer, and both are audited', async () => {
    const unknown = await passwordSignIn('nobody@example.org', 'whatever it may be');
    const wrong = await passwordSignIn('local.user@example.org', 'not the right password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json<ErrorResponse>().message).toBe(wrong.json<ErrorResponse>().message);
    expect(cookieOf(wrong)).toBeNull();
    expect((await auditActions('nobody@example.org')).map((r) => r.action)).toEqual([
      'session.sign_in_failed',
    ]);
  });

  test('after too many failures the account is locked for the window, even with the right password', async () => {
    await createUser(db.prisma, {
      email: 'throttled@example.org',
      name: 'Throttled',
      roles: ['viewer'],
      password: PASSWORD,
    });
    for (let i = 0; i < 3; i++) {
      expect(
        (await passwordSignIn('throttled@example.org', `wrong guess number ${i}`)).statusCode,
      ).toBe(401);
    }
    const locked = await passwordSignIn('throttled@example.org', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(cookieOf(locked)).toBeNull();
  });

  test('sign-in from another site is refused (login CSRF)', async () => {
    const res = await passwordSignIn('local.user@example.org', PASSWORD, {
      'sec-fetch-site': 'cross-site',
    });
    expect(res.statusCode).toBe(403);
  });

  test('a bad body names the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@b.c' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>().issues?.map((i) => i.field)).toEqual(['password']);
  });

  test('passwords: at least 12 characters, not a common one, no composition rules', async () => {
    expect(passwordProblem('short one')).toMatch(/at least 12/);
    expect(passwordProblem('123456789012')).toMatch(/commonly used/);
    expect(passwordProblem('Password1234')).toMatch(/commonly used/);
    expect(passwordProblem('Sunflower-Tuesday')).toBeNull();
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/repeats/);
    expect(passwordProblem('jo.smith.secret.words', { email: 'jo.smith@example.org' })).toMatch(
      /e-mail/,
    );
    expect(passwordProblem('plain lower case words')).toBeNull();
    await expect(
      createUser(db.prisma, {
        email: 'weak@example.org',
        name: 'Weak',
        roles: ['viewer'],
        password: '1q2w3e4r5t6y',
      }),
    ).rejects.toThrow(UserError);
    await expect(
      createUser(db.prisma, { email: 'lead@example.org', name: 'Lead', roles: ['team-lead'] }),
    ).rejects.toThrow('A team lead needs at least one team');
    await expect(
      createUser(db.prisma, { email: 'x@example.org', name: 'X', roles: ['superuser'] }),
    ).rejects.toThrow(/Roles are/);
  });
});

describe('sessions', () => {
  test('end after the idle timeout, at the absolute timeout, and when the user is disabled', async () => {
    const idle = await signInAs(db, ['viewer']);
    await db.pool.query(
      `UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`,
      [idle.user.id],
    );
    const res = await app.inject({ method: 'GET', url: '/api/session', headers: idle.headers });
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorResponse>().message).toBe('Your session has ended. Sign in again.');

    const old = await signInAs(db, ['viewer']);
    await db.pool.query(
      `UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [old.user.id],
    );
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: old.headers })).statusCode,
    ).toBe(401);

    const leaving = await signInAs(db, ['viewer']);
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: leaving.headers }))
        .statusCode,
    ).toBe(200);
    expect(await disableUser(db.prisma, leaving.user.email)).toEqual({
      alreadyDisabled: false,
      sessionsEnded: 1,
    });
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: leaving.headers }))
        .statusCode,
    ).toBe(401);
  });

  test('a write with the session cookie needs this origin and the CSRF token', async () => {
    const admin = await signInAs(db, ['admin']);
    const write = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/feedback/themes/taxonomy',
        headers,
        payload: { code: 'csrf-theme', name: 'CSRF theme', phrases: ['csrf phrase'] },
      });
    const { 'x-csrf-token': _token, ...noToken } = admin.headers;
    expect((await write(noToken)).statusCode).toBe(403);
    expect((await write({ ...admin.headers, 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await write({ ...admin.headers, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(
      403,
    );
    const { 'sec-fetch-site': _site, ...noSite } = admin.headers;
    expect(
      (await write({ ...noSite, origin: 'https://elsewhere.example', host: 'localhost' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await write({ ...noSite, origin: 'http://localhost', host: 'localhost' })).statusCode,
    ).toBe(201);
  });

  test('behind a trusted HTTPS proxy the cookie is Secure', async () => {
    const proxied = await buildApp({ db, dbMode: 'external', trustProxy: true });
    try {
      const res = await proxied.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-forwarded-proto': 'https', ...same },
        payload: { email: 'local.user@example.org', password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(cookieOf(res)).toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });
});

describe('demo sign-in', () => {
  test('one user per role, a team lead of Examination Team C among them; off with the demo data', async () => {
    await ensureDemoUsers(db.prisma);
    const methods = (
      await app.inject({ method: 'GET', url: '/api/session/methods' })
    ).json<SignInMethods>();
    expect(methods.demoUsers.map((u) => u.roles[0]).sort()).toEqual([...ROLES].sort());
    expect(
      methods.demoUsers.find((u) => u.roles.includes('team-lead'))?.teams.map((t) => t.name),
    ).toEqual(['Examination Team C']);
    const lead = DEMO_USERS.find((u) => u.roles.includes('team-lead'));
    const res = await app.inject({
      method: 'POST',
      url: '/api/session/demo',
      headers: same,
      payload: { email: lead?.email },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Session>().user.teams.map((t) => t.name)).toEqual(['Examination Team C']);
    expect(res.json<Session>().method).toBe('demo');
    // No password signs a demo user in.
    expect(
      (await passwordSignIn(lead?.email ?? '', 'correct horse battery staple')).statusCode,
    ).toBe(401);

    const off = await buildApp({ db, dbMode: 'external' });
    try {
      const none = (
        await off.inject({ method: 'GET', url: '/api/session/methods' })
      ).json<SignInMethods>();
      expect(none.demoUsers).toEqual([]);
      const refused = await off.inject({
        method: 'POST',
        url: '/api/session/demo',
        headers: same,
        payload: { email: lead?.email },
      });
      expect(refused.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('every route declares who may call it', () => {
  const sample: Record<string, string> = {
    code: 'csc-calls',
    id: '1',
    kind: 'work-items',
    date: '2030-01-02',
    name: 'no-such-token',
    '*': 'x',
  };
  const concrete = (url: string) => url.replace(/:(\w+)|\*/g, (m, p) => sample[p ?? '*'] ?? m);

  test('a route without a declaration stops the application from building', async () => {
    const bare = Fastify();
    await bare.register(accessPlugin, { sessions: DEFAULT_SESSION_TIMEOUTS });
    expect(() => bare.get('/api/undeclared', async () => 'open')).toThrow(
      'GET /api/undeclared does not declare who may call it (config.access).',
    );
    await bare.close();
  });

  test('anonymous callers get 401 and users without the permission 403, on every route', async () => {
    const routes = app.routeAccess.filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(40);
    // Written once: what anyone may call.
    const publicRoutes = routes
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual(
      [
        'GET /api/health',
        'GET /api/session/methods',
        'POST /api/session',
        'POST /api/session/demo',
        // The public transparency pages (decision 13): published figures only.
        'GET /performance',
        'GET /performance/:period',
        'GET /performance/style.css',
        'GET /performance.csv',
        'GET /performance.ods',
      ].sort(),
    );
    const byRole = new Map<Role, SignedIn>();
    for (const role of ROLES) {
      byRole.set(
        role,
        await signInAs(db, [role], role === 'team-lead' ? { teams: ['Auth Team A'] } : {}),
      );
    }
    let checked = 0;
    for (const route of routes) {
      if (route.access === 'public') continue;
      const url = concrete(route.url);
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      const anonymous = await app.inject({ method, url, payload });
      expect(anonymous.statusCode, `anonymous ${route.method} ${route.url}`).toBe(401);
      checked++;
      const access = route.access as RouteAccess;
      if (access === 'ingestion-token' || access === 'signed-in' || access === 'public') continue;
      // A route several permissions open: the roles granting any of them.
      const allowed = (typeof access === 'string' ? [access] : access).flatMap(
        (permission) => PERMISSION_ROLES[permission],
      );
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const res = await app.inject({ method, url, payload, headers: byRole.get(role)?.headers });
        expect(res.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
      }
    }
    expect(checked).toBeGreaterThan(35);
  });
});

describe('team scoping', () => {
  test("a team lead reads their own teams' comments and records, and is refused anyone else's", async () => {
    const lead = await signInAs(db, ['team-lead'], { teams: ['Auth Team A'] });
    const manager = await signInAs(db, ['manager']);
    const get = (who: SignedIn, url: string) =>
      app.inject({ method: 'GET', url, headers: who.headers });
    const comments = '/api/feedback/comments?period=2025-10';
    expect((await get(lead, `${comments}&team=${teamA}`)).statusCode).toBe(200);
    const other = await get(lead, `${comments}&team=${teamB}`);
    expect(other.statusCode).toBe(403);
    expect(other.json<ErrorResponse>().message).toBe(
      `Team ${teamB} is not one of your teams (Auth Team A (${teamA})).`,
    );
    expect((await get(lead, comments)).statusCode).toBe(403);
    expect((await get(manager, comments)).statusCode).toBe(200);
    const items = '/api/standards/csat/items?period=2025-10';
    expect((await get(lead, `${items}&team=${teamB}`)).statusCode).toBe(403);
    expect((await get(lead, items)).statusCode).toBe(403);
    expect((await get(manager, items)).statusCode).toBe(200);
    expect((await get(lead, '/api/feedback/phrases?period=2025-10')).statusCode).toBe(403);
  });

  test('a team lead records actions for their teams only; every change is audited with who made it', async () => {
    await db.pool.query(
      `INSERT INTO theme (code, name, phrases) VALUES ('scope-theme', 'Scope theme', '{}')`,
    );
    const lead = await signInAs(db, ['team-lead'], { teams: ['Auth Team A'] });
    const action = (teamId: number | null) => ({
      themeCode: 'scope-theme',
      title: 'Call customers back',
      owner: 'Team A lead',
      teamId,
    });
    const post = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/feedback/actions', headers: lead.headers, payload });
    expect((await post(action(teamB))).statusCode).toBe(403);
    expect((await post(action(null))).statusCode).toBe(403);
    const created = await post(action(teamA));
    expect(created.statusCode, created.body).toBe(201);
    const { id, teamName } = created.json<{ id: number; teamName: string }>();
    expect(teamName).toBe('Auth Team A');
    const manager = await signInAs(db, ['manager']);
    const moved = await app.inject({
      method: 'PUT',
      url: `/api/feedback/actions/${id}`,
      headers: manager.headers,
      payload: action(teamB),
    });
    expect(moved.statusCode).toBe(200);
    // Now another team's: the lead may no longer change or delete it.
    const refused = await app.inject({
      method: 'DELETE',
      url: `/api/feedback/actions/${id}`,
      headers: lead.headers,
    });
    expect(refused.statusCode).toBe(403);
    const { rows } = await db.pool.query<{ actor: string; action: string }>(
      `SELECT actor, action FROM audit_event WHERE entity = 'action' AND entity_id = $1 ORDER BY id`,
      [String(id)],
    );
    expect(rows).toEqual([
      { actor: lead.user.email, action: 'action.create' },
      { actor: manager.user.email, action: 'action.update' },
    ]);
  });
});

describe('the audit trail', () => {
  test('administrators filter it by actor, kind and dates, page it and export it; others may not', async () => {
    const admin = await signInAs(db, ['admin']);
    const get = (url: string, who: SignedIn = admin) =>
      app.inject({ method: 'GET', url, headers: who.headers });
    const manager = await signInAs(db, ['manager']);
    expect((await get('/api/audit', manager)).statusCode).toBe(403);
    const mine = (await get('/api/audit?actor=LOCAL.USER@example.org&kind=session')).json<{
      events: { actor: string; action: string; address: string | null }[];
    }>();
    expect(mine.events.length).toBeGreaterThan(1);
    expect(
      mine.events.every(
        (e) => e.actor === 'local.user@example.org' && e.action.startsWith('session.'),
      ),
    ).toBe(true);
    expect(mine.events.every((e) => e.address === '127.0.0.1')).toBe(true);
    const first = (await get('/api/audit?limit=2')).json<{
      events: { id: number }[];
      nextBefore: number;
    }>();
    expect(first.events).toHaveLength(2);
    const next = (await get(`/api/audit?limit=2&before=${first.nextBefore}`)).json<{
      events: { id: number }[];
    }>();
    expect(next.events[0]?.id).toBeLessThan(first.events[1]?.id ?? 0);
    expect(
      (await get('/api/audit?from=2000-01-01&to=2000-01-31')).json<{ events: unknown[] }>().events,
    ).toEqual([]);
    const backwards = await get('/api/audit?from=2026-02-01&to=2026-01-01');
    expect(backwards.statusCode).toBe(400);
    const csv = await get('/api/audit?format=csv&kind=session.sign_in_failed');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,entity,entity_id,request_id,address,details');
    expect(lines.slice(1).every((l) => l.includes(',session.sign_in_failed,'))).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
  });
});

describe('pnpm run user', () => {
  const apiDir = fileURLToPath(new URL('..', import.meta.url));
  const run = (args: string[], input?: string) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/user.ts', ...args],
        { cwd: apiDir, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' } },
        (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
      );
      child.stdin?.end(input ?? '');
    });

  test('creates a user with the password from standard input, lists and disables them, audited', async () => {
    const created = await run(
      [
        'create',
        '--email',
        'cli.lead@example.org',
        '--name',
        'CLI Lead',
        '--role',
        'team-lead',
        '--team',
        'patents/Auth Team A',
      ],
      'a long enough passphrase\n',
    );
    expect(created.err).toBe('');
    expect(created.out).toBe('Created cli.lead@example.org (team-lead).\n');
    const signIn = await passwordSignIn('cli.lead@example.org', 'a long enough passphrase');
    expect(signIn.json<Session>().user.teams.map((t) => t.name)).toEqual(['Auth Team A']);
    const weak = await run(
      ['create', '--email', 'cli.weak@example.org', '--name', 'Weak', '--role', 'viewer'],
      'password\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/at least 12 characters/);
    const list = await run(['list']);
    expect(list.out).toMatch(
      /^cli\.lead@example\.org\tCLI Lead\tteam-lead\tAuth Team A\tpassword\tactive$/m,
    );
    const disabled = await run(['disable', '--email', 'cli.lead@example.org']);
    expect(disabled.out).toBe('Disabled cli.lead@example.org; ended 1 session(s).\n');
    expect(
      (await passwordSignIn('cli.lead@example.org', 'a long enough passphrase')).statusCode,
    ).toBe(401);
    expect((await auditActions('command line (pnpm run user)')).map((r) => r.action)).toEqual([
      'user.create',
      'user.disable',
    ]);
  }, 60_000);
});

describe('sign-in attempts per address', () => {
  test('are rate limited like the other costly endpoints', async () => {
    const limited = await buildApp({
      db,
      dbMode: 'external',
      rateLimits: { windowMs: 60_000, search: 0, imports: 0, ingest: 0, signIn: 2 },
    });
    try {
      const attempt = () =>
        limited.inject({
          method: 'POST',
          url: '/api/session',
          headers: same,
          payload: { email: 'rate@example.org', password: 'any password at all' },
        });
      expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).statusCode).toBe(401);
      const third = await attempt();
      expect(third.statusCode).toBe(429);
      expect(third.json<ErrorResponse>().message).toMatch(
        /^Too many sign-in attempts from your address/,
      );
    } finally {
      await limited.close();
    }
  });
});

describe('imports in the audit trail', () => {
  test('a file import is recorded with the data steward who sent it, and a viewer may not import', async () => {
    const steward = await signInAs(db, ['data-steward']);
    const viewer = await signInAs(db, ['viewer']);
    const csv =
      'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\nAUD-1,phone_call,customer-support,,phone,individual,2025-07-01T09:00:00Z,\n';
    const send = (who: SignedIn) =>
      app.inject({
        method: 'POST',
        url: '/api/imports/work-items?source=audited&filename=audited.csv',
        headers: { 'content-type': 'text/csv', ...who.headers },
        payload: csv,
      });
    expect((await send(viewer)).statusCode).toBe(403);
    const res = await send(steward);
    expect(res.statusCode, res.body).toBe(200);
    const { batchId } = res.json<{ batchId: number }>();
    const { rows } = await db.pool.query<{
      actor: string;
      action: string;
      details: { file: string };
    }>(
      `SELECT actor, action, details FROM audit_event WHERE entity = 'import_batch' AND entity_id = $1`,
      [String(batchId)],
    );
    expect(rows).toEqual([
      {
        actor: steward.user.email,
        action: 'import.applied',
        details: expect.objectContaining({
          file: 'audited.csv',
          kind: 'work-items',
          source: 'audited',
        }),
      },
    ]);
  });
});

import type {
  AdminUser,
  AdminUsersResponse,
  ApiTokensResponse,
  ErrorResponse,
  InviteUserResponse,
  TeamsResponse,
  UserChangeResponse,
} from '@ipo/contracts';
import type { Role } from '@ipo/domain/access';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { passwordProblem } from '../src/auth/passwords.js';
import { generateInitialPassword } from '../src/auth/users.js';
import { type SignedIn, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * Users and roles administered from the dashboard (issue 14): who may, what a change needs, the
 * audit trail of each, the one-time first password, the end of a disabled user's sessions and
 * the guards that stop an administrator locking themselves out. Also who may manage ingestion
 * tokens (data stewards and administrators) and the list of teams the forms offer.
 */
let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let admin: SignedIn;
let teamA: number;
let teamB: number;
const same = { 'sec-fetch-site': 'same-origin' };

beforeAll(async () => {
  db = await createTestDatabase();
  teamA = (await db.prisma.team.create({ data: { serviceCode: 'patents', name: 'Users Team A' } }))
    .id;
  teamB = (
    await db.prisma.team.create({ data: { serviceCode: 'trade-marks', name: 'Users Team B' } })
  ).id;
  app = await buildApp({ db, dbMode: 'external' });
  await app.ready();
  admin = await signInAs(db, ['admin'], { email: 'the.admin@test.example' });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (who: SignedIn | null, method: Method, url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: who?.headers ?? {},
    ...(payload ? { payload } : method === 'POST' || method === 'PATCH' ? { payload: {} } : {}),
  });

async function auditOf(email: string) {
  const { rows } = await db.pool.query<{ actor: string; action: string; details: unknown }>(
    `SELECT actor, action, details FROM audit_event
      WHERE entity = 'user' AND entity_id = $1 AND action LIKE 'user.%' ORDER BY id`,
    [email],
  );
  return rows;
}

async function invite(body: object, who: SignedIn = admin) {
  return call(who, 'POST', '/api/admin/users', body);
}

async function listed(email: string): Promise<AdminUser | undefined> {
  const res = await call(admin, 'GET', '/api/admin/users');
  expect(res.statusCode).toBe(200);
  return res.json<AdminUsersResponse>().users.find((u) => u.email === email);
}

const fields = (res: { json: <T>() => T }) =>
  (res.json<ErrorResponse>().issues ?? []).map((i) => i.field);

describe('who may administer users', () => {
  test('anonymous callers get 401; every role but administrator gets 403, on every route', async () => {
    const routes: [Method, string][] = [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users'],
      ['PATCH', '/api/admin/users/someone@test.example'],
      ['POST', '/api/admin/users/someone@test.example/disable'],
      ['POST', '/api/admin/users/someone@test.example/enable'],
    ];
    const others: [Role, string[]][] = [
      ['viewer', []],
      ['manager', []],
      ['data-steward', []],
      ['team-lead', ['Users Team A']],
    ];
    for (const [method, url] of routes) {
      expect((await call(null, method, url)).statusCode, `anonymous ${method} ${url}`).toBe(401);
      for (const [role, teams] of others) {
        const who = await signInAs(db, [role], { teams });
        const res = await call(who, method, url);
        expect(res.statusCode, `${role} ${method} ${url}`).toBe(403);
        expect(res.json<ErrorResponse>().message).toBe('This needs the role of an administrator.');
      }
    }
  });
});

describe('inviting a user', () => {
  test('without an identity provider: a one-time password they can sign in with, audited without it', async () => {
    const res = await invite({
      email: '  New.Lead@Test.Example ',
      name: ' Nia Lead ',
      roles: ['team-lead', 'viewer'],
      teams: [teamA],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<InviteUserResponse>();
    expect(body.user).toMatchObject({
      email: 'new.lead@test.example',
      name: 'Nia Lead',
      // In the order of the roles table, whatever order they were sent in.
      roles: ['viewer', 'team-lead'],
      teams: [{ id: teamA, name: 'Users Team A', service: 'patents' }],
      signsInWith: ['password'],
      disabled: false,
      lastSignInAt: null,
    });
    const password = body.initialPassword ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(passwordProblem(password, { email: 'new.lead@test.example' })).toBeNull();
    // Only a hash is kept.
    const stored = await db.pool.query<{ password_hash: string }>(
      `SELECT password_hash FROM app_user WHERE email = 'new.lead@test.example'`,
    );
    expect(stored.rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.rows[0]?.password_hash).not.toContain(password);

    const signIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: same,
      payload: { email: 'new.lead@test.example', password },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect((await listed('new.lead@test.example'))?.lastSignInAt).not.toBeNull();

    const trail = await auditOf('new.lead@test.example');
    expect(trail).toEqual([
      {
        actor: 'the.admin@test.example',
        action: 'user.create',
        details: {
          name: 'Nia Lead',
          roles: ['viewer', 'team-lead'],
          teams: ['Users Team A'],
          signsInWith: 'password',
        },
      },
    ]);
    expect(JSON.stringify(trail)).not.toContain(password);
  });

  test('a bad invitation answers 400 naming each field; an address in use 409 naming email', async () => {
    const bad = await invite({ email: 'not an address', name: '  ', roles: [] });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['email', 'name', 'roles']);

    const unknownRole = await invite({ email: 'x@test.example', name: 'X', roles: ['owner'] });
    expect(unknownRole.statusCode).toBe(400);
    expect(fields(unknownRole)).toEqual(['roles.0']);

    const leadWithoutTeam = await invite({
      email: 'lonely.lead@test.example',
      name: 'Lonely Lead',
      roles: ['team-lead'],
    });
    expect(leadWithoutTeam.statusCode).toBe(400);
    expect(fields(leadWithoutTeam)).toEqual(['teams']);
    expect(leadWithoutTeam.json<ErrorResponse>().message).toMatch(/team lead needs at least one/);

    const noSuchTeam = await invite({
      email: 'ghost.team@test.example',
      name: 'Ghost Team',
      roles: ['team-lead'],
      teams: [999_999],
    });
    expect(noSuchTeam.statusCode).toBe(400);
    expect(fields(noSuchTeam)).toEqual(['teams']);
    expect(await listed('ghost.team@test.example')).toBeUndefined();

    const first = await invite({ email: 'twice@test.example', name: 'Twice', roles: ['viewer'] });
    expect(first.statusCode).toBe(201);
    const again = await invite({ email: 'TWICE@test.example', name: 'Again', roles: ['manager'] });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['email']);
    expect((await listed('twice@test.example'))?.roles).toEqual(['viewer']);
    // Nothing refused was recorded as made.
    expect((await auditOf('twice@test.example')).map((r) => r.action)).toEqual(['user.create']);
    expect(await auditOf('lonely.lead@test.example')).toEqual([]);
  });

  test('with an identity provider: no password; they sign in through it', async () => {
    const withIdp = await buildApp({
      db,
      dbMode: 'external',
      auth: {
        oidc: {
          issuer: 'http://127.0.0.1:9/never-called',
          clientId: 'dashboard',
          clientSecret: 'secret',
          rolesClaim: 'ipo_roles',
          label: 'your IPO account',
          redirectUri: 'http://localhost/api/auth/oidc/callback',
        },
      },
    });
    try {
      const res = await withIdp.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: admin.headers,
        payload: { email: 'idp.user@test.example', name: 'Idp User', roles: ['manager'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<InviteUserResponse>();
      expect(body.initialPassword).toBeNull();
      expect(body.user.signsInWith).toEqual(['identity-provider']);
      const stored = await db.pool.query<{ password_hash: string | null }>(
        `SELECT password_hash FROM app_user WHERE email = 'idp.user@test.example'`,
      );
      expect(stored.rows[0]?.password_hash).toBeNull();
      const list = (
        await withIdp.inject({ method: 'GET', url: '/api/admin/users', headers: admin.headers })
      ).json<AdminUsersResponse>();
      expect(list.identityProvider).toBe(true);
      expect((await auditOf('idp.user@test.example'))[0]?.details).toMatchObject({
        signsInWith: 'identity provider',
      });
    } finally {
      await withIdp.close();
    }
  });

  test('generated passwords are 20 random characters that pass the password rules', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateInitialPassword('someone@test.example');
      expect(password.replaceAll('-', '')).toHaveLength(20);
      expect(passwordProblem(password, { email: 'someone@test.example' })).toBeNull();
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});

describe('changing roles and teams', () => {
  test('replaces them, audited with before and after; a change that changes nothing is not recorded', async () => {
    await invite({ email: 'changing@test.example', name: 'Changing', roles: ['viewer'] });
    const res = await call(admin, 'PATCH', '/api/admin/users/Changing@test.example', {
      roles: ['team-lead'],
      teams: [teamB, teamA],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { user } = res.json<UserChangeResponse>();
    expect(user.roles).toEqual(['team-lead']);
    expect(user.teams.map((t) => t.id).sort()).toEqual([teamA, teamB].sort());

    // Teams alone: the roles stay.
    const teamsOnly = await call(admin, 'PATCH', '/api/admin/users/changing@test.example', {
      teams: [teamB],
    });
    expect(teamsOnly.json<UserChangeResponse>().user).toMatchObject({
      roles: ['team-lead'],
      teams: [{ id: teamB, name: 'Users Team B', service: 'trade-marks' }],
    });
    const unchanged = await call(admin, 'PATCH', '/api/admin/users/changing@test.example', {
      roles: ['team-lead'],
    });
    expect(unchanged.statusCode).toBe(200);

    const trail = await auditOf('changing@test.example');
    expect(trail.map((r) => r.action)).toEqual(['user.create', 'user.update', 'user.update']);
    expect(trail[1]).toEqual({
      actor: 'the.admin@test.example',
      action: 'user.update',
      details: {
        before: { roles: ['viewer'], teams: [] },
        after: { roles: ['team-lead'], teams: ['Users Team A', 'Users Team B'] },
      },
    });
    expect(trail[2]?.details).toEqual({
      before: { roles: ['team-lead'], teams: ['Users Team A', 'Users Team B'] },
      after: { roles: ['team-lead'], teams: ['Users Team B'] },
    });
  });

  test('the new roles take effect on the user’s next request', async () => {
    const person = await signInAs(db, ['viewer'], { email: 'promoted@test.example' });
    expect((await call(person, 'GET', '/api/imports')).statusCode).toBe(403);
    const res = await call(admin, 'PATCH', '/api/admin/users/promoted@test.example', {
      roles: ['data-steward'],
    });
    expect(res.statusCode).toBe(200);
    expect((await call(person, 'GET', '/api/imports')).statusCode).toBe(200);
  });

  test('a team lead must keep a team; bad input names its field; an unknown user is 404', async () => {
    await invite({
      email: 'lead.keeps@test.example',
      name: 'Lead Keeps',
      roles: ['team-lead'],
      teams: [teamA],
    });
    const noTeams = await call(admin, 'PATCH', '/api/admin/users/lead.keeps@test.example', {
      teams: [],
    });
    expect(noTeams.statusCode).toBe(400);
    expect(fields(noTeams)).toEqual(['teams']);
    const becomesLead = await call(admin, 'PATCH', '/api/admin/users/twice@test.example', {
      roles: ['team-lead'],
    });
    expect(becomesLead.statusCode).toBe(400);
    expect(fields(becomesLead)).toEqual(['teams']);
    const noRoles = await call(admin, 'PATCH', '/api/admin/users/lead.keeps@test.example', {
      roles: [],
    });
    expect(noRoles.statusCode).toBe(400);
    expect(fields(noRoles)).toEqual(['roles']);
    const nothing = await call(admin, 'PATCH', '/api/admin/users/lead.keeps@test.example', {});
    expect(nothing.statusCode).toBe(400);
    expect(fields(nothing)).toEqual(['roles']);
    const unknownTeam = await call(admin, 'PATCH', '/api/admin/users/lead.keeps@test.example', {
      teams: [999_999],
    });
    expect(unknownTeam.statusCode).toBe(400);
    expect(fields(unknownTeam)).toEqual(['teams']);
    const nobody = await call(admin, 'PATCH', '/api/admin/users/nobody@test.example', {
      roles: ['viewer'],
    });
    expect(nobody.statusCode).toBe(404);
    expect((await auditOf('lead.keeps@test.example')).map((r) => r.action)).toEqual([
      'user.create',
    ]);
  });

  test('an administrator may not take away their own administrator role, but may add to it', async () => {
    const self = await signInAs(db, ['admin'], { email: 'self.admin@test.example' });
    const drop = await call(self, 'PATCH', '/api/admin/users/self.admin@test.example', {
      roles: ['manager'],
    });
    expect(drop.statusCode).toBe(400);
    expect(fields(drop)).toEqual(['roles']);
    expect(drop.json<ErrorResponse>().message).toMatch(/your own administrator role/);
    const add = await call(self, 'PATCH', '/api/admin/users/self.admin@test.example', {
      roles: ['admin', 'data-steward'],
    });
    expect(add.statusCode).toBe(200);
    expect(add.json<UserChangeResponse>().user.roles).toEqual(['data-steward', 'admin']);
    // Another administrator may.
    const other = await call(admin, 'PATCH', '/api/admin/users/self.admin@test.example', {
      roles: ['data-steward'],
    });
    expect(other.statusCode).toBe(200);
    expect((await call(self, 'GET', '/api/admin/users')).statusCode).toBe(403);
  });
});

describe('disabling and enabling', () => {
  test('disabling ends the user’s sessions at once and is audited; enabling lets them back', async () => {
    const person = await signInAs(db, ['manager'], { email: 'leaving@test.example' });
    const second = await signInAs(db, ['viewer'], { email: 'other.person@test.example' });
    expect((await call(person, 'GET', '/api/session')).statusCode).toBe(200);

    const res = await call(admin, 'POST', '/api/admin/users/leaving@test.example/disable');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<UserChangeResponse>();
    expect(body.sessionsEnded).toBe(1);
    expect(body.user.disabled).toBe(true);
    expect(body.user.disabledAt).not.toBeNull();
    const ended = await call(person, 'GET', '/api/session');
    expect(ended.statusCode).toBe(401);
    expect(ended.json<ErrorResponse>().message).toBe('Your session has ended. Sign in again.');
    // Nobody else's session.
    expect((await call(second, 'GET', '/api/session')).statusCode).toBe(200);
    expect((await listed('leaving@test.example'))?.disabled).toBe(true);

    // Again: nothing changes, nothing is recorded.
    expect(
      (await call(admin, 'POST', '/api/admin/users/leaving@test.example/disable')).statusCode,
    ).toBe(200);
    const enabled = await call(admin, 'POST', '/api/admin/users/leaving@test.example/enable');
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json<UserChangeResponse>().user).toMatchObject({
      disabled: false,
      disabledAt: null,
    });
    expect(await auditOf('leaving@test.example')).toEqual([
      {
        actor: 'the.admin@test.example',
        action: 'user.disable',
        details: { sessionsEnded: 1 },
      },
      { actor: 'the.admin@test.example', action: 'user.enable', details: null },
    ]);
  });

  test('a disabled user cannot sign in with their password until enabled', async () => {
    const made = (
      await invite({ email: 'paused@test.example', name: 'Paused', roles: ['viewer'] })
    ).json<InviteUserResponse>();
    const signIn = () =>
      app.inject({
        method: 'POST',
        url: '/api/session',
        headers: same,
        payload: { email: 'paused@test.example', password: made.initialPassword },
      });
    await call(admin, 'POST', '/api/admin/users/paused@test.example/disable');
    expect((await signIn()).statusCode).toBe(401);
    await call(admin, 'POST', '/api/admin/users/paused@test.example/enable');
    expect((await signIn()).statusCode).toBe(200);
  });

  test('an administrator may not disable themselves; an unknown user is 404', async () => {
    const self = await call(admin, 'POST', '/api/admin/users/THE.ADMIN@test.example/disable');
    expect(self.statusCode).toBe(400);
    expect(self.json<ErrorResponse>().message).toMatch(/your own account/);
    expect((await call(admin, 'GET', '/api/session')).statusCode).toBe(200);
    expect(
      (await call(admin, 'POST', '/api/admin/users/nobody@test.example/disable')).statusCode,
    ).toBe(404);
    expect(
      (await call(admin, 'POST', '/api/admin/users/nobody@test.example/enable')).statusCode,
    ).toBe(404);
    expect(await auditOf('the.admin@test.example')).toEqual([]);
  });
});

describe('the list of users', () => {
  test('every user with roles, teams, how they sign in, status, last sign-in and creation', async () => {
    const res = await call(admin, 'GET', '/api/admin/users');
    const { users, identityProvider } = res.json<AdminUsersResponse>();
    expect(identityProvider).toBe(false);
    const emails = users.map((u) => u.email);
    expect(emails).toEqual([...emails].sort());
    const lead = users.find((u) => u.email === 'new.lead@test.example');
    expect(lead?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Signed in once, above: the time of that session.sign_in.
    const { rows } = await db.pool.query<{ at: Date }>(
      `SELECT max(at) AS at FROM audit_event
        WHERE actor = 'new.lead@test.example' AND action = 'session.sign_in'`,
    );
    expect(lead?.lastSignInAt).toBe(rows[0]?.at.toISOString());
    // A user made by signInAs (no password, no sign-in recorded).
    const made = users.find((u) => u.email === 'the.admin@test.example');
    expect(made).toMatchObject({ signsInWith: [], lastSignInAt: null, disabled: false });
  });

  test('demo users are marked as signing in with one click while the demo is on', async () => {
    const demo = await buildApp({ db, dbMode: 'external', auth: { demo: true } });
    try {
      await db.prisma.user.create({
        data: { email: 'admin@demo.example', name: 'Alex Morgan', roles: ['admin'] },
      });
      const { users } = (
        await demo.inject({ method: 'GET', url: '/api/admin/users', headers: admin.headers })
      ).json<AdminUsersResponse>();
      expect(users.find((u) => u.email === 'admin@demo.example')?.signsInWith).toEqual(['demo']);
      expect(users.find((u) => u.email === 'new.lead@test.example')?.signsInWith).toEqual([
        'password',
      ]);
    } finally {
      await demo.close();
    }
  });
});

describe('the API documentation', () => {
  test('describes the user routes from their contracts', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/admin/users'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/admin/users/{email}'] ?? {})).toEqual(['patch']);
    expect(doc.paths['/api/admin/users/{email}/disable']?.post).toBeDefined();
    expect(doc.paths['/api/teams']?.get).toBeDefined();
  });
});

describe('the teams', () => {
  test('every signed-in user reads them, by service', async () => {
    const viewer = await signInAs(db, ['viewer']);
    expect((await call(null, 'GET', '/api/teams')).statusCode).toBe(401);
    const res = await call(viewer, 'GET', '/api/teams');
    expect(res.statusCode).toBe(200);
    const { services } = res.json<TeamsResponse>();
    expect(services.find((s) => s.code === 'patents')?.teams).toContainEqual({
      id: teamA,
      name: 'Users Team A',
    });
    expect(services.find((s) => s.code === 'trade-marks')?.teams).toContainEqual({
      id: teamB,
      name: 'Users Team B',
    });
    expect(services.every((s) => s.teams.length > 0 && s.name.length > 0)).toBe(true);
  });
});

describe('ingestion tokens', () => {
  test('data stewards and administrators manage them; other roles get 403', async () => {
    for (const [role, teams] of [
      ['viewer', []],
      ['manager', []],
      ['team-lead', ['Users Team A']],
    ] as [Role, string[]][]) {
      const who = await signInAs(db, [role], { teams });
      const list = await call(who, 'GET', '/api/tokens');
      expect(list.statusCode, role).toBe(403);
      expect(list.json<ErrorResponse>().message).toBe(
        'This needs the role of a data steward or an administrator.',
      );
      expect((await call(who, 'POST', '/api/tokens', { name: `${role}-token` })).statusCode).toBe(
        403,
      );
      expect((await call(who, 'DELETE', '/api/tokens/any')).statusCode).toBe(403);
    }
    const created = await call(admin, 'POST', '/api/tokens', {
      name: 'admin-made',
      kinds: ['feedback'],
      expiresOn: '2999-12-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const steward = await signInAs(db, ['data-steward']);
    const tokens = () =>
      call(steward, 'GET', '/api/tokens').then((r) => r.json<ApiTokensResponse>().tokens);
    expect((await tokens()).find((t) => t.name === 'admin-made')).toMatchObject({
      kinds: ['feedback'],
      createdBy: 'the.admin@test.example',
      state: 'active',
    });
    expect((await call(steward, 'DELETE', '/api/tokens/admin-made')).statusCode).toBe(204);
    expect((await tokens()).find((t) => t.name === 'admin-made')?.state).toBe('revoked');
    await db.pool.query(
      `INSERT INTO api_token (name, token_hash, kinds, created_by, expires_at)
       VALUES ('old-one', 'not-a-real-hash', '{feedback}', 'test', now() - interval '1 day')`,
    );
    expect((await tokens()).find((t) => t.name === 'old-one')?.state).toBe('expired');
    const { rows } = await db.pool.query<{ actor: string; action: string }>(
      `SELECT actor, action FROM audit_event WHERE entity = 'api_token' AND entity_id = 'admin-made' ORDER BY id`,
    );
    expect(rows).toEqual([
      { actor: 'the.admin@test.example', action: 'api_token.create' },
      { actor: steward.user.email, action: 'api_token.revoke' },
    ]);
  });

  test('a bad token names its field', async () => {
    const res = await call(admin, 'POST', '/api/tokens', {
      name: '',
      kinds: [],
      source: 'Not Lower',
      expiresOn: '31/12/2030',
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res).sort()).toEqual(['expiresOn', 'kinds', 'name', 'source']);
  });
});

/**
 * Sign-in through an OpenID Connect identity provider, end to end: a real oidc-provider on
 * 127.0.0.1 and the app listening on a real port, driven the way a browser is (redirects
 * followed by hand, cookies carried by hand). The provider's login "page" is a tiny handler that
 * completes the interaction for whichever test account is signing in; consent is granted by
 * `loadExistingGrant` (a first-party client), so no page is ever shown.
 */

import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorResponseSchema, SessionSchema } from '@ipo/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { SESSION_COOKIE } from '../src/auth/access-plugin.js';
import { NO_ROLE_MESSAGE } from '../src/auth/oidc.js';
import { createUser, disableUser } from '../src/auth/users.js';
import { OIDC_LOGIN_COOKIE } from '../src/routes/oidc/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { freePort } from './support/ports.js';

// oidc-provider has no type definitions of its own: the little of it used here.
interface Interaction {
  uid: string;
  prompt: { name: string };
}
interface OidcContext {
  oidc: {
    client: { clientId: string };
    session: { accountId: string };
    provider: {
      Grant: new (fields: {
        clientId: string;
        accountId: string;
      }) => { addOIDCScope(scope: string): void; save(): Promise<string> };
    };
  };
}
interface TestProvider {
  callback(): http.RequestListener;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => TestProvider;

const CLIENT_ID = 'ipo-dashboard';
const CLIENT_SECRET = 'a-test-client-secret-long-enough-for-hs256-0123456789';
const ROLES_CLAIM = 'ipo_roles';

/** The provider's accounts, by `sub`: what findAccount answers (tests add and change them). */
const accounts = new Map<string, Record<string, unknown>>([
  // Signs in wherever a test is about the flow, not the person.
  ['erin-sub', { email: 'erin@example.gov.uk', name: 'Erin', [ROLES_CLAIM]: ['viewer'] }],
]);
/** Who the provider's login handler signs in next. */
let loginAs = '';
/** AuthorizationCode TTL in seconds (one test makes codes expire quickly). */
let codeTtl = 60;

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let providerServer: http.Server;
let issuer: string;
let appUrl: string;
let redirectUri: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(
    `INSERT INTO team (service_code, name) VALUES ('patents', 'OIDC Team One'), ('patents', 'OIDC Team Two')`,
  );

  const [providerPort, appPort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${providerPort}`;
  appUrl = `http://127.0.0.1:${appPort}`;
  redirectUri = `${appUrl}/api/auth/oidc/callback`;

  const providerModule = 'oidc-provider';
  const { Provider } = (await import(providerModule)) as { Provider: ProviderClass };
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // The roles claim travels with `openid`; with an access token issued, oidc-provider puts
    // only `sub` in the ID token (conformIdTokenClaims) and the rest in userinfo.
    claims: {
      openid: ['sub', ROLES_CLAIM],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    interactions: {
      url: (_ctx: unknown, interaction: Interaction) => `/interaction/${interaction.uid}`,
    },
    // First-party client: consent is implied, so only the login prompt is ever shown.
    async loadExistingGrant(ctx: OidcContext) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    ttl: {
      AuthorizationCode: () => codeTtl,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
  });
  const handle = provider.callback();
  providerServer = http.createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    // The login page: signs in `loginAs` at once, as if the person had typed their password.
    (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== 'login')
        throw new Error(`unexpected prompt ${details.prompt.name}`);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: loginAs } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => providerServer.listen(providerPort, '127.0.0.1', resolve));

  app = await buildApp({
    db,
    dbMode: 'external',
    auth: {
      oidc: {
        issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        rolesClaim: ROLES_CLAIM,
        label: 'Test IdP',
        redirectUri,
      },
    },
  });
  await app.listen({ port: appPort, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  if (providerServer) {
    providerServer.closeAllConnections();
    await new Promise((resolve) => providerServer.close(resolve));
  }
  await db?.drop();
});

/** A browser: cookies by name (the provider's and the app's names differ), redirects by hand. */
class Browser {
  readonly cookies = new Map<string, string>();

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const gone =
        value === '' ||
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

function location(res: Response, base: string): string {
  const to = res.headers.get('location');
  if (!to) throw new Error(`no Location in a ${res.status} answer`);
  return new URL(to, base).href;
}

/** Starts a sign-in at the app: its redirect to the provider, and the state it made. */
async function start(browser: Browser, returnTo?: string) {
  const url = `${appUrl}/api/auth/oidc/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`;
  const res = await browser.get(url);
  expect(res.status, await res.clone().text()).toBe(302);
  const providerUrl = location(res, url);
  expect(providerUrl.startsWith(`${issuer}/auth?`)).toBe(true);
  const state = new URL(providerUrl).searchParams.get('state') as string;
  return { providerUrl, state };
}

/** Signs `sub` in at the provider; returns the callback URL the provider sends the browser to. */
async function atProvider(browser: Browser, providerUrl: string, sub: string): Promise<string> {
  loginAs = sub;
  let url = providerUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await browser.get(url);
    if (res.status !== 302 && res.status !== 303) {
      throw new Error(`the provider answered ${res.status} at ${url}: ${await res.text()}`);
    }
    const next = location(res, url);
    if (next.startsWith(redirectUri)) return next;
    url = next;
  }
  throw new Error('the provider never sent the browser back');
}

/** A whole sign-in; returns the callback's answer and the browser. */
async function signIn(sub: string, returnTo?: string, headers: Record<string, string> = {}) {
  const browser = new Browser();
  const { providerUrl } = await start(browser, returnTo);
  const callback = await atProvider(browser, providerUrl, sub);
  const res = await browser.get(callback, headers);
  return { browser, res, callback };
}

/** GET /api/session with the browser's cookies. */
async function session(browser: Browser) {
  const res = await browser.get(`${appUrl}/api/session`);
  expect(res.status).toBe(200);
  return SessionSchema.parse(await res.json());
}

/** An error answer's words. */
async function message(res: Response): Promise<string> {
  return ErrorResponseSchema.parse(await res.json()).message;
}

/** Audit events of an action, oldest first; of one user only when `entityId` is given. */
async function auditEvents(action: string, entityId?: string) {
  const { rows } = await db.pool.query<{
    actor: string;
    entity_id: string | null;
    details: Record<string, unknown> | null;
    request_id: string | null;
  }>(
    `SELECT actor, entity_id, details, request_id FROM audit_event
      WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
    [action, entityId ?? null],
  );
  return rows;
}

async function userRow(email: string) {
  const { rows } = await db.pool.query<{
    id: number;
    roles: string[];
    oidc_subject: string | null;
  }>('SELECT id, roles, oidc_subject FROM app_user WHERE email = $1', [email]);
  return rows[0];
}

describe('sign-in through the identity provider', () => {
  test('a first sign-in creates the user from the claims and starts a session', async () => {
    accounts.set('alice-sub', {
      email: 'Alice.Smith@Example.GOV.UK',
      email_verified: true,
      name: 'Alice Smith',
      [ROLES_CLAIM]: ['manager', 'team-lead:OIDC Team One', 'auditor', 'team-lead:No Such Team'],
    });
    const { browser, res } = await signIn('alice-sub', '/standards/csc-calls?period=2025-01');
    expect(res.status, await res.clone().text()).toBe(302);
    expect(res.headers.get('location')).toBe('/standards/csc-calls?period=2025-01');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeTruthy();
    // The sign-in's state cookie is cleared, and its row consumed.
    expect(browser.cookies.has(OIDC_LOGIN_COOKIE)).toBe(false);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM oidc_login')).rows[0].n).toBe(0);

    const body = await session(browser);
    expect(body.method).toBe('oidc');
    expect(body.user).toEqual({
      email: 'alice.smith@example.gov.uk',
      name: 'Alice Smith',
      roles: ['team-lead', 'manager'],
      teams: [{ id: expect.any(Number), name: 'OIDC Team One', service: 'patents' }],
    });
    expect((await userRow('alice.smith@example.gov.uk'))?.oidc_subject).toBe('alice-sub');

    const created = await auditEvents('user.create', 'alice.smith@example.gov.uk');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      actor: 'alice.smith@example.gov.uk',
      entity_id: 'alice.smith@example.gov.uk',
      details: { source: 'identity provider', roles: ['team-lead', 'manager'] },
    });
    const signedIn = await auditEvents('session.sign_in', 'alice.smith@example.gov.uk');
    expect(signedIn.at(-1)).toMatchObject({
      actor: 'alice.smith@example.gov.uk',
      details: { method: 'oidc' },
    });
    expect(signedIn.at(-1)?.request_id).toBeTruthy();
  });

  test('the next sign-in replaces roles and teams with the claims', async () => {
    accounts.set('frank-sub', {
      email: 'frank@example.gov.uk',
      name: 'Frank',
      [ROLES_CLAIM]: ['manager', 'team-lead:OIDC Team One'],
    });
    expect((await signIn('frank-sub')).res.status).toBe(302);
    const before = await userRow('frank@example.gov.uk');

    accounts.set('frank-sub', {
      email: 'frank@example.gov.uk',
      name: 'Frank',
      [ROLES_CLAIM]: ['viewer', 'team-lead:oidc team two'],
    });
    const { browser, res } = await signIn('frank-sub');
    expect(res.status, await res.clone().text()).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const body = await session(browser);
    expect(body.user.roles).toEqual(['viewer', 'team-lead']);
    expect(body.user.teams.map((t) => t.name)).toEqual(['OIDC Team Two']);
    expect((await userRow('frank@example.gov.uk'))?.id).toBe(before?.id);

    const updates = await auditEvents('user.update_from_identity_provider', 'frank@example.gov.uk');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      actor: 'frank@example.gov.uk',
      details: {
        roles: { before: ['team-lead', 'manager'], after: ['viewer', 'team-lead'] },
        teams: { before: ['OIDC Team One'], after: ['OIDC Team Two'] },
      },
    });

    // Unchanged claims: signed in, nothing to audit but the sign-in.
    const again = await signIn('frank-sub');
    expect(again.res.status).toBe(302);
    expect(
      await auditEvents('user.update_from_identity_provider', 'frank@example.gov.uk'),
    ).toHaveLength(1);
  });

  test('an existing account with the same address is linked to the identity', async () => {
    const bob = await createUser(db.prisma, {
      email: 'bob@example.gov.uk',
      name: 'Bob',
      roles: ['viewer'],
    });
    accounts.set('bob-sub', { email: 'BOB@example.gov.uk', [ROLES_CLAIM]: ['data-steward'] });
    const { browser, res } = await signIn('bob-sub');
    expect(res.status, await res.clone().text()).toBe(302);
    const body = await session(browser);
    // No `name` claim: the address stands in for it.
    expect(body.user).toMatchObject({
      email: 'bob@example.gov.uk',
      name: 'bob@example.gov.uk',
      roles: ['data-steward'],
      teams: [],
    });
    expect(await userRow('bob@example.gov.uk')).toEqual({
      id: bob.id,
      roles: ['data-steward'],
      oidc_subject: 'bob-sub',
    });
    const update = (
      await auditEvents('user.update_from_identity_provider', 'bob@example.gov.uk')
    ).at(-1);
    expect(update).toMatchObject({
      actor: 'bob@example.gov.uk',
      details: { linked: true, roles: { before: ['viewer'], after: ['data-steward'] } },
    });
  });

  test('an unknown state is refused, and so is a callback from another browser', async () => {
    const browser = new Browser();
    browser.cookies.set(OIDC_LOGIN_COOKIE, 'made-up-state');
    const res = await browser.get(`${redirectUri}?code=whatever&state=made-up-state`);
    expect(res.status).toBe(400);
    expect(await message(res)).toMatch(/expired or was already completed/);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await auditEvents('session.sign_in_failed')).at(-1)).toMatchObject({
      actor: 'anonymous',
      entity_id: null,
      details: { method: 'oidc', reason: 'state_unknown' },
    });

    // Someone else's genuine callback URL, opened in a browser that did not start the sign-in.
    accounts.set('mallory-sub', { email: 'mallory@example.gov.uk', [ROLES_CLAIM]: ['admin'] });
    const attacker = new Browser();
    const { providerUrl } = await start(attacker);
    const callback = await atProvider(attacker, providerUrl, 'mallory-sub');
    const victim = new Browser();
    const lured = await victim.get(callback);
    expect(lured.status).toBe(400);
    expect(await message(lured)).toMatch(/not started in this browser/);
    expect(victim.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await auditEvents('session.sign_in_failed')).at(-1)?.details).toEqual({
      method: 'oidc',
      reason: 'state_not_from_this_browser',
    });
    expect(await userRow('mallory@example.gov.uk')).toBeUndefined();
  });

  test('an ID token with another nonce is refused', async () => {
    const browser = new Browser();
    const { providerUrl, state } = await start(browser);
    await db.pool.query(`UPDATE oidc_login SET nonce = 'tampered-nonce' WHERE state = $1`, [state]);
    const callback = await atProvider(browser, providerUrl, 'erin-sub');
    const res = await browser.get(callback);
    expect(res.status).toBe(401);
    expect(await message(res)).toMatch(/could not be verified/);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    const failure = (await auditEvents('session.sign_in_failed')).at(-1);
    expect(failure?.details).toMatchObject({ method: 'oidc' });
    // openid-client's check of the ID token's nonce claim.
    expect(failure?.details?.reason).toBe('response_invalid: OAUTH_JWT_CLAIM_COMPARISON_FAILED');
  });

  test('an expired code is refused', async () => {
    const browser = new Browser();
    const { providerUrl } = await start(browser);
    codeTtl = 1;
    let callback: string;
    try {
      callback = await atProvider(browser, providerUrl, 'erin-sub');
    } finally {
      codeTtl = 60;
    }
    // Not a timing assertion: only lets the one-second code run out.
    await sleep(2_500);
    const res = await browser.get(callback);
    expect(res.status).toBe(400);
    expect(await message(res)).toMatch(/expired or was already used/);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await auditEvents('session.sign_in_failed')).at(-1)?.details).toEqual({
      method: 'oidc',
      reason: 'code_rejected',
    });
  });

  test('a code used twice is refused the second time', async () => {
    const browser = new Browser();
    const { providerUrl, state } = await start(browser);
    const { rows } = await db.pool.query('SELECT * FROM oidc_login WHERE state = $1', [state]);
    const callback = await atProvider(browser, providerUrl, 'erin-sub');
    const first = await browser.get(callback);
    expect(first.status).toBe(302);

    // Replayed with everything else in place (the sign-in's row and the browser's cookie), so
    // only the provider's refusal of the used code stops it.
    const row = rows[0];
    await db.pool.query(
      `INSERT INTO oidc_login (state, nonce, code_verifier, return_to, created_at)
       VALUES ($1, $2, $3, $4, now())`,
      [row.state, row.nonce, row.code_verifier, row.return_to],
    );
    const replay = new Browser();
    replay.cookies.set(OIDC_LOGIN_COOKIE, state);
    const second = await replay.get(callback);
    expect(second.status).toBe(400);
    expect(await message(second)).toMatch(/expired or was already used/);
    expect(replay.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await auditEvents('session.sign_in_failed')).at(-1)?.details).toEqual({
      method: 'oidc',
      reason: 'code_rejected',
    });
  });

  test('an error from the provider is refused', async () => {
    const browser = new Browser();
    const { state } = await start(browser);
    const res = await browser.get(
      `${redirectUri}?error=access_denied&error_description=no&state=${state}`,
    );
    expect(res.status).toBe(401);
    expect(await message(res)).toMatch(/access was denied/);
    expect((await auditEvents('session.sign_in_failed')).at(-1)?.details).toEqual({
      method: 'oidc',
      reason: 'provider_error: access_denied',
    });
  });

  test('a person with no known role is refused, with a page for a browser', async () => {
    accounts.set('carol-sub', {
      email: 'carol@example.gov.uk',
      [ROLES_CLAIM]: ['auditor', 'team-lead:No Such Team', 42],
    });
    const { browser, res } = await signIn('carol-sub');
    expect(res.status).toBe(403);
    expect(await message(res)).toBe(NO_ROLE_MESSAGE);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await userRow('carol@example.gov.uk')).toBeUndefined();
    expect((await auditEvents('session.sign_in_failed')).at(-1)).toMatchObject({
      actor: 'carol@example.gov.uk',
      entity_id: 'carol@example.gov.uk',
      details: { method: 'oidc', reason: 'no_role' },
    });

    const page = await signIn('carol-sub', undefined, { accept: 'text/html,*/*;q=0.8' });
    expect(page.res.status).toBe(403);
    expect(page.res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.res.text();
    expect(html).toContain('You have not been signed in');
    expect(html).toContain('Your account has no role in this dashboard; ask an administrator.');
  });

  test('a disabled user is refused, and their account left as it was', async () => {
    await createUser(db.prisma, { email: 'dave@example.gov.uk', name: 'Dave', roles: ['viewer'] });
    await disableUser(db.prisma, 'dave@example.gov.uk');
    accounts.set('dave-sub', { email: 'dave@example.gov.uk', [ROLES_CLAIM]: ['admin'] });
    const { browser, res } = await signIn('dave-sub');
    expect(res.status).toBe(403);
    expect(await message(res)).toMatch(/disabled/);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await userRow('dave@example.gov.uk')).toMatchObject({
      roles: ['viewer'],
      oidc_subject: null,
    });
    expect((await auditEvents('session.sign_in_failed')).at(-1)).toMatchObject({
      actor: 'dave@example.gov.uk',
      details: { method: 'oidc', reason: 'disabled' },
    });
  });

  test('returnTo must be a path of this site', async () => {
    const browser = new Browser();
    for (const returnTo of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'standards',
      '/ space',
    ]) {
      const res = await browser.get(
        `${appUrl}/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(res.status, returnTo).toBe(400);
    }
    const { state } = await start(browser);
    const { rows } = await db.pool.query('SELECT return_to FROM oidc_login WHERE state = $1', [
      state,
    ]);
    expect(rows[0]?.return_to).toBe('/');
  });

  test('sign-ins abandoned for ten minutes are deleted when a new one starts', async () => {
    await db.pool.query(
      `INSERT INTO oidc_login (state, nonce, code_verifier, return_to, created_at)
       VALUES ('abandoned', 'n', 'v', '/', now() - interval '11 minutes')`,
    );
    await start(new Browser());
    const { rows } = await db.pool.query(`SELECT 1 FROM oidc_login WHERE state = 'abandoned'`);
    expect(rows).toHaveLength(0);
  });
});

test('the routes are public and documented', () => {
  const routes = app.routeAccess.filter((r) => r.url.startsWith('/api/auth/oidc/'));
  expect(routes.map((r) => [r.method, r.url, r.access])).toEqual(
    expect.arrayContaining([
      ['GET', '/api/auth/oidc/login', 'public'],
      ['GET', '/api/auth/oidc/callback', 'public'],
    ]),
  );
  const paths = (app.swagger() as { paths: Record<string, unknown> }).paths;
  expect(paths['/api/auth/oidc/login']).toBeDefined();
  expect(paths['/api/auth/oidc/callback']).toBeDefined();
});

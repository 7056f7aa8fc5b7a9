import { ROLES, type Role } from '@ipo/domain/access';
import * as client from 'openid-client';
import { recordAudit } from '../admin/audit.js';
import type { PrismaClient } from '../db/prisma.js';
import { Prisma } from '../generated/prisma/client.ts';
import {
  isRole,
  normaliseEmail,
  resolveTeams,
  type SessionUser,
  toSessionUser,
  USER_SELECT,
  UserError,
} from './users.js';

/** Sign-in through the organisation's OpenID Connect identity provider (decision 11). */
export interface OidcSettings {
  /** OIDC_ISSUER: the provider's issuer URL (its discovery document is read from there). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** OIDC_ROLES_CLAIM: the ID token / userinfo claim carrying roles and teams. */
  rolesClaim: string;
  /** OIDC_LABEL: the sign-in button's words, "Sign in with <label>". */
  label: string;
  /** PUBLIC_URL + /api/auth/oidc/callback: where the provider sends the user back. */
  redirectUri: string;
}

/**
 * The flow (docs/sign-in.md): the authorization code flow with PKCE (S256), `state` and `nonce`,
 * the client authenticated at the token endpoint with its secret (client_secret_post, or
 * client_secret_basic when the provider offers only that). The ID token is validated by
 * openid-client (signature against the provider's published keys, issuer, audience, expiry,
 * nonce); claims it lacks are read from the userinfo endpoint.
 *
 * Production issuers are https:// (the settings accept http:// so the tests can run a real
 * provider on 127.0.0.1; openid-client refuses plain HTTP unless told otherwise, and it is told
 * only for an http:// issuer).
 */

/** What the provider is asked for: the ID token, the e-mail address, the name. */
export const OIDC_SCOPES = 'openid email profile';

/** Seconds openid-client waits for the provider's answers. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** The refusal for a person whose identity provider account carries no role of this dashboard. */
export const NO_ROLE_MESSAGE = 'Your account has no role in this dashboard; ask an administrator.';

/**
 * A sign-in through the provider refused: the status, words for the person, and a short reason
 * code for the audit trail (`session.sign_in_failed`, details `{ method: 'oidc', reason }`).
 * `actor` is the person's e-mail address once the provider has vouched for it.
 */
export class OidcSignInError extends Error {
  override name = 'OidcSignInError';
  constructor(
    readonly statusCode: 400 | 401 | 403 | 409 | 503,
    message: string,
    readonly reason: string,
    readonly actor: string | null = null,
  ) {
    super(message);
  }
}

const UNREACHABLE =
  'The identity provider cannot be reached at the moment. Try again in a few minutes.';

/** A sign-in started: the provider's URL to send the person to, and what the callback checks. */
export interface OidcLoginStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** What the callback checks the provider's answer against (the oidc_login row). */
export interface OidcLoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type IdentityClaims = Record<string, unknown>;

function isInsecure(issuer: string): boolean {
  return new URL(issuer).protocol === 'http:';
}

/** A network failure or a timeout talking to the provider (not an answer it gave). */
function isUnreachable(error: unknown): boolean {
  if (error instanceof DOMException) {
    return error.name === 'TimeoutError' || error.name === 'AbortError';
  }
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  if (error instanceof client.ClientError) {
    // Not the provider's JSON at all: a proxy's error page, a moved endpoint.
    return (
      error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON'
    );
  }
  return false;
}

/**
 * The relying party: the discovered configuration is cached for the life of the process, and
 * forgotten when discovery or a request to the provider fails for want of an answer, so the
 * next sign-in discovers afresh (a restarted provider, moved endpoints). Signing keys need no
 * such care: openid-client fetches the provider's key set again when it meets an unknown key.
 */
export class OidcClient {
  #configuration: Promise<client.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  /** The provider's configuration, discovered once (again after a failure). */
  configuration(): Promise<client.Configuration> {
    if (!this.#configuration) {
      const discovering = this.#discover();
      this.#configuration = discovering;
      discovering.catch(() => {
        if (this.#configuration === discovering) this.#configuration = null;
      });
    }
    return this.#configuration;
  }

  /** Drops the cached configuration: the next sign-in discovers the provider again. */
  forget(): void {
    this.#configuration = null;
  }

  async #discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const insecure = isInsecure(issuer);
    const options: client.DiscoveryRequestOptions = {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      // Plain HTTP only for an http:// issuer (the tests' provider); production uses https://.
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    };
    const discovered = await client.discovery(
      new URL(issuer),
      clientId,
      clientSecret,
      undefined,
      options,
    );
    // openid-client sends the secret in the form body (client_secret_post); a provider that
    // offers only HTTP Basic authentication gets that instead.
    const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
    if (
      methods &&
      !methods.includes('client_secret_post') &&
      methods.includes('client_secret_basic')
    ) {
      const basic = new client.Configuration(
        discovered.serverMetadata(),
        clientId,
        clientSecret,
        client.ClientSecretBasic(clientSecret),
      );
      basic.timeout = PROVIDER_TIMEOUT_SECONDS;
      if (insecure) client.allowInsecureRequests(basic);
      return basic;
    }
    return discovered;
  }

  async #configurationOrRefuse(): Promise<client.Configuration> {
    try {
      return await this.configuration();
    } catch {
      throw new OidcSignInError(503, UNREACHABLE, 'provider_unreachable');
    }
  }

  /** A new sign-in: fresh state, nonce and PKCE verifier, and the provider's URL with them. */
  async start(): Promise<OidcLoginStart> {
    const configuration = await this.#configurationOrRefuse();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: OIDC_SCOPES,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * The provider's answer at the callback (`query`: its query string as received): the code is
   * exchanged for tokens and the ID token validated; returns the person's claims, the ID
   * token's first, then the userinfo endpoint's for what it lacks.
   */
  async finish(query: URLSearchParams, checks: OidcLoginChecks): Promise<IdentityClaims> {
    const configuration = await this.#configurationOrRefuse();
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = query.toString();
    try {
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) {
        throw new OidcSignInError(401, VERIFY_FAILED, 'id_token_missing');
      }
      let claims: IdentityClaims = { ...idClaims };
      const userinfo = configuration.serverMetadata().userinfo_endpoint;
      if (userinfo && (!('email' in claims) || !hasClaim(claims, this.settings.rolesClaim))) {
        // Many providers put only `sub` in the ID token when an access token is issued too
        // (OpenID Connect Core 5.4): the rest comes from userinfo, checked to be the same `sub`.
        const more = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...more, ...claims };
      }
      return claims;
    } catch (error) {
      throw this.#refusal(error);
    }
  }

  #refusal(error: unknown): unknown {
    if (error instanceof OidcSignInError) return error;
    if (error instanceof client.ResponseBodyError) {
      // The token endpoint refused the code: expired, used already, or not this client's.
      if (error.error === 'invalid_grant') {
        return new OidcSignInError(
          400,
          'The sign-in code from the identity provider has expired or was already used. Sign in again.',
          'code_rejected',
        );
      }
      if (error.error === 'invalid_client' || error.error === 'unauthorized_client') {
        return new OidcSignInError(
          503,
          'The identity provider did not accept this dashboard (client id or secret). Tell an administrator.',
          `client_rejected: ${error.error}`,
        );
      }
      return new OidcSignInError(401, VERIFY_FAILED, `token_error: ${error.error}`);
    }
    if (error instanceof client.AuthorizationResponseError) {
      return new OidcSignInError(
        401,
        providerErrorMessage(error.error),
        `provider_error: ${error.error}`,
      );
    }
    if (isUnreachable(error)) {
      this.forget();
      return new OidcSignInError(503, UNREACHABLE, 'provider_unreachable');
    }
    if (error instanceof client.ClientError) {
      // The answer did not check out: a nonce, issuer, audience or signature that does not
      // match, an expired ID token, a missing parameter.
      return new OidcSignInError(
        401,
        VERIFY_FAILED,
        `response_invalid: ${error.code ?? error.message}`,
      );
    }
    return error;
  }
}

const VERIFY_FAILED =
  "The identity provider's answer could not be verified, so you have not been signed in. Sign in again.";

/** Words for an `error` the provider sent back instead of a code. */
export function providerErrorMessage(error: string): string {
  if (error === 'access_denied') {
    return 'The identity provider did not sign you in (access was denied). Sign in again, or ask an administrator.';
  }
  if (error === 'login_required' || error === 'interaction_required') {
    return 'The identity provider needs you to sign in with it first. Sign in again.';
  }
  return `The identity provider did not sign you in (it answered "${error.slice(0, 100)}"). Sign in again.`;
}

/** A claim by its name; failing that, a dotted name as a path ("realm_access.roles"). */
export function readClaim(claims: IdentityClaims, name: string): unknown {
  if (name in claims) return claims[name];
  if (!name.includes('.')) return undefined;
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !(part in value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function hasClaim(claims: IdentityClaims, name: string): boolean {
  return readClaim(claims, name) !== undefined;
}

/**
 * Claims to user (docs/sign-in.md):
 * - `sub` identifies the person at the provider (the user row's oidc_subject).
 * - `email` is required, and lower-cased; `email_verified: false` refuses the sign-in (absent is
 *   accepted: organisation providers vouch for their own addresses without saying so).
 * - `name`, or the e-mail address when there is none.
 * - the claim named by OIDC_ROLES_CLAIM (`rolesClaim`): an array of strings (a single string is
 *   taken as one value), each either a role code (viewer, team-lead, manager, data-steward,
 *   admin; letter case ignored) or `team-lead:<team name>`, which grants the team-lead role for
 *   that team (the team written as `resolveTeams` reads it: "Examination Team C", or
 *   "PAT/Examination Team C" where two services have a team of that name). A dotted claim name
 *   that is not itself a claim is followed as a path ("realm_access.roles").
 * - anything else in the roles claim (an unknown role, a team that does not exist, a value that
 *   is not a string) is ignored, and logged; with no known role left the sign-in is refused
 *   (403, NO_ROLE_MESSAGE).
 */
export interface Identity {
  subject: string;
  email: string;
  name: string;
  /** Role codes, plain (`manager`) or from team grants (`team-lead` for `team-lead:X`). */
  roles: Role[];
  /** Team names of the `team-lead:<team>` grants, as written. */
  teamNames: string[];
  /** Values of the roles claim that grant nothing, for the log. */
  ignored: unknown[];
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const TEAM_GRANT = /^team-lead:(.+)$/i;

/** Reads who the person is and what they may do from the provider's claims (see above). */
export function identityFromClaims(claims: IdentityClaims, rolesClaim: string): Identity {
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (!subject) {
    throw new OidcSignInError(401, VERIFY_FAILED, 'subject_missing');
  }
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : '';
  if (!EMAIL.test(email)) {
    throw new OidcSignInError(
      403,
      'The identity provider did not give your e-mail address, which this dashboard needs. Ask an administrator.',
      'email_missing',
    );
  }
  if (claims.email_verified === false) {
    throw new OidcSignInError(
      403,
      'The identity provider says your e-mail address is not verified. Verify it there, then sign in again.',
      'email_not_verified',
      email,
    );
  }
  const name =
    typeof claims.name === 'string' && claims.name.trim()
      ? claims.name.trim().slice(0, 200)
      : email;

  const raw = readClaim(claims, rolesClaim);
  const values: unknown[] = Array.isArray(raw)
    ? raw
    : raw === undefined || raw === null
      ? []
      : [raw];
  const roles = new Set<Role>();
  const teamNames: string[] = [];
  const ignored: unknown[] = [];
  for (const value of values) {
    if (typeof value !== 'string') {
      ignored.push(value);
      continue;
    }
    const written = value.trim();
    const code = written.toLowerCase();
    const grant = TEAM_GRANT.exec(written);
    if (isRole(code)) {
      roles.add(code);
    } else if (grant?.[1]?.trim()) {
      teamNames.push(grant[1].trim());
    } else {
      ignored.push(value);
    }
  }
  return { subject, email, name, roles: [...roles], teamNames, ignored };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const SELECT = { ...USER_SELECT, oidcSubject: true } as const;

/**
 * The user row for a person the provider has vouched for, made to match the claims: found by
 * `sub`, else by e-mail address (and linked to the `sub`), else created. Roles and teams are
 * replaced by the claims' on every sign-in (the provider is the source of truth); the name and
 * address follow the provider's too. A disabled user is refused, as is a person with no role.
 * One transaction, with `user.create` or `user.update_from_identity_provider` audited in it
 * (the latter when roles, teams, the address or the link change); the actor is the person.
 *
 * `log` hears of ignored values of the roles claim (unknown roles and teams).
 */
export async function userFromIdentity(
  prisma: PrismaClient,
  identity: Identity,
  log: (message: string, details: Record<string, unknown>) => void,
): Promise<SessionUser> {
  const { subject, email, name } = identity;
  const roles = new Set<Role>(identity.roles);
  const teamIds = new Set<number>();
  const unknownTeams: string[] = [];
  for (const team of identity.teamNames) {
    try {
      const [id] = await resolveTeams(prisma, [team]);
      if (id !== undefined) teamIds.add(id);
      roles.add('team-lead');
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      unknownTeams.push(team);
    }
  }
  if (identity.ignored.length || unknownTeams.length) {
    log('identity provider roles claim: values ignored', {
      email,
      ignored: identity.ignored,
      unknownTeams,
    });
  }
  const wantRoles = ROLES.filter((r) => roles.has(r));
  const wantTeams = [...teamIds].sort((a, b) => a - b);

  try {
    return await prisma.$transaction(async (tx) => {
      let row = await tx.user.findUnique({ where: { oidcSubject: subject }, select: SELECT });
      let linking = false;
      if (!row) {
        row = await tx.user.findUnique({ where: { email }, select: SELECT });
        if (row?.oidcSubject) {
          // The address belongs to an account another identity signs in to.
          throw new OidcSignInError(
            403,
            `The dashboard account for ${email} belongs to another identity provider account. Ask an administrator.`,
            'linked_to_another_subject',
            email,
          );
        }
        linking = row !== null;
      }
      if (row?.disabledAt) {
        throw new OidcSignInError(
          403,
          'Your account in this dashboard is disabled; ask an administrator.',
          'disabled',
          email,
        );
      }
      if (wantRoles.length === 0) {
        throw new OidcSignInError(403, NO_ROLE_MESSAGE, 'no_role', email);
      }

      if (!row) {
        const created = await tx.user.create({
          data: {
            email,
            name,
            roles: wantRoles,
            oidcSubject: subject,
            teams: { create: wantTeams.map((teamId) => ({ teamId })) },
          },
          select: SELECT,
        });
        const user = toSessionUser(created);
        await recordAudit(tx, {
          actor: email,
          action: 'user.create',
          entity: 'user',
          entityId: email,
          details: {
            source: 'identity provider',
            name,
            roles: user.roles,
            teams: user.teams.map((t) => t.name),
          },
        });
        return user;
      }

      const before = toSessionUser(row);
      const rolesChanged = !sameList(before.roles, wantRoles);
      const teamsChanged = !sameList(
        [...before.teamIds].sort((a, b) => a - b),
        wantTeams,
      );
      const emailChanged = row.email !== email;
      if (emailChanged) {
        const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
        if (taken) {
          throw new OidcSignInError(
            409,
            `Another dashboard account already uses ${email}, the address the identity provider gave. Ask an administrator.`,
            'email_taken',
            email,
          );
        }
      }
      if (teamsChanged) await tx.userTeam.deleteMany({ where: { userId: row.id } });
      const updated = await tx.user.update({
        where: { id: row.id },
        data: {
          email,
          name,
          roles: wantRoles,
          oidcSubject: subject,
          ...(teamsChanged ? { teams: { create: wantTeams.map((teamId) => ({ teamId })) } } : {}),
          ...(rolesChanged || teamsChanged || emailChanged || linking || row.name !== name
            ? { updatedAt: new Date() }
            : {}),
        },
        select: SELECT,
      });
      const after = toSessionUser(updated);
      if (rolesChanged || teamsChanged || emailChanged || linking) {
        await recordAudit(tx, {
          actor: email,
          action: 'user.update_from_identity_provider',
          entity: 'user',
          entityId: email,
          details: {
            ...(linking ? { linked: true } : {}),
            ...(emailChanged ? { email: { before: row.email, after: email } } : {}),
            ...(rolesChanged ? { roles: { before: before.roles, after: after.roles } } : {}),
            ...(teamsChanged
              ? {
                  teams: {
                    before: before.teams.map((t) => t.name),
                    after: after.teams.map((t) => t.name),
                  },
                }
              : {}),
          },
        });
      }
      return after;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      // Two first sign-ins of one person at the same moment: the other one made the row.
      throw new OidcSignInError(
        409,
        'Your account was being set up by another sign-in at the same moment. Sign in again.',
        'concurrent_sign_in',
        email,
      );
    }
    throw error;
  }
}

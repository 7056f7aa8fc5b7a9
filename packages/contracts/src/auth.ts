import { PERMISSIONS, ROLES } from '@ipo/domain/access';
import { z } from 'zod';
import { ImportKindSchema } from './imports.js';

/** Sign-in, the session and the audit trail (decision 11). */

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);

export const SignInBodySchema = z.object({
  email: z.string().trim().min(1, 'enter your e-mail address').max(320),
  password: z.string().min(1, 'enter your password').max(1024),
});
export type SignInBody = z.infer<typeof SignInBodySchema>;

export const DemoSignInBodySchema = z.object({
  email: z.string().trim().min(1).max(320),
});

export const SessionTeamSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  service: z.string(),
});

export const SessionUserSchema = z.object({
  email: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  teams: z.array(SessionTeamSchema),
});
export type SessionUserView = z.infer<typeof SessionUserSchema>;

export const SessionSchema = z.object({
  user: SessionUserSchema,
  /** Sent back in the X-CSRF-Token header with every change made in this session. */
  csrfToken: z.string(),
  /** When the session ends at the latest (it ends sooner after a spell of inactivity). */
  expiresAt: z.string(),
  idleTimeoutMinutes: z.number().int(),
  method: z.enum(['password', 'oidc', 'demo']),
});
export type Session = z.infer<typeof SessionSchema>;

export const DemoUserSchema = SessionUserSchema.extend({ description: z.string() });

/** How this installation lets people sign in (public: the sign-in page asks before anyone has). */
export const SignInMethodsSchema = z.object({
  password: z.boolean(),
  /** The identity provider's name, to label its button; null when none is configured. */
  oidc: z.object({ label: z.string() }).nullable(),
  /** One user per role, when the demo data is on and no identity provider is configured. */
  demoUsers: z.array(DemoUserSchema),
});
export type SignInMethods = z.infer<typeof SignInMethodsSchema>;

/** The trail starts with this dashboard: dates before 2000 or after 2999 are typing mistakes. */
const AuditDateSchema = z.iso
  .date()
  .refine((d) => d >= '2000-01-01' && d <= '2999-12-31', 'must be a date from 2000 to 2999');

export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(320).optional(),
  /** An action code, or its first part ('closure_day' matches 'closure_day.create'). */
  kind: z.string().trim().max(100).optional(),
  from: AuditDateSchema.optional(),
  to: AuditDateSchema.optional(),
  /** The id of the last event of the previous page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  format: z.enum(['json', 'csv']).default('json'),
});

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  details: z.unknown(),
  requestId: z.string().nullable(),
  address: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventSchema>;

export const AuditPageSchema = z.object({
  events: z.array(AuditEventSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

// ----- users and roles, for administrators (GET/POST/PATCH /api/admin/users)

/** How a user may sign in: a local password, the identity provider, or one click (demo). */
export const SignInWaySchema = z.enum(['password', 'identity-provider', 'demo']);
export type SignInWay = z.infer<typeof SignInWaySchema>;

export const AdminUserSchema = z.object({
  email: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  /** The teams whose records and comments a team lead sees. */
  teams: z.array(SessionTeamSchema),
  /** Empty: the user has no way to sign in yet. */
  signsInWith: z.array(SignInWaySchema),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  /** The latest `session.sign_in` of the audit trail; null: never signed in. */
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const AdminUsersResponseSchema = z.object({
  users: z.array(AdminUserSchema),
  /**
   * An identity provider is configured: new users sign in through it (no password is made), and
   * it replaces their roles and teams at each sign-in.
   */
  identityProvider: z.boolean(),
});
export type AdminUsersResponse = z.infer<typeof AdminUsersResponseSchema>;

const USER_EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** Team ids; a team lead needs at least one (checked with the roles, below). */
const TeamIdsSchema = z
  .array(z.number().int().positive())
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, 'must not name a team twice');

const RolesSchema = z
  .array(RoleSchema)
  .min(1, 'choose at least one role')
  .refine((roles) => new Set(roles).size === roles.length, 'must not name a role twice');

export const TEAM_LEAD_NEEDS_TEAM = 'a team lead needs at least one team: choose their teams';

export const InviteUserBodySchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(320, 'must be at most 320 characters')
      .regex(USER_EMAIL, 'must be an e-mail address, such as name@ipo.gov.uk'),
    name: z
      .string()
      .trim()
      .min(1, 'enter the person’s name')
      .max(200, 'must be at most 200 characters'),
    roles: RolesSchema,
    teams: TeamIdsSchema.default([]),
  })
  .superRefine((body, ctx) => {
    if (body.roles.includes('team-lead') && body.teams.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['teams'], message: TEAM_LEAD_NEEDS_TEAM });
    }
  });
export type InviteUserBody = z.input<typeof InviteUserBodySchema>;

export const InviteUserResponseSchema = z.object({
  user: AdminUserSchema,
  /**
   * Without an identity provider: the password the new user first signs in with, made by the
   * server and shown only in this answer (only its hash is kept). Null with an identity provider.
   */
  initialPassword: z.string().nullable(),
});
export type InviteUserResponse = z.infer<typeof InviteUserResponseSchema>;

/** Replaces the roles, the teams, or both; a team lead must be left with a team. */
export const UpdateUserBodySchema = z
  .object({ roles: RolesSchema.optional(), teams: TeamIdsSchema.optional() })
  .refine((body) => body.roles !== undefined || body.teams !== undefined, {
    message: 'give roles, teams or both',
    path: ['roles'],
  });
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

export const UserParamsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
});

export const UserChangeResponseSchema = z.object({
  user: AdminUserSchema,
  /** Disabling: how many of the user's sessions were ended. */
  sessionsEnded: z.number().int().optional(),
});
export type UserChangeResponse = z.infer<typeof UserChangeResponseSchema>;

/** The teams people can be given, by service (GET /api/teams). */
export const TeamsResponseSchema = z.object({
  services: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      teams: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  ),
});
export type TeamsResponse = z.infer<typeof TeamsResponseSchema>;

// ----- ingestion tokens (GET/POST/DELETE /api/tokens): data stewards and administrators

export const TokenKindSchema = ImportKindSchema;
export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;
export const TOKEN_SOURCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** `active`; `expired` (past its last day); `revoked`. */
export const TokenStateSchema = z.enum(['active', 'expired', 'revoked']);
export type TokenState = z.infer<typeof TokenStateSchema>;

export const ApiTokenSchema = z.object({
  name: z.string(),
  kinds: z.array(z.string()),
  /** The one `source` its rows must carry; null: any. */
  source: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: TokenStateSchema,
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const ApiTokensResponseSchema = z.object({ tokens: z.array(ApiTokenSchema) });
export type ApiTokensResponse = z.infer<typeof ApiTokensResponseSchema>;

export const CreateTokenBodySchema = z.object({
  name: z
    .string()
    .trim()
    .regex(
      TOKEN_NAME_PATTERN,
      'is 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit',
    ),
  /** Omitted: every kind. */
  kinds: z.array(TokenKindSchema).min(1, 'choose at least one kind').optional(),
  /** Omitted: rows may carry any source. */
  source: z
    .string()
    .trim()
    .regex(
      TOKEN_SOURCE_PATTERN,
      'is 1 to 64 lower-case letters, digits, dots, dashes or underscores',
    )
    .optional(),
  /** The last day it works (London date); omitted: until revoked. */
  expiresOn: z.iso.date().optional(),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBodySchema>;

export const CreateTokenResponseSchema = z.object({
  name: z.string(),
  /** The token itself: shown once, in this answer; only its hash is kept. */
  token: z.string(),
});
export type CreateTokenResponse = z.infer<typeof CreateTokenResponseSchema>;

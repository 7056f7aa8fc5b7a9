import { PERMISSIONS, ROLES } from '@ipo/domain/access';
import { z } from 'zod';

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

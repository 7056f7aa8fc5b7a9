import type { Queryable } from '../derive/rules.js';

/** Until sign-in and roles exist, every administrative change is made by 'admin'. */
export const ADMIN_ACTOR = 'admin';

export interface AuditEntry {
  actor: string;
  /** `closure_day.create`, `standard.update`, ... */
  action: string;
  entity: string;
  entityId: string | null;
  details: unknown;
}

/**
 * Written in the same transaction as the change it records, so it exists exactly when it does.
 * The trail is append-only: the API's role may only insert into audit_event, and a trigger
 * refuses UPDATE, DELETE and TRUNCATE for every role (decision 10).
 */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_event (actor, action, entity, entity_id, details)
     VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [entry.actor, entry.action, entry.entity, entry.entityId, JSON.stringify(entry.details)],
  );
}

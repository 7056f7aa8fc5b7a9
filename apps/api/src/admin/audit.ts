import type { Queryable } from '../db/queryable.js';
import { Prisma } from '../generated/prisma/client.ts';

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
 * Where an audit row is written: a Prisma interactive transaction (`prisma.$transaction(async
 * (tx) => ...)`) for changes made through Prisma, or a pg client inside `withTransaction` for the
 * changes that must stay on pg (a recalculation job's transaction, decision 1).
 */
export type AuditWriter = Queryable | Prisma.TransactionClient;

/**
 * Written in the same transaction as the change it records, so it exists exactly when it does.
 * The trail is append-only: the API's role may only insert into audit_event, and a trigger
 * refuses UPDATE, DELETE and TRUNCATE for every role (decision 10).
 */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  // The same JSON on both paths: what JSON.stringify makes of the details (dates as strings,
  // undefined members dropped); `null` is the JSON value null, nothing at all is SQL NULL.
  const json = JSON.stringify(entry.details);
  if ('query' in db) {
    await db.query(
      `INSERT INTO audit_event (actor, action, entity, entity_id, details)
       VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [entry.actor, entry.action, entry.entity, entry.entityId, json],
    );
    return;
  }
  const details: Prisma.InputJsonValue | typeof Prisma.JsonNull | typeof Prisma.DbNull =
    json === undefined ? Prisma.DbNull : json === 'null' ? Prisma.JsonNull : JSON.parse(json);
  // createMany: one INSERT, nothing read back.
  await db.auditEvent.createMany({
    data: [
      {
        actor: entry.actor,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        details,
      },
    ],
  });
}

import { currentRequestContext } from '../auth/request-context.js';
import type { Queryable } from '../db/queryable.js';
import { Prisma } from '../generated/prisma/client.ts';

export interface AuditEntry {
  /** The user's e-mail address, `API token <name>`, or the command that made the change. */
  actor: string;
  /** The request that made it (absent for command-line changes). */
  requestId?: string | null;
  /** The client's address (absent for command-line changes). */
  address?: string | null;
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
  const context = currentRequestContext();
  const requestId = entry.requestId ?? context?.requestId ?? null;
  const address = entry.address ?? context?.address ?? null;
  if ('query' in db) {
    await db.query(
      `INSERT INTO audit_event (actor, action, entity, entity_id, details, request_id, address)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
      [entry.actor, entry.action, entry.entity, entry.entityId, json, requestId, address],
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
        requestId,
        address,
      },
    ],
  });
}

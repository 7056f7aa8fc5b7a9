import type { Queryable } from '../db/queryable.js';

/**
 * When each of these people last signed in, from the audit trail (every sign-in, whichever way,
 * is a `session.sign_in` event with the user's e-mail address as its actor). One index probe per
 * address (audit_event (actor, at)); people who never signed in are absent.
 */
export async function lastSignIns(db: Queryable, emails: readonly string[]) {
  if (emails.length === 0) return new Map<string, Date>();
  const { rows } = await db.query<{ actor: string; at: Date }>(
    `SELECT a.actor, latest.at
       FROM unnest($1::text[]) AS a(actor)
       CROSS JOIN LATERAL (
         SELECT e.at FROM audit_event e
          WHERE e.actor = a.actor AND e.action = 'session.sign_in'
          ORDER BY e.at DESC
          LIMIT 1
       ) AS latest`,
    [emails],
  );
  return new Map(rows.map((r) => [r.actor, r.at]));
}

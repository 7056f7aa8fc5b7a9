import type { Queryable } from '../derive/rules.js';

export interface OpenItemsByDay {
  workType: string;
  receivedDate: string;
  /** The earliest receipt that day (for second-based thresholds). */
  earliestReceivedAt: Date;
  n: number;
  /** Open items received more than `lateAfterSeconds` ago (second-based thresholds only). */
  olderThanSeconds: number;
}

/**
 * Open items (received, not completed) per work type and day of receipt. Open items are few, so
 * ageing them in the domain per day is exact and cheap; the (work type, completed date) index
 * finds them because an open item's completed date is null.
 */
export async function openItemsByDay(
  db: Queryable,
  workTypes: string[],
  lateAfterSeconds: number | null,
): Promise<OpenItemsByDay[]> {
  const { rows } = await db.query<{
    work_type_code: string;
    received_date: string;
    earliest: Date;
    n: number;
    older: number;
  }>(
    `SELECT work_type_code, received_date, min(received_at) AS earliest, count(*)::int AS n,
            count(*) FILTER (WHERE $2::int IS NOT NULL
                               AND received_at < now() - make_interval(secs => $2::int))::int AS older
       FROM work_item
      WHERE work_type_code = ANY($1) AND completed_date IS NULL
      GROUP BY 1, 2`,
    [workTypes, lateAfterSeconds],
  );
  return rows.map((r) => ({
    workType: r.work_type_code,
    receivedDate: r.received_date,
    earliestReceivedAt: r.earliest,
    n: r.n,
    olderThanSeconds: r.older,
  }));
}

import type { Queryable } from '../db/queryable.js';

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
 * Open items (received, not completed) per work type and day of receipt, for every work type
 * asked about in one query. Open items are few, so ageing them in the domain per day is exact and
 * cheap; the (work type, completed date) index finds them because an open item's completed date
 * is null. `lateAfterSeconds` counts, per work type, open items older than that many seconds
 * (for second-based thresholds, where the day of receipt is not precise enough). With `teamId`, that
 * team's open items only.
 */
export async function openItemsByDay(
  db: Queryable,
  workTypes: readonly { workType: string; lateAfterSeconds: number | null }[],
  /** One team's open items only (the scorecard's team filter). */
  teamId?: number,
): Promise<OpenItemsByDay[]> {
  const { rows } = await db.query<{
    work_type_code: string;
    received_date: string;
    earliest: Date;
    n: number;
    older: number;
  }>(
    `SELECT w.work_type_code, w.received_date, min(w.received_at) AS earliest, count(*)::int AS n,
            count(*) FILTER (WHERE t.secs IS NOT NULL
                               AND w.received_at < now() - make_interval(secs => t.secs))::int AS older
       FROM unnest($1::text[], $2::int[]) AS t(code, secs)
       JOIN work_item w ON w.work_type_code = t.code AND w.completed_date IS NULL${teamId === undefined ? '' : ' AND w.team_id = $3'}
      GROUP BY 1, 2`,
    [
      workTypes.map((w) => w.workType),
      workTypes.map((w) => w.lateAfterSeconds),
      ...(teamId === undefined ? [] : [teamId]),
    ],
  );
  return rows.map((r) => ({
    workType: r.work_type_code,
    receivedDate: r.received_date,
    earliestReceivedAt: r.earliest,
    n: r.n,
    olderThanSeconds: r.older,
  }));
}

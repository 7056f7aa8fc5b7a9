import type { Queryable } from '../db/queryable.js';

export interface OpenItemsByDay {
  workType: string;
  /** The London date of receipt. */
  receivedDate: string;
  n: number;
}

export interface OpenItems {
  /** Open items per work type and day of receipt. */
  byDay: OpenItemsByDay[];
  /**
   * Per work type with a second-based threshold: open items received more than that many seconds
   * before `asOf` (the day of receipt is not precise enough for those).
   */
  olderThanSeconds: Map<string, number>;
}

/**
 * Open items (received, not completed) per work type and day of receipt, for every work type
 * asked about, from the work_item_open_day rollup (migration 0014), and for the work types with
 * a second-based threshold (`lateAfterSeconds`) how many are older than that at `asOf`, from the
 * raw rows through the partial index of open items by receipt (sql_only_work_item_open). One
 * round trip. With `teamId`, that team's open items only.
 */
export async function openItems(
  db: Queryable,
  workTypes: readonly { workType: string; lateAfterSeconds: number | null }[],
  asOf: Date,
  /** One team's open items only (the scorecard's team filter). */
  teamId?: number,
): Promise<OpenItems> {
  const seconds = workTypes.filter((w) => w.lateAfterSeconds !== null);
  const { rows } = await db.query<{
    work_type_code: string;
    received_date: string | null;
    n: number;
    older: boolean;
  }>(
    `SELECT work_type_code, received_date, sum(n)::int AS n, false AS older
       FROM work_item_open_day
      WHERE work_type_code = ANY($1::text[]) AND ($2::int IS NULL OR team_id = $2)
      GROUP BY 1, 2
     UNION ALL
     SELECT w.work_type_code, NULL, count(*)::int, true
       FROM unnest($3::text[], $4::int[]) AS t(code, secs)
       JOIN work_item w ON w.work_type_code = t.code AND w.completed_date IS NULL
        AND w.received_at < $5::timestamptz - make_interval(secs => t.secs)
        AND ($2::int IS NULL OR w.team_id = $2)
      GROUP BY 1`,
    [
      workTypes.map((w) => w.workType),
      teamId ?? null,
      seconds.map((w) => w.workType),
      seconds.map((w) => w.lateAfterSeconds),
      asOf,
    ],
  );
  const byDay: OpenItemsByDay[] = [];
  const olderThanSeconds = new Map<string, number>();
  for (const r of rows) {
    if (r.older) olderThanSeconds.set(r.work_type_code, r.n);
    else if (r.received_date !== null) {
      byDay.push({ workType: r.work_type_code, receivedDate: r.received_date, n: r.n });
    }
  }
  return { byDay, olderThanSeconds };
}

/** GET /api/standards/:code/items: the records behind a figure, keyset-paged. */
import type {
  Channel,
  CustomerGroup,
  FeedbackType,
  Filters,
  ItemRecord,
  ItemsResponse,
} from '@ipo/contracts';
import { openItemAge, type Period, sourceOf, suppress } from '@ipo/domain';
import { currentRules, type Queryable } from '../derive/rules.js';
import { coordinatesOf, FeedbackCubes, M } from '../feedback/disclosure.js';
import { HttpError } from '../plugins/errors.js';
import {
  type Cursor,
  encodeCursor,
  feedbackPage,
  qualityChecksPage,
  workItemsPage,
} from '../queries/items.js';
import type { StandardDef } from '../queries/standards.js';
import { periodDto } from './figures.js';
import { monthsCovering } from './satisfaction.js';

export async function itemsOf(
  db: Queryable,
  standard: StandardDef,
  period: Period,
  status: 'late' | 'open' | 'all',
  filters: Filters,
  cursor: Cursor | null,
  limit: number,
  now: Date,
): Promise<ItemsResponse> {
  const source = sourceOf(standard);
  if (status === 'open' && source !== 'work_items') {
    throw new HttpError(400, 'status: only work items can be open', [
      { field: 'status', message: `${standard.code} has no open items; use late or all` },
    ]);
  }
  const q = { standard, from: period.start, to: period.end, status, filters, cursor, limit };
  if (source === 'feedback') {
    const cubes = await FeedbackCubes.load(db, monthsCovering([period]));
    const f = cubes.figure(coordinatesOf(cubes.tree, filters));
    if (f.hidden || suppress(f.values[M.responses] as number)) {
      return {
        code: standard.code,
        period: periodDto(period),
        status,
        filters,
        total: 0,
        withheld: true,
        items: [],
        nextCursor: null,
      };
    }
  }
  let items: ItemRecord[];
  let total: number;
  let next: Cursor | null = null;
  if (source === 'work_items') {
    const rules = await currentRules(db);
    const calendar = rules.calendar(standard.division);
    const page = await workItemsPage(db, q);
    total = page.total;
    const rows = page.rows.slice(0, limit);
    if (page.rows.length > limit) {
      const lastRow = rows.at(-1)!;
      next = {
        at: (status === 'open'
          ? lastRow.received_at
          : (lastRow.completed_at ?? lastRow.received_at)
        ).toISOString(),
        id: lastRow.id,
      };
    }
    items = rows.map((r) => {
      const age =
        r.completed_at === null && standard.threshold
          ? openItemAge(
              r.received_at.getTime() > now.getTime() ? now : r.received_at,
              now,
              standard.threshold,
              calendar,
            )
          : null;
      return {
        kind: 'work_item' as const,
        id: r.id,
        sourceRef: r.source_ref,
        workType: r.work_type_code,
        team: r.team,
        channel: r.channel as Channel,
        customerGroup: r.customer_group as CustomerGroup,
        receivedAt: r.received_at.toISOString(),
        completedAt: r.completed_at?.toISOString() ?? null,
        receivedDate: r.received_date,
        completedDate: r.completed_date,
        elapsedSeconds: r.elapsed_seconds,
        elapsedWorkingDays: r.elapsed_working_days,
        withinThreshold: r.within_threshold,
        age: age?.age ?? null,
        late: age ? age.late : r.within_threshold === false,
      };
    });
  } else if (source === 'quality_checks') {
    const page = await qualityChecksPage(db, q);
    total = page.total;
    const rows = page.rows.slice(0, limit);
    if (page.rows.length > limit)
      next = { at: rows.at(-1)!.checked_at.toISOString(), id: rows.at(-1)!.id };
    items = rows.map((r) => ({
      kind: 'quality_check' as const,
      id: r.id,
      sourceRef: r.source_ref,
      workType: r.work_type_code,
      team: r.team,
      checkedAt: r.checked_at.toISOString(),
      checkedDate: r.checked_date,
      passed: r.passed,
      errorCategory: r.error_category,
    }));
  } else {
    const page = await feedbackPage(db, q);
    total = page.total;
    const rows = page.rows.slice(0, limit);
    if (page.rows.length > limit) next = { at: rows.at(-1)!.submitted_date, id: rows.at(-1)!.id };
    items = rows.map((r) => ({
      kind: 'feedback' as const,
      id: r.id,
      submittedDate: r.submitted_date,
      service: r.service_code,
      team: r.team,
      channel: r.channel as Channel,
      customerGroup: r.customer_group as CustomerGroup,
      score: r.score,
      type: r.type as FeedbackType,
      comment: r.comment,
    }));
  }
  return {
    code: standard.code,
    period: periodDto(period),
    status,
    filters,
    total,
    withheld: false,
    items,
    nextCursor: next ? encodeCursor(next) : null,
  };
}

import type { Filters } from '@ipo/contracts';
import type { Queryable } from '../db/queryable.js';
import type { StandardDef } from './standards.js';

export interface Cursor {
  at: string;
  id: string;
}

export interface ItemsPageQuery {
  standard: StandardDef;
  from: string;
  to: string;
  status: 'late' | 'open' | 'all';
  filters: Filters;
  cursor: Cursor | null;
  limit: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

/** Null when the cursor is not one this API issued. */
export function decodeCursor(raw: string): Cursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      !Number.isNaN(Date.parse(v[0])) &&
      typeof v[1] === 'string' &&
      /^\d{1,19}$/.test(v[1])
    ) {
      return { at: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  return null;
}

export interface WorkItemRow {
  id: string;
  source_ref: string;
  work_type_code: string;
  team: string | null;
  channel: string;
  customer_group: string;
  received_at: Date;
  completed_at: Date | null;
  received_date: string;
  completed_date: string | null;
  elapsed_seconds: number | null;
  elapsed_working_days: number | null;
  within_threshold: boolean | null;
}

/**
 * The work items behind a figure, newest completion first (open items: oldest receipt first),
 * paged by keyset so page 1,000 costs the same as page 1.
 */
export async function workItemsPage(db: Queryable, q: ItemsPageQuery) {
  const open = q.status === 'open';
  const where = open
    ? 'w.completed_date IS NULL AND w.received_date <= $3 AND $2::date IS NOT NULL'
    : `w.completed_date BETWEEN $2 AND $3${q.status === 'late' ? ' AND w.within_threshold = false' : ''}`;
  const filters = `AND ($4::int IS NULL OR w.team_id = $4) AND ($5::channel IS NULL OR w.channel = $5)
                   AND ($6::customer_group IS NULL OR w.customer_group = $6)`;
  const params = [
    q.standard.workTypes,
    q.from,
    q.to,
    q.filters.team ?? null,
    q.filters.channel ?? null,
    q.filters.customerGroup ?? null,
  ];
  const orderColumn = open ? 'w.received_at' : 'w.completed_at';
  const keyset = q.cursor
    ? open
      ? `AND (${orderColumn}, w.id) > ($7::timestamptz, $8::bigint)`
      : `AND (${orderColumn}, w.id) < ($7::timestamptz, $8::bigint)`
    : '';
  const direction = open ? 'ASC' : 'DESC';
  const [page, total] = await Promise.all([
    db.query<WorkItemRow>(
      `SELECT w.id::text AS id, w.source_ref, w.work_type_code, t.name AS team, w.channel::text AS channel,
              w.customer_group::text AS customer_group, w.received_at, w.completed_at, w.received_date,
              w.completed_date, w.elapsed_seconds, w.elapsed_working_days, w.within_threshold
         FROM work_item w LEFT JOIN team t ON t.id = w.team_id
        WHERE w.work_type_code = ANY($1) AND ${where} ${filters} ${keyset}
        ORDER BY ${orderColumn} ${direction}, w.id ${direction}
        LIMIT ${q.limit + 1}`,
      q.cursor ? [...params, q.cursor.at, q.cursor.id] : params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM work_item w
        WHERE w.work_type_code = ANY($1) AND ${where} ${filters}`,
      params,
    ),
  ]);
  return { rows: page.rows, total: total.rows[0]?.n ?? 0 };
}

export interface QualityCheckRow {
  id: string;
  source_ref: string;
  work_type_code: string;
  team: string | null;
  checked_at: Date;
  checked_date: string;
  passed: boolean;
  error_category: string | null;
}

export async function qualityChecksPage(db: Queryable, q: ItemsPageQuery) {
  const where = `c.checked_date BETWEEN $2 AND $3${q.status === 'late' ? ' AND c.passed = false' : ''}
                 AND ($4::int IS NULL OR c.team_id = $4)`;
  const params = [q.standard.workTypes, q.from, q.to, q.filters.team ?? null];
  const keyset = q.cursor ? 'AND (c.checked_at, c.id) < ($5::timestamptz, $6::bigint)' : '';
  const [page, total] = await Promise.all([
    db.query<QualityCheckRow>(
      `SELECT c.id::text AS id, c.source_ref, c.work_type_code, t.name AS team, c.checked_at,
              c.checked_date, c.passed, c.error_category
         FROM quality_check c LEFT JOIN team t ON t.id = c.team_id
        WHERE c.work_type_code = ANY($1) AND ${where} ${keyset}
        ORDER BY c.checked_at DESC, c.id DESC LIMIT ${q.limit + 1}`,
      q.cursor ? [...params, q.cursor.at, q.cursor.id] : params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM quality_check c WHERE c.work_type_code = ANY($1) AND ${where}`,
      params,
    ),
  ]);
  return { rows: page.rows, total: total.rows[0]?.n ?? 0 };
}

export interface FeedbackRow {
  id: string;
  submitted_date: string;
  service_code: string;
  team: string | null;
  channel: string;
  customer_group: string;
  score: number | null;
  type: string;
  comment: string | null;
}

export async function feedbackPage(db: Queryable, q: ItemsPageQuery) {
  const where = `f.submitted_date BETWEEN $1 AND $2${q.status === 'late' ? ' AND f.score <= 3' : ''}
                 AND ($3::int IS NULL OR f.team_id = $3) AND ($4::channel IS NULL OR f.channel = $4)
                 AND ($5::customer_group IS NULL OR f.customer_group = $5)`;
  const params = [
    q.from,
    q.to,
    q.filters.team ?? null,
    q.filters.channel ?? null,
    q.filters.customerGroup ?? null,
  ];
  // Paged by date and id: neither the exact time of a response nor its source reference is read.
  const keyset = q.cursor ? 'AND (f.submitted_date, f.id) < ($6::date, $7::bigint)' : '';
  const [page, total] = await Promise.all([
    db.query<FeedbackRow>(
      `SELECT f.id::text AS id, f.submitted_date, f.service_code,
              t.name AS team, f.channel::text AS channel, f.customer_group::text AS customer_group,
              f.score, f.type::text AS type, f.comment
         FROM feedback_response f LEFT JOIN team t ON t.id = f.team_id
        WHERE ${where} ${keyset}
        ORDER BY f.submitted_date DESC, f.id DESC LIMIT ${q.limit + 1}`,
      q.cursor ? [...params, q.cursor.at, q.cursor.id] : params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback_response f WHERE ${where}`,
      params,
    ),
  ]);
  return { rows: page.rows, total: total.rows[0]?.n ?? 0 };
}

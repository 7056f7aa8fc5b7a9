import type { ImportBatch, ImportHistoryResponse } from '@ipo/contracts';
import type pg from 'pg';

const KIND = { work_items: 'work-items', quality_checks: 'quality-checks', feedback: 'feedback' };

interface Row {
  id: number;
  kind: keyof typeof KIND;
  status: ImportBatch['status'];
  mode: ImportBatch['mode'];
  source: string;
  data_source: string;
  created_by: string;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  rows_rejected: number;
  error_count: number;
  message: string | null;
  teams_created: { service: string; name: string }[] | null;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  total: number;
}

/**
 * Uploads recorded before addresses stopped being stored read 'web upload (203.0.113.7)': the
 * sender's address is personal data and is never shown.
 */
function withoutAddress(createdBy: string): string {
  return createdBy.startsWith('web upload (') ? 'web upload' : createdBy;
}

/** Import batches, newest first, a page at a time. */
export async function listImportBatches(
  db: Pick<pg.ClientBase, 'query'>,
  page: number,
  pageSize: number,
): Promise<ImportHistoryResponse> {
  const { rows } = await db.query<Row>(
    `SELECT id, kind, status, mode, source, data_source, created_by, rows_inserted, rows_updated,
            rows_unchanged, rows_rejected, error_count, message, teams_created, started_at,
            finished_at, duration_ms, count(*) OVER ()::int AS total
       FROM import_batch ORDER BY started_at DESC, id DESC LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize],
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_batch');
    total = count.rows[0]?.n ?? 0;
  }
  return {
    page,
    pageSize,
    total,
    batches: rows.map((r) => ({
      id: r.id,
      kind: KIND[r.kind] as ImportBatch['kind'],
      status: r.status,
      mode: r.mode,
      file: r.source,
      dataSource: r.data_source,
      createdBy: withoutAddress(r.created_by),
      rowsInserted: r.rows_inserted,
      rowsUpdated: r.rows_updated,
      rowsUnchanged: r.rows_unchanged,
      rowsRejected: r.rows_rejected,
      errorCount: r.error_count,
      message: r.message,
      teamsCreated: r.teams_created ?? [],
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      durationMs: r.duration_ms,
    })),
  };
}

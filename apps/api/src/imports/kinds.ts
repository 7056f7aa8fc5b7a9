import {
  FeedbackImportRowSchema,
  IMPORT_COLUMNS,
  type ImportKind,
  QualityCheckImportRowSchema,
  WorkItemImportRowSchema,
} from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { z } from 'zod';
import { WORK_ITEM_COLUMNS } from '../db/columns.js';
import type { CopyValue } from '../db/copy.js';
import type { BinaryType } from '../db/copy-binary.js';
import type { DerivationRules } from '../derive/rules.js';
import { applyFeedbackText, type CompiledTaxonomy } from '../feedback/text.js';
import { fastFeedbackRow, fastQualityCheckRow, fastWorkItemRow } from './fast-rows.js';

/** Reference data a row is checked against, loaded once per import inside its transaction. */
export interface ImportReference {
  services: ReadonlySet<string>;
  /** Work type code -> its service. */
  workTypes: ReadonlyMap<string, string>;
  rules: DerivationRules;
  /** The feedback theme taxonomy, compiled once per import. */
  taxonomy: CompiledTaxonomy;
}

export interface FieldError {
  column: string | null;
  reason: string;
}

export type RowOutcome =
  | { ok: true; values: CopyValue[]; team: { service: string; name: string } | null }
  | { ok: false; errors: FieldError[] };

/** A staged row read back for the rejected-rows CSV (duplicates are found in SQL). */
export type StagedRow = Record<string, unknown> & { line: number };

export interface KindDefinition {
  kind: ImportKind;
  /** import_batch.kind */
  batchKind: 'work_items' | 'quality_checks' | 'feedback';
  columns: readonly string[];
  /** Singular and plural nouns for messages. */
  noun: [string, string];
  /** Columns of the TEMP staging table, `line` first; the COPY writes them in this order. */
  stageColumns: readonly string[];
  stageDdl: string;
  /** The staging columns' types for binary COPY; without them the rows are staged as COPY text. */
  stageTypes?: readonly BinaryType[];
  /** Validates one row (its values in `columns` order) and gives the staged values. */
  validate(fields: readonly string[], line: number, ref: ImportReference): RowOutcome;
  /** A staged row back as CSV cells in `columns` order (for duplicates in valid-only mode). */
  stagedToFields(row: StagedRow): string[];
  /** The real table the rows are merged into, keyed by (source, source_ref). */
  table: string;
  /** Its columns after (source, source_ref): compared to tell a changed row from an unchanged one. */
  targetColumns: readonly string[];
  /**
   * Statements run once before the first merge and once after the last, inside the import's
   * transaction: work items collect their rollup changes and fold them in at the end (migration
   * 0009) instead of once per merged chunk.
   */
  beforeMerges?: readonly string[];
  afterMerges?: readonly string[];
  /** Which of `columns` holds free text to redact in the rejected-rows CSV. */
  redactColumn: number | null;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? '' : String(v));
const str = (v: unknown) => (v == null ? '' : String(v));

function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    column: i.path.length ? String(i.path[0]) : null,
    reason: i.message,
  }));
}

/**
 * A row through its schema: the fast path for ordinary rows (fast-rows.ts, proven equal to the
 * schema by test/fast-rows.test.ts), the zod schema itself for the rest and for the errors.
 */
function parseRow<T>(
  fast: (fields: readonly string[]) => T | undefined,
  schema: z.ZodType<T, Record<string, string>>,
  columns: readonly string[],
  fields: readonly string[],
  errors: FieldError[],
): T | undefined {
  const row = fast(fields);
  if (row !== undefined) return row;
  const parsed = schema.safeParse(toObject(columns, fields));
  if (parsed.success) return parsed.data;
  errors.push(...zodErrors(parsed.error));
  return undefined;
}

function toObject(columns: readonly string[], fields: readonly string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) o[columns[i]!] = fields[i]!;
  return o;
}

/** Unknown service, or a work type that is unknown or belongs to another service. */
function checkCodes(
  ref: ImportReference,
  service: string,
  workType: string | null,
  errors: FieldError[],
) {
  const serviceKnown = ref.services.has(service);
  if (!serviceKnown) {
    errors.push({
      column: 'service',
      reason: `unknown service ${JSON.stringify(service)}: must be one of ${[...ref.services].join(', ')}`,
    });
  }
  if (workType === null) return;
  const owner = ref.workTypes.get(workType);
  if (owner === undefined) {
    errors.push({ column: 'work_type', reason: `unknown work type ${JSON.stringify(workType)}` });
  } else if (serviceKnown && owner !== service) {
    errors.push({
      column: 'work_type',
      reason: `work type ${JSON.stringify(workType)} belongs to the service ${owner}, not ${service}`,
    });
  }
}

// Columns compared to decide whether a known row changed (the IS DISTINCT FROM in the merges).
const QUALITY_CHECK_COLUMNS = [
  'work_type_code',
  'service_code',
  'team_id',
  'checked_at',
  'checked_date',
  'passed',
  'error_category',
];
const FEEDBACK_COLUMNS = [
  'submitted_at',
  'submitted_date',
  'service_code',
  'team_id',
  'channel',
  'customer_group',
  'score',
  'type',
  'comment',
  'themes',
  'sentiment',
];

/**
 * The staging table's columns: the line, the source_ref, then the real table's columns with the
 * team by name (the merge looks its id up, creating new teams first).
 */
const stagedColumns = (target: readonly string[]) => [
  'line',
  'source_ref',
  ...target.map((c) => (c === 'team_id' ? 'team_name' : c)),
];

/** A text[] literal for COPY (theme codes are plain, but quote them anyway). */
const textArray = (items: readonly string[]) =>
  `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export const workItems: KindDefinition = {
  kind: 'work-items',
  batchKind: 'work_items',
  columns: IMPORT_COLUMNS['work-items'],
  noun: ['work item', 'work items'],
  stageColumns: stagedColumns(WORK_ITEM_COLUMNS),
  stageDdl: `CREATE TEMP TABLE import_stage (
    line int NOT NULL, source_ref text NOT NULL, work_type_code text NOT NULL,
    service_code text NOT NULL, team_name text, channel channel NOT NULL,
    customer_group customer_group NOT NULL, received_at timestamptz(3) NOT NULL,
    completed_at timestamptz(3), received_date date NOT NULL, completed_date date,
    elapsed_seconds int, elapsed_working_days int, elapsed_calendar_days int,
    within_threshold boolean, rules_version int NOT NULL
  ) ON COMMIT DROP`,
  stageTypes: [
    'int4',
    'text',
    'text',
    'text',
    'text',
    'text', // channel (an enum's binary form is its label)
    'text', // customer_group
    'timestamptz',
    'timestamptz',
    'date',
    'date',
    'int4',
    'int4',
    'int4',
    'bool',
    'int4',
  ],
  validate(fields, line, ref) {
    const errors: FieldError[] = [];
    const r = parseRow(fastWorkItemRow, WorkItemImportRowSchema, this.columns, fields, errors);
    checkCodes(ref, (fields[2] ?? '').trim(), (fields[1] ?? '').trim(), errors);
    if (r === undefined || errors.length) return { ok: false, errors };
    let d: ReturnType<DerivationRules['derive']>;
    try {
      d = ref.rules.derive(r.work_type, r.received_at, r.completed_at);
    } catch (error) {
      return {
        ok: false,
        errors: [{ column: null, reason: error instanceof Error ? error.message : String(error) }],
      };
    }
    return {
      ok: true,
      team: r.team === null ? null : { service: r.service, name: r.team },
      values: [
        line,
        r.source_ref,
        r.work_type,
        r.service,
        r.team,
        r.channel,
        r.customer_group,
        r.received_at,
        r.completed_at,
        d.receivedDate,
        d.completedDate,
        d.elapsedSeconds,
        d.elapsedWorkingDays,
        d.elapsedCalendarDays,
        d.withinThreshold,
        ref.rules.version,
      ],
    };
  },
  stagedToFields: (r) => [
    str(r.source_ref),
    str(r.work_type_code),
    str(r.service_code),
    str(r.team_name),
    str(r.channel),
    str(r.customer_group),
    iso(r.received_at),
    iso(r.completed_at),
  ],
  table: 'work_item',
  targetColumns: WORK_ITEM_COLUMNS,
  beforeMerges: [
    `SET LOCAL ipo.defer_work_item_rollups = 'on'`,
    `CREATE TEMP TABLE work_item_rollup_delta (
       work_type_code text NOT NULL, day date NOT NULL, elapsed_working_days int NOT NULL,
       within_threshold boolean NOT NULL, team_id int NOT NULL, channel channel NOT NULL,
       customer_group customer_group NOT NULL, n int NOT NULL, working_days int NOT NULL
     ) ON COMMIT DROP`,
  ],
  afterMerges: [
    'SELECT apply_work_item_rollup_deltas()',
    `SET LOCAL ipo.defer_work_item_rollups = 'off'`,
  ],
  redactColumn: null,
};

export const qualityChecks: KindDefinition = {
  kind: 'quality-checks',
  batchKind: 'quality_checks',
  columns: IMPORT_COLUMNS['quality-checks'],
  noun: ['quality check', 'quality checks'],
  stageColumns: stagedColumns(QUALITY_CHECK_COLUMNS),
  stageDdl: `CREATE TEMP TABLE import_stage (
    line int NOT NULL, source_ref text NOT NULL, work_type_code text NOT NULL,
    service_code text NOT NULL, team_name text, checked_at timestamptz(3) NOT NULL,
    checked_date date NOT NULL, passed boolean NOT NULL, error_category text
  ) ON COMMIT DROP`,
  validate(fields, line, ref) {
    const errors: FieldError[] = [];
    const r = parseRow(
      fastQualityCheckRow,
      QualityCheckImportRowSchema,
      this.columns,
      fields,
      errors,
    );
    checkCodes(ref, (fields[2] ?? '').trim(), (fields[1] ?? '').trim(), errors);
    if (r === undefined || errors.length) return { ok: false, errors };
    return {
      ok: true,
      team: r.team === null ? null : { service: r.service, name: r.team },
      values: [
        line,
        r.source_ref,
        r.work_type,
        r.service,
        r.team,
        r.checked_at,
        londonDate(r.checked_at),
        r.outcome === 'pass',
        r.error_category,
      ],
    };
  },
  stagedToFields: (r) => [
    str(r.source_ref),
    str(r.work_type_code),
    str(r.service_code),
    str(r.team_name),
    iso(r.checked_at),
    r.passed ? 'pass' : 'fail',
    str(r.error_category),
  ],
  table: 'quality_check',
  targetColumns: QUALITY_CHECK_COLUMNS,
  redactColumn: null,
};

export const feedback: KindDefinition = {
  kind: 'feedback',
  batchKind: 'feedback',
  columns: IMPORT_COLUMNS.feedback,
  noun: ['feedback response', 'feedback responses'],
  stageColumns: stagedColumns(FEEDBACK_COLUMNS),
  // The comment column only ever receives redacted text (measurement.md, 'Fairness and privacy');
  // themes and sentiment are worked out from that redacted text.
  stageDdl: `CREATE TEMP TABLE import_stage (
    line int NOT NULL, source_ref text NOT NULL, submitted_at timestamptz(3) NOT NULL,
    submitted_date date NOT NULL, service_code text NOT NULL, team_name text,
    channel channel NOT NULL, customer_group customer_group NOT NULL, score smallint,
    type feedback_type NOT NULL, comment text, themes text[] NOT NULL, sentiment double precision
  ) ON COMMIT DROP`,
  validate(fields, line, ref) {
    const errors: FieldError[] = [];
    const r = parseRow(fastFeedbackRow, FeedbackImportRowSchema, this.columns, fields, errors);
    checkCodes(ref, (fields[2] ?? '').trim(), null, errors);
    if (r === undefined || errors.length) return { ok: false, errors };
    const text = applyFeedbackText(r.comment, ref.taxonomy);
    return {
      ok: true,
      team: r.team === null ? null : { service: r.service, name: r.team },
      values: [
        line,
        r.source_ref,
        r.submitted_at,
        londonDate(r.submitted_at),
        r.service,
        r.team,
        r.channel,
        r.customer_group,
        r.satisfaction,
        r.feedback_type,
        text.comment,
        textArray(text.themes),
        text.sentiment,
      ],
    };
  },
  stagedToFields: (r) => [
    str(r.source_ref),
    iso(r.submitted_at),
    str(r.service_code),
    str(r.team_name),
    str(r.channel),
    str(r.customer_group),
    str(r.score),
    str(r.type),
    str(r.comment),
  ],
  // Themes and sentiment are derived from the (redacted) comment with the current taxonomy, so a
  // re-imported unchanged row compares equal and is left alone.
  table: 'feedback_response',
  targetColumns: FEEDBACK_COLUMNS,
  redactColumn: 8,
};

export const KINDS: Record<ImportKind, KindDefinition> = {
  'work-items': workItems,
  'quality-checks': qualityChecks,
  feedback,
};

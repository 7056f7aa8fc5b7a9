import {
  type FeedbackImportRow,
  FeedbackImportRowSchema,
  IMPORT_COLUMNS,
  type ImportKind,
  type QualityCheckImportRow,
  QualityCheckImportRowSchema,
  type WorkItemImportRow,
  WorkItemImportRowSchema,
} from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { z } from 'zod';
import { WORK_ITEM_COLUMNS } from '../db/columns.js';
import type { CopyValue } from '../db/copy.js';
import type { BinaryType } from '../db/copy-binary.js';
import type { DerivationRules } from '../derive/rules.js';
import { applyFeedbackText, type CompiledTaxonomy } from '../feedback/text.js';
import {
  fastFeedbackJson,
  fastFeedbackRow,
  fastQualityCheckJson,
  fastQualityCheckRow,
  fastWorkItemJson,
  fastWorkItemRow,
  type IngestFeedbackRow,
  type IngestQualityCheckRow,
  type IngestWorkItemRow,
} from './fast-rows.js';

/**
 * A row of a JSON ingestion batch: the CSV's columns as properties, with the types its body
 * schema allows (text, null or absent, and a number for the satisfaction score). The reader
 * checks those types again, cheaply, since it can be handed rows that did not come through it.
 */
export type JsonRow = Readonly<Record<string, unknown>>;

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
  /** Validates one CSV row (its cells in `columns` order) and gives the staged values. */
  validate(fields: readonly string[], line: number, ref: ImportReference): RowOutcome;
  /**
   * Validates one JSON row as typed values, with the same rules, staged values and messages as
   * the same row in a CSV file; a value of a type the body schema does not allow is an error on
   * its column.
   */
  validateJson(row: JsonRow, line: number, ref: ImportReference): RowOutcome;
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

/** The zod schema's verdict on a row's cells: the row, or undefined with its errors added. */
function viaSchema<T>(
  schema: z.ZodType<T, Record<string, string>>,
  cells: Record<string, string>,
  errors: FieldError[],
): T | undefined {
  const parsed = schema.safeParse(cells);
  if (parsed.success) return parsed.data;
  errors.push(...zodErrors(parsed.error));
  return undefined;
}

function toObject(columns: readonly string[], fields: readonly string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) o[columns[i]!] = fields[i]!;
  return o;
}

/**
 * A JSON value as the cell the same row has in a CSV file: missing or null empty, a number its
 * text. Only for what needs text: the schema's messages (which quote the value) and the
 * rejected-rows CSV; valid JSON rows are read without it.
 */
export function jsonCell(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function jsonCells(columns: readonly string[], row: JsonRow): Record<string, string> {
  const o: Record<string, string> = {};
  for (const c of columns) o[c] = jsonCell(row[c]);
  return o;
}

const typeName = (v: unknown) =>
  typeof v === 'boolean'
    ? 'true or false'
    : typeof v === 'number'
      ? 'a number'
      : Array.isArray(v)
        ? 'a list'
        : typeof v === 'object'
          ? 'an object'
          : typeof v;

/**
 * Values of a type the body schema does not allow (it answers 400 before they get here): text,
 * null or absent everywhere, and a number too in `numeric`. Properties that are not columns are
 * the body schema's business and are ignored here.
 */
function jsonTypeErrors(
  columns: readonly string[],
  numeric: string | null,
  row: JsonRow,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const column of columns) {
    const v = row[column];
    if (v === null || v === undefined || typeof v === 'string') continue;
    if (column === numeric) {
      if (typeof v === 'number') continue;
      errors.push({ column, reason: `is ${typeName(v)}: expected a number or text` });
    } else {
      errors.push({ column, reason: `is ${typeName(v)}: expected text` });
    }
  }
  return errors;
}

/**
 * How a kind reads its rows. Only the first step differs between CSV and JSON (the fast path
 * over text cells or over typed properties; the zod schema over the cells for the rest and for
 * the errors); the rules after it, `checkCodes` and `stage`, are the same function for both.
 */
interface RowSpec<T, J> {
  columns: readonly string[];
  schema: z.ZodType<T, Record<string, string>>;
  /** fast-rows.ts, proven equal to the schema by test/fast-rows.test.ts. */
  fastCsv(fields: readonly string[]): T | undefined;
  fastJson(row: J): T | undefined;
  /** The column whose JSON value may be a number (the satisfaction score). */
  numeric: string | null;
  /** Whether the row has a work type, checked against the catalogue with the service. */
  workType: boolean;
  /** The staged values of a row that passed every check. */
  stage(row: T, line: number, ref: ImportReference): RowOutcome;
}

function rowValidators<T, J>(
  spec: RowSpec<T, J>,
): Pick<KindDefinition, 'validate' | 'validateJson'> {
  const { columns, schema, fastCsv, fastJson, numeric, stage } = spec;
  const serviceAt = columns.indexOf('service');
  const workTypeAt = spec.workType ? columns.indexOf('work_type') : -1;
  // The row rules: the catalogue codes are checked on the values as sent even when the row
  // failed its schema, so that every error of the row is reported; then the staged values.
  const rules = (
    row: T | undefined,
    service: string,
    workType: string | null,
    errors: FieldError[],
    line: number,
    ref: ImportReference,
  ): RowOutcome => {
    checkCodes(ref, service, workType, errors);
    if (row === undefined || errors.length) return { ok: false, errors };
    return stage(row, line, ref);
  };
  return {
    validate(fields, line, ref) {
      const errors: FieldError[] = [];
      const row = fastCsv(fields) ?? viaSchema(schema, toObject(columns, fields), errors);
      const service = (fields[serviceAt] ?? '').trim();
      const workType = workTypeAt < 0 ? null : (fields[workTypeAt] ?? '').trim();
      return rules(row, service, workType, errors, line, ref);
    },
    validateJson(json, line, ref) {
      const errors = jsonTypeErrors(columns, numeric, json);
      if (errors.length) return { ok: false, errors };
      // Checked just above: every column holds a type the body schema allows.
      const row = fastJson(json as J) ?? viaSchema(schema, jsonCells(columns, json), errors);
      const service = ((json.service as string | null | undefined) ?? '').trim();
      const workType =
        workTypeAt < 0 ? null : ((json.work_type as string | null | undefined) ?? '').trim();
      return rules(row, service, workType, errors, line, ref);
    },
  };
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

/** A work item that passed every check: its derived values, then everything staged. */
function stageWorkItem(r: WorkItemImportRow, line: number, ref: ImportReference): RowOutcome {
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
}

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
  ...rowValidators<WorkItemImportRow, IngestWorkItemRow>({
    columns: IMPORT_COLUMNS['work-items'],
    schema: WorkItemImportRowSchema,
    fastCsv: fastWorkItemRow,
    fastJson: fastWorkItemJson,
    numeric: null,
    workType: true,
    stage: stageWorkItem,
  }),
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
  ...rowValidators<QualityCheckImportRow, IngestQualityCheckRow>({
    columns: IMPORT_COLUMNS['quality-checks'],
    schema: QualityCheckImportRowSchema,
    fastCsv: fastQualityCheckRow,
    fastJson: fastQualityCheckJson,
    numeric: null,
    workType: true,
    stage: (r, line) => ({
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
    }),
  }),
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
  ...rowValidators<FeedbackImportRow, IngestFeedbackRow>({
    columns: IMPORT_COLUMNS.feedback,
    schema: FeedbackImportRowSchema,
    fastCsv: fastFeedbackRow,
    fastJson: fastFeedbackJson,
    numeric: 'satisfaction',
    workType: false,
    stage: (r, line, ref) => {
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
  }),
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

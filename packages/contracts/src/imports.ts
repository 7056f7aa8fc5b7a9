import { z } from 'zod';
import { ChannelSchema, CustomerGroupSchema, FeedbackTypeSchema } from './common.js';

// ---------------------------------------------------------------------------------------------
// The import contract (docs/import-contract.md): CSV files and JSON
// ingestion batches carry the same columns and are validated by the same row schemas.

/** As in URLs and the CLI: `POST /api/imports/work-items`, `pnpm import work-items file.csv`. */
export const ImportKindSchema = z.enum(['work-items', 'quality-checks', 'feedback']);
export type ImportKind = z.infer<typeof ImportKindSchema>;

/**
 * `all-or-nothing` (default): one bad row rejects the file. `valid-only`: the valid rows are
 * imported and the rejected ones come back as a CSV to fix and send again.
 */
export const ImportModeSchema = z.enum(['all-or-nothing', 'valid-only']);
export type ImportMode = z.infer<typeof ImportModeSchema>;

export const ImportStatusSchema = z.enum(['running', 'applied', 'rejected', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const IMPORT_COLUMNS = {
  'work-items': [
    'source_ref',
    'work_type',
    'service',
    'team',
    'channel',
    'customer_group',
    'received_at',
    'completed_at',
  ],
  'quality-checks': [
    'source_ref',
    'work_type',
    'service',
    'team',
    'checked_at',
    'outcome',
    'error_category',
  ],
  feedback: [
    'source_ref',
    'submitted_at',
    'service',
    'team',
    'channel',
    'customer_group',
    'satisfaction',
    'feedback_type',
    'comment',
  ],
} as const satisfies Record<ImportKind, readonly string[]>;

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  'work-items': 'Work items',
  'quality-checks': 'Quality checks',
  feedback: 'Feedback',
};

/**
 * Longest feedback comment accepted, in characters after trimming: a longer one is a row error on
 * the `comment` column (CSV imports and JSON ingestion alike; a 1 MB 'comment' is not one), and is
 * left out of the rejected-rows CSV. Redaction markers can make the stored text longer than the
 * comment sent ('M1 1AE' becomes '[postcode removed]'), by at most about three times.
 */
export const MAX_COMMENT_LENGTH = 10_000;
/** Longest value of every other column. */
export const MAX_FIELD_LENGTH = 200;
/** The largest CSV file accepted (1 GiB: several million rows). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
/** The largest ingestion request body (JSON). */
export const MAX_INGEST_BYTES = 20 * 1024 * 1024;
/** Rows in one ingestion batch. */
export const MAX_INGEST_ROWS = 10_000;
/** The answer lists this many errors, and says how many there were in all. */
export const MAX_REPORTED_ERRORS = 1_000;

/** The system a row comes from (work_item.source): 'import' unless the importer says otherwise. */
export const DataSourceSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/, {
    message:
      'must be 1 to 50 lower-case letters, digits, dots, dashes or underscores, such as crm or telephony',
  })
  .default('import');

// ----- field rules (every value arrives as text: a CSV cell, or a JSON value turned into one)

/** Longest value quoted whole in an error message; a longer one is cut, with its length. */
const MAX_QUOTED = 60;

/** A value as an error message quotes it: a 2 MB value must not make a 2 MB message. */
const quote = (v: unknown) => {
  const text = String(v);
  return text.length <= MAX_QUOTED
    ? JSON.stringify(text)
    : `${JSON.stringify(`${text.slice(0, MAX_QUOTED)}…`)} (${text.length.toLocaleString('en-GB')} characters)`;
};

const required = (max = MAX_FIELD_LENGTH) =>
  z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(max, {
      error: (issue) =>
        `is ${String(issue.input).length.toLocaleString('en-GB')} characters long; the limit is ${max.toLocaleString('en-GB')}`,
    });

const optionalText = (max = MAX_FIELD_LENGTH) =>
  z
    .string()
    .trim()
    .max(max, {
      error: (issue) =>
        `is ${String(issue.input).length.toLocaleString('en-GB')} characters long; the limit is ${max.toLocaleString('en-GB')}`,
    })
    .transform((v) => (v === '' ? null : v));

const codeOf = <T extends string>(what: string, values: readonly T[]): z.ZodType<T, string> =>
  z.string().transform((raw, ctx) => {
    const v = raw.trim();
    if ((values as readonly string[]).includes(v)) return v as T;
    ctx.addIssue({
      code: 'custom',
      message:
        v === ''
          ? `is required: one of ${values.join(', ')}`
          : `unknown ${what} ${quote(v)}: must be one of ${values.join(', ')}`,
    });
    return z.NEVER;
  });

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Years the working calendar covers; a timestamp outside them is a typing error. */
export const IMPORT_YEARS = { from: 2000, to: 2069 } as const;

/** Parses an ISO 8601 timestamp with `Z` or an offset; null with a reason when it is not one. */
export function parseImportTimestamp(text: string): Date | string {
  const ms = importTimestampMillis(text);
  return ms >= 0 ? new Date(ms) : parseImportTimestampReference(text);
}

/**
 * The regex implementation of parseImportTimestamp: the definition its fast path must match, and
 * the fallback for every text the fast path does not recognise.
 * @internal exported for the tests only.
 */
export function parseImportTimestampReference(text: string): Date | string {
  const m = TIMESTAMP.exec(text);
  if (!m) {
    return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text)
      ? `${quote(text)} has no time zone: add Z or an offset, such as 2025-07-01T09:30:00Z`
      : `${quote(text)} is not an ISO 8601 timestamp such as 2025-07-01T09:30:00Z`;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? 0);
  const millis = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const sign = m[8] === '-' ? -1 : 1;
  const offsetHours = Number(m[9] ?? 0);
  const offsetMinutes = Number(m[10] ?? 0);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 14 ||
    offsetMinutes > 59
  ) {
    return `${quote(text)} is not a real date and time`;
  }
  if (year < IMPORT_YEARS.from || year > IMPORT_YEARS.to) {
    return `${quote(text)} is outside the years ${IMPORT_YEARS.from} to ${IMPORT_YEARS.to}`;
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return new Date(local - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** Days in each month of a common year (index 1 = January). */
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The fast path of parseImportTimestamp: the epoch milliseconds of a valid timestamp of the
 * common shapes (`YYYY-MM-DDTHH:MM`, optional `:SS` and `.f` to `.fffffffff`, then `Z`, `±HH:MM`
 * or `±HHMM`) in IMPORT_YEARS, by char codes; -1 for anything else, valid or not (the regex code
 * decides those). A result >= 0 is exactly what parseImportTimestampReference gives.
 * @internal
 */
export function importTimestampMillis(text: string): number {
  const n = text.length;
  if (n < 17 || n > 35) return -1;
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 // :
  ) {
    return -1;
  }
  // Every index read below is < n, so charCodeAt never gives NaN (which `>>> 0` would hide).
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const mo0 = text.charCodeAt(5) - 48;
  const mo1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  const h0 = text.charCodeAt(11) - 48;
  const h1 = text.charCodeAt(12) - 48;
  const mi0 = text.charCodeAt(14) - 48;
  const mi1 = text.charCodeAt(15) - 48;
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    mo0 >>> 0 > 9 ||
    mo1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    mi0 >>> 0 > 9 ||
    mi1 >>> 0 > 9
  ) {
    return -1;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;

  let i = 16;
  let c = text.charCodeAt(i);
  let second = 0;
  let millis = 0;
  if (c === 58) {
    // :SS
    if (n < 20) return -1;
    const s0 = text.charCodeAt(17) - 48;
    const s1 = text.charCodeAt(18) - 48;
    if (s0 >>> 0 > 9 || s1 >>> 0 > 9) return -1;
    second = s0 * 10 + s1;
    i = 19;
    c = text.charCodeAt(i);
    if (c === 46) {
      // .f to .fffffffff: milliseconds are the first three digits (the reference floors
      // Number('0.f…') * 1000, which gives exactly those; the tests check it).
      const start = ++i;
      while (i < n) {
        const digit = text.charCodeAt(i) - 48;
        if (digit >>> 0 > 9) break;
        if (i - start < 3) millis = millis * 10 + digit;
        i++;
      }
      const digits = i - start;
      if (digits < 1 || digits > 9 || i >= n) return -1;
      if (digits === 1) millis *= 100;
      else if (digits === 2) millis *= 10;
      c = text.charCodeAt(i);
    }
  }
  let offsetMinutes = 0;
  if (c === 90) {
    // Z
    if (i + 1 !== n) return -1;
  } else if (c === 43 || c === 45) {
    // +HH:MM, +HHMM, -HH:MM, -HHMM
    const rest = n - i - 1;
    const colon = rest === 5 && text.charCodeAt(i + 3) === 58;
    if (!colon && rest !== 4) return -1;
    const oh0 = text.charCodeAt(i + 1) - 48;
    const oh1 = text.charCodeAt(i + 2) - 48;
    const om0 = text.charCodeAt(colon ? i + 4 : i + 3) - 48;
    const om1 = text.charCodeAt(colon ? i + 5 : i + 4) - 48;
    if (oh0 >>> 0 > 9 || oh1 >>> 0 > 9 || om0 >>> 0 > 9 || om1 >>> 0 > 9) return -1;
    const oh = oh0 * 10 + oh1;
    const om = om0 * 10 + om1;
    if (oh > 14 || om > 59) return -1;
    offsetMinutes = c === 45 ? -(oh * 60 + om) : oh * 60 + om;
  } else {
    return -1;
  }

  // Out-of-range years and unreal dates: the reference words the reason (and orders the checks).
  if (year < IMPORT_YEARS.from || year > IMPORT_YEARS.to) return -1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return -1;
  // 2000 to 2069: every fourth year is a leap year (2000 included).
  if (day > (month === 2 && (year & 3) === 0 ? 29 : (MONTH_DAYS[month] as number))) return -1;

  // Days since 1970-01-01 (H. Hinnant's days_from_civil; the years here are all positive).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

const timestamp = z.string().transform((raw, ctx) => {
  const text = raw.trim();
  if (text === '') {
    ctx.addIssue({ code: 'custom', message: 'is required' });
    return z.NEVER;
  }
  const parsed = parseImportTimestamp(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const optionalTimestamp = z.string().transform((raw, ctx) => {
  const text = raw.trim();
  if (text === '') return null;
  const parsed = parseImportTimestamp(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const channel = codeOf('channel', ChannelSchema.options);
const customerGroup = codeOf('customer group', CustomerGroupSchema.options);

/** One work-item row, every value as text. Codes are checked against the catalogue by the API. */
export const WorkItemImportRowSchema = z
  .object({
    source_ref: required(),
    work_type: required(),
    service: required(),
    team: optionalText(),
    channel,
    customer_group: customerGroup,
    received_at: timestamp,
    completed_at: optionalTimestamp,
  })
  .superRefine((row, ctx) => {
    if (row.completed_at && row.completed_at.getTime() < row.received_at.getTime()) {
      ctx.addIssue({
        code: 'custom',
        path: ['completed_at'],
        message: 'is before received_at: an item cannot be completed before it is received',
      });
    }
  });
export type WorkItemImportRow = z.output<typeof WorkItemImportRowSchema>;

export const QualityCheckImportRowSchema = z
  .object({
    source_ref: required(),
    work_type: required(),
    service: required(),
    team: optionalText(),
    checked_at: timestamp,
    outcome: codeOf('outcome', ['pass', 'fail'] as const),
    error_category: optionalText(),
  })
  .superRefine((row, ctx) => {
    if (row.outcome === 'pass' && row.error_category !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['error_category'],
        message: 'must be empty when the outcome is pass',
      });
    }
  });
export type QualityCheckImportRow = z.output<typeof QualityCheckImportRowSchema>;

export const FeedbackImportRowSchema = z.object({
  source_ref: required(),
  submitted_at: timestamp,
  service: required(),
  team: optionalText(),
  channel,
  customer_group: customerGroup,
  satisfaction: z.string().transform((raw, ctx) => {
    const v = raw.trim();
    if (v === '') return null;
    if (/^[1-5]$/.test(v)) return Number(v);
    ctx.addIssue({ code: 'custom', message: `${quote(v)} is not a score from 1 to 5 (or empty)` });
    return z.NEVER;
  }),
  feedback_type: codeOf('feedback type', FeedbackTypeSchema.options),
  comment: optionalText(MAX_COMMENT_LENGTH),
});
export type FeedbackImportRow = z.output<typeof FeedbackImportRowSchema>;

// ----- JSON ingestion (systems): the same columns as JSON properties

const jsonText = z.string().max(MAX_COMMENT_LENGTH * 2);
const jsonOptional = jsonText.nullable().optional();
// Any length here (the request's size limit bounds it): the row schema rejects a comment over
// MAX_COMMENT_LENGTH as a row error on `comment`, as it does in a CSV file.
const jsonComment = z.string().nullable().optional();

export const IngestWorkItemSchema = z.strictObject({
  source_ref: jsonText,
  work_type: jsonText,
  service: jsonText,
  team: jsonOptional,
  channel: jsonText,
  customer_group: jsonText,
  received_at: jsonText,
  completed_at: jsonOptional,
});
export const IngestQualityCheckSchema = z.strictObject({
  source_ref: jsonText,
  work_type: jsonText,
  service: jsonText,
  team: jsonOptional,
  checked_at: jsonText,
  outcome: jsonText,
  error_category: jsonOptional,
});
export const IngestFeedbackSchema = z.strictObject({
  source_ref: jsonText,
  submitted_at: jsonText,
  service: jsonText,
  team: jsonOptional,
  channel: jsonText,
  customer_group: jsonText,
  satisfaction: z.union([z.number(), jsonText]).nullable().optional(),
  feedback_type: jsonText,
  comment: jsonComment,
});

const fmtCount = (n: number) => n.toLocaleString('en-GB');

/**
 * The rows of an ingestion batch: 1 to MAX_INGEST_ROWS. The number of rows is checked first, and
 * a batch with too many is refused (an issue on `rows`) before any row is parsed; then each row.
 * (A preprocess step, not z.array(z.unknown()).max().pipe(...), so that the OpenAPI document
 * still describes the rows.)
 */
const ingestRows = <Row extends z.ZodType>(row: Row) =>
  z.preprocess((rows, ctx) => {
    if (Array.isArray(rows) && rows.length > MAX_INGEST_ROWS) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'array',
        maximum: MAX_INGEST_ROWS,
        inclusive: true,
        input: rows,
        message: `A batch holds at most ${fmtCount(MAX_INGEST_ROWS)} rows; this one has ${fmtCount(rows.length)}. Split it.`,
      });
    }
    return rows;
  }, z.array(row).min(1).max(MAX_INGEST_ROWS));

export const IngestWorkItemsBodySchema = z.object({ rows: ingestRows(IngestWorkItemSchema) });
export const IngestQualityChecksBodySchema = z.object({
  rows: ingestRows(IngestQualityCheckSchema),
});
export const IngestFeedbackBodySchema = z.object({ rows: ingestRows(IngestFeedbackSchema) });

export const ImportQuerySchema = z.object({
  mode: ImportModeSchema.default('all-or-nothing'),
  source: DataSourceSchema,
  /** The uploaded file's name, for the history (a multipart upload carries its own). */
  filename: z.string().trim().min(1).max(200).optional(),
});
export type ImportQuery = z.infer<typeof ImportQuerySchema>;

// ----- results

export const ImportErrorSchema = z.object({
  /**
   * The physical line in the file (the header is line 1; a quoted field spanning lines counts
   * every line), or for ingestion the row's position in `rows`, starting at 1. 0: the whole file.
   */
  line: z.number().int(),
  /** The column, or null for a problem with the whole row or file. */
  column: z.string().nullable(),
  reason: z.string(),
});
export type ImportError = z.infer<typeof ImportErrorSchema>;

export const TeamRefSchema = z.object({ service: z.string(), name: z.string() });

export const ImportResultSchema = z.object({
  batchId: z.number().int(),
  kind: ImportKindSchema,
  mode: ImportModeSchema,
  source: z.string(),
  status: z.enum(['applied', 'rejected', 'failed']),
  message: z.string(),
  rows: z.object({
    /** Data rows read (valid and rejected). */
    total: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
  teamsCreated: z.array(TeamRefSchema),
  /** The first MAX_REPORTED_ERRORS errors, in line order. */
  errors: z.array(ImportErrorSchema),
  errorCount: z.number().int(),
  /**
   * valid-only mode: the rejected rows (their columns, then `line` and `error`) to fix and send
   * again; comments are redacted, and a value over MAX_COMMENT_LENGTH characters is left out (an
   * empty cell; the row's error says so). Null when nothing was rejected or the mode is
   * all-or-nothing.
   */
  rejectedCsv: z.string().nullable(),
  rejectedCsvTruncated: z.boolean(),
  durationMs: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportBatchSchema = z.object({
  id: z.number().int(),
  kind: ImportKindSchema,
  status: ImportStatusSchema,
  mode: ImportModeSchema,
  /** The file name, or the API token's name for ingestion. */
  file: z.string(),
  dataSource: z.string(),
  /** 'web upload', 'API token NAME' or 'cli (user)' (command line); never an address. */
  createdBy: z.string(),
  rowsInserted: z.number().int(),
  rowsUpdated: z.number().int(),
  rowsUnchanged: z.number().int(),
  rowsRejected: z.number().int(),
  errorCount: z.number().int(),
  message: z.string().nullable(),
  teamsCreated: z.array(TeamRefSchema),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  durationMs: z.number().int().nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatchSchema>;

export const ImportHistoryQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ImportHistoryResponseSchema = z.object({
  batches: z.array(ImportBatchSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type ImportHistoryResponse = z.infer<typeof ImportHistoryResponseSchema>;

// ----- freshness

export const FreshnessKindSchema = z.enum(['work_items', 'quality_checks', 'feedback']);
export type FreshnessKind = z.infer<typeof FreshnessKindSchema>;

export const FreshnessSourceSchema = z.object({
  kind: FreshnessKindSchema,
  /** Null for feedback (one source for every service). */
  workType: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** When rows of this source were last written. */
  lastChangedAt: z.iso.datetime().nullable(),
  /** The newest event in the data: completion (or receipt), check or submission. */
  latestEventAt: z.iso.datetime().nullable(),
  /** England-and-Wales working days from the latest event's London date to today. */
  workingDaysSinceLatestEvent: z.number().int().nullable(),
  stale: z.boolean(),
  message: z.string(),
});
export type FreshnessSource = z.infer<typeof FreshnessSourceSchema>;

export const FreshnessResponseSchema = z.object({
  asOf: z.iso.datetime(),
  staleAfterWorkingDays: z.number().int(),
  sources: z.array(FreshnessSourceSchema),
});
export type FreshnessResponse = z.infer<typeof FreshnessResponseSchema>;

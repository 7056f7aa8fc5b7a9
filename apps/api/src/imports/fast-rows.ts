import {
  ChannelSchema,
  CustomerGroupSchema,
  type FeedbackImportRow,
  FeedbackTypeSchema,
  IMPORT_COLUMNS,
  type IngestFeedbackSchema,
  type IngestQualityCheckSchema,
  type IngestWorkItemSchema,
  importTimestampMillis,
  MAX_COMMENT_LENGTH,
  MAX_FIELD_LENGTH,
  type QualityCheckImportRow,
  type WorkItemImportRow,
} from '@ipo/contracts';
import type { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Fast paths for the import row schemas (packages/contracts/src/imports.ts), for the server only
// (the browser bundles the contracts and never validates a million rows). Each takes a row's values in
// IMPORT_COLUMNS[kind] order and returns the row exactly as the schema's safeParse would (the
// same trimmed strings, nulls, numbers and Dates), or undefined, and then the caller runs the
// schema for the errors. Undefined is also allowed for a valid row that is unusual (a padded
// code or timestamp, an offset, a year at the edge...): only ordinary rows need to be fast.
// The tests check both halves with fast-check against the schemas.
//
// Each kind's rules are written once, over the row's values one by one (`workItem`, ...), and
// have two entries: a CSV row's text cells (`fastWorkItemRow`), and a JSON ingestion row's typed
// properties as the body schema gives them (`fastWorkItemJson`): null or absent is a missing
// value (what an empty cell is in CSV) and a number score is taken as the number, with no text in
// between. For the same row both give the same result (test/fast-rows.test.ts).

/**
 * A value of a text column: a CSV cell, or a JSON property (a string, or null or absent for a
 * missing value, which a CSV file writes as an empty cell).
 */
export type Cell = string | null | undefined;

/** A JSON ingestion row of each kind, as its body schema types it (`@ipo/contracts`). */
export type IngestWorkItemRow = z.output<typeof IngestWorkItemSchema>;
export type IngestQualityCheckRow = z.output<typeof IngestQualityCheckSchema>;
export type IngestFeedbackRow = z.output<typeof IngestFeedbackSchema>;

const WORK_ITEM_FIELDS = IMPORT_COLUMNS['work-items'].length;
const QUALITY_CHECK_FIELDS = IMPORT_COLUMNS['quality-checks'].length;
const FEEDBACK_FIELDS = IMPORT_COLUMNS.feedback.length;

type Channel = WorkItemImportRow['channel'];
type CustomerGroup = WorkItemImportRow['customer_group'];
type FeedbackType = FeedbackImportRow['feedback_type'];

const CHANNELS: ReadonlySet<Cell> = new Set<Cell>(ChannelSchema.options);
const CUSTOMER_GROUPS: ReadonlySet<Cell> = new Set<Cell>(CustomerGroupSchema.options);
const FEEDBACK_TYPES: ReadonlySet<Cell> = new Set<Cell>(FeedbackTypeSchema.options);

// A code in the set has no surrounding white space, so it equals its trimmed self, which is
// what the schema looks up; a padded code is left to the schema, and so is a missing one.
const isChannel = (v: Cell): v is Channel => CHANNELS.has(v);
const isCustomerGroup = (v: Cell): v is CustomerGroup => CUSTOMER_GROUPS.has(v);
const isFeedbackType = (v: Cell): v is FeedbackType => FEEDBACK_TYPES.has(v);

/** required(): trimmed, 1 to max characters after trimming; a missing value is the schema's. */
function requiredText(raw: Cell, max: number): string | undefined {
  if (raw == null) return undefined;
  const v = raw.trim();
  return v.length === 0 || v.length > max ? undefined : v;
}

/** optionalText(): trimmed, at most max characters after trimming; empty or missing -> null. */
function optionalText(raw: Cell, max: number): string | null | undefined {
  if (raw == null) return null;
  const v = raw.trim();
  if (v.length > max) return undefined;
  return v === '' ? null : v;
}

// Timestamps: a text the fast parser accepts starts with a digit and ends with Z or a digit, so
// it is its own trimmed value, and its result is parseImportTimestamp's.

/** The required timestamp's epoch milliseconds, or -1 (a missing one included). */
const requiredTime = (raw: Cell): number => (raw == null ? -1 : importTimestampMillis(raw));

/** The optional timestamp: null when empty or missing, the epoch milliseconds, or -1. */
const optionalTime = (raw: Cell): number | null =>
  raw == null || raw === '' ? null : importTimestampMillis(raw);

/**
 * The satisfaction score, 1 to 5: a JSON number is taken as it is when it is one of them; text
 * (a CSV cell, or a JSON string) must be one digit 1 to 5. Empty or missing -> null. Anything
 * else ('3.0', ' 4 ', 3.5, 0) goes to the schema, which says why or accepts the padded digit.
 */
function score(raw: Cell | number): number | null | undefined {
  if (typeof raw === 'number')
    return Number.isInteger(raw) && raw >= 1 && raw <= 5 ? raw : undefined;
  if (raw == null || raw === '') return null;
  return raw.length === 1 && raw >= '1' && raw <= '5' ? raw.charCodeAt(0) - 48 : undefined;
}

/** source_ref, service and team, which every kind has. */
function refServiceTeam(
  sourceRefRaw: Cell,
  serviceRaw: Cell,
  teamRaw: Cell,
): { sourceRef: string; service: string; team: string | null } | undefined {
  const sourceRef = requiredText(sourceRefRaw, MAX_FIELD_LENGTH);
  const service = requiredText(serviceRaw, MAX_FIELD_LENGTH);
  const team = optionalText(teamRaw, MAX_FIELD_LENGTH);
  if (sourceRef === undefined || service === undefined || team === undefined) return undefined;
  return { sourceRef, service, team };
}

/** A CSV work-item row (its cells in IMPORT_COLUMNS order). */
export function fastWorkItemRow(fields: readonly string[]): WorkItemImportRow | undefined {
  if (fields.length !== WORK_ITEM_FIELDS) return undefined;
  return workItem(
    fields[0],
    fields[1],
    fields[2],
    fields[3],
    fields[4],
    fields[5],
    fields[6],
    fields[7],
  );
}

/** A JSON work-item row, typed by its body schema. */
export function fastWorkItemJson(row: IngestWorkItemRow): WorkItemImportRow | undefined {
  return workItem(
    row.source_ref,
    row.work_type,
    row.service,
    row.team,
    row.channel,
    row.customer_group,
    row.received_at,
    row.completed_at,
  );
}

function workItem(
  sourceRefRaw: Cell,
  workTypeRaw: Cell,
  serviceRaw: Cell,
  teamRaw: Cell,
  channel: Cell,
  customerGroup: Cell,
  receivedRaw: Cell,
  completedRaw: Cell,
): WorkItemImportRow | undefined {
  const receivedMs = requiredTime(receivedRaw);
  if (receivedMs < 0) return undefined;
  const completedMs = optionalTime(completedRaw);
  if (completedMs !== null && (completedMs < 0 || completedMs < receivedMs)) return undefined;
  if (!isChannel(channel) || !isCustomerGroup(customerGroup)) return undefined;
  const common = refServiceTeam(sourceRefRaw, serviceRaw, teamRaw);
  if (common === undefined) return undefined;
  const workType = requiredText(workTypeRaw, MAX_FIELD_LENGTH);
  if (workType === undefined) return undefined;
  return {
    source_ref: common.sourceRef,
    work_type: workType,
    service: common.service,
    team: common.team,
    channel,
    customer_group: customerGroup,
    received_at: new Date(receivedMs),
    completed_at: completedMs === null ? null : new Date(completedMs),
  };
}

/** A CSV quality-check row (its cells in IMPORT_COLUMNS order). */
export function fastQualityCheckRow(fields: readonly string[]): QualityCheckImportRow | undefined {
  if (fields.length !== QUALITY_CHECK_FIELDS) return undefined;
  return qualityCheck(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]);
}

/** A JSON quality-check row, typed by its body schema. */
export function fastQualityCheckJson(
  row: IngestQualityCheckRow,
): QualityCheckImportRow | undefined {
  return qualityCheck(
    row.source_ref,
    row.work_type,
    row.service,
    row.team,
    row.checked_at,
    row.outcome,
    row.error_category,
  );
}

function qualityCheck(
  sourceRefRaw: Cell,
  workTypeRaw: Cell,
  serviceRaw: Cell,
  teamRaw: Cell,
  checkedRaw: Cell,
  outcome: Cell,
  errorCategoryRaw: Cell,
): QualityCheckImportRow | undefined {
  const checkedMs = requiredTime(checkedRaw);
  if (checkedMs < 0) return undefined;
  if (outcome !== 'pass' && outcome !== 'fail') return undefined;
  const common = refServiceTeam(sourceRefRaw, serviceRaw, teamRaw);
  if (common === undefined) return undefined;
  const workType = requiredText(workTypeRaw, MAX_FIELD_LENGTH);
  if (workType === undefined) return undefined;
  const errorCategory = optionalText(errorCategoryRaw, MAX_FIELD_LENGTH);
  if (errorCategory === undefined || (outcome === 'pass' && errorCategory !== null)) {
    return undefined;
  }
  return {
    source_ref: common.sourceRef,
    work_type: workType,
    service: common.service,
    team: common.team,
    checked_at: new Date(checkedMs),
    outcome,
    error_category: errorCategory,
  };
}

/** A CSV feedback row (its cells in IMPORT_COLUMNS order). */
export function fastFeedbackRow(fields: readonly string[]): FeedbackImportRow | undefined {
  if (fields.length !== FEEDBACK_FIELDS) return undefined;
  return feedback(
    fields[0],
    fields[1],
    fields[2],
    fields[3],
    fields[4],
    fields[5],
    fields[6],
    fields[7],
    fields[8],
  );
}

/** A JSON feedback row, typed by its body schema (the score may be a number). */
export function fastFeedbackJson(row: IngestFeedbackRow): FeedbackImportRow | undefined {
  return feedback(
    row.source_ref,
    row.submitted_at,
    row.service,
    row.team,
    row.channel,
    row.customer_group,
    row.satisfaction,
    row.feedback_type,
    row.comment,
  );
}

function feedback(
  sourceRefRaw: Cell,
  submittedRaw: Cell,
  serviceRaw: Cell,
  teamRaw: Cell,
  channel: Cell,
  customerGroup: Cell,
  satisfactionRaw: Cell | number,
  feedbackType: Cell,
  commentRaw: Cell,
): FeedbackImportRow | undefined {
  const submittedMs = requiredTime(submittedRaw);
  if (submittedMs < 0) return undefined;
  if (!isChannel(channel) || !isCustomerGroup(customerGroup) || !isFeedbackType(feedbackType)) {
    return undefined;
  }
  const satisfaction = score(satisfactionRaw);
  if (satisfaction === undefined) return undefined;
  const common = refServiceTeam(sourceRefRaw, serviceRaw, teamRaw);
  if (common === undefined) return undefined;
  const comment = optionalText(commentRaw, MAX_COMMENT_LENGTH);
  if (comment === undefined) return undefined;
  return {
    source_ref: common.sourceRef,
    submitted_at: new Date(submittedMs),
    service: common.service,
    team: common.team,
    channel,
    customer_group: customerGroup,
    satisfaction,
    feedback_type: feedbackType,
    comment,
  };
}

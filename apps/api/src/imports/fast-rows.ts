import {
  ChannelSchema,
  CustomerGroupSchema,
  type FeedbackImportRow,
  FeedbackTypeSchema,
  IMPORT_COLUMNS,
  importTimestampMillis,
  MAX_COMMENT_LENGTH,
  MAX_FIELD_LENGTH,
  type QualityCheckImportRow,
  type WorkItemImportRow,
} from '@ipo/contracts';

// ---------------------------------------------------------------------------------------------
// Fast paths for the import row schemas (packages/contracts/src/imports.ts), for the server only
// (the browser bundles the contracts and never validates a million rows). Each takes a row's values in
// IMPORT_COLUMNS[kind] order and returns the row exactly as the schema's safeParse would (the
// same trimmed strings, nulls, numbers and Dates), or undefined, and then the caller runs the
// schema for the errors. Undefined is also allowed for a valid row that is unusual (a padded
// code or timestamp, an offset, a year at the edge...): only ordinary rows need to be fast.
// The tests check both halves with fast-check against the schemas.

const WORK_ITEM_FIELDS = IMPORT_COLUMNS['work-items'].length;
const QUALITY_CHECK_FIELDS = IMPORT_COLUMNS['quality-checks'].length;
const FEEDBACK_FIELDS = IMPORT_COLUMNS.feedback.length;

type Channel = WorkItemImportRow['channel'];
type CustomerGroup = WorkItemImportRow['customer_group'];
type FeedbackType = FeedbackImportRow['feedback_type'];

const CHANNELS: ReadonlySet<string> = new Set(ChannelSchema.options);
const CUSTOMER_GROUPS: ReadonlySet<string> = new Set(CustomerGroupSchema.options);
const FEEDBACK_TYPES: ReadonlySet<string> = new Set(FeedbackTypeSchema.options);

// A code in the set has no surrounding white space, so it equals its trimmed self, which is
// what the schema looks up; a padded code is left to the schema.
const isChannel = (v: string): v is Channel => CHANNELS.has(v);
const isCustomerGroup = (v: string): v is CustomerGroup => CUSTOMER_GROUPS.has(v);
const isFeedbackType = (v: string): v is FeedbackType => FEEDBACK_TYPES.has(v);

/** required(): trimmed, 1 to max characters after trimming. */
function requiredText(raw: string, max: number): string | undefined {
  const v = raw.trim();
  return v.length === 0 || v.length > max ? undefined : v;
}

/** optionalText(): trimmed, at most max characters after trimming; empty -> null. */
function optionalText(raw: string, max: number): string | null | undefined {
  const v = raw.trim();
  if (v.length > max) return undefined;
  return v === '' ? null : v;
}

// Timestamps: a text the fast parser accepts starts with a digit and ends with Z or a digit, so
// it is its own trimmed value, and its result is parseImportTimestamp's.

/** The required timestamp's epoch milliseconds, or -1. */
const requiredTime = (raw: string): number => importTimestampMillis(raw);

/** The optional timestamp: null when empty, the epoch milliseconds, or -1. */
const optionalTime = (raw: string): number | null =>
  raw === '' ? null : importTimestampMillis(raw);

/** source_ref, service and team: columns 0, 2 and 3 in every kind. */
function refServiceTeam(
  fields: readonly string[],
): { sourceRef: string; service: string; team: string | null } | undefined {
  const sourceRef = requiredText(fields[0] as string, MAX_FIELD_LENGTH);
  const service = requiredText(fields[2] as string, MAX_FIELD_LENGTH);
  const team = optionalText(fields[3] as string, MAX_FIELD_LENGTH);
  if (sourceRef === undefined || service === undefined || team === undefined) return undefined;
  return { sourceRef, service, team };
}

export function fastWorkItemRow(fields: readonly string[]): WorkItemImportRow | undefined {
  if (fields.length !== WORK_ITEM_FIELDS) return undefined;
  const receivedMs = requiredTime(fields[6] as string);
  if (receivedMs < 0) return undefined;
  const completedMs = optionalTime(fields[7] as string);
  if (completedMs !== null && (completedMs < 0 || completedMs < receivedMs)) return undefined;
  const channel = fields[4] as string;
  const customerGroup = fields[5] as string;
  if (!isChannel(channel) || !isCustomerGroup(customerGroup)) return undefined;
  const common = refServiceTeam(fields);
  if (common === undefined) return undefined;
  const workType = requiredText(fields[1] as string, MAX_FIELD_LENGTH);
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

export function fastQualityCheckRow(fields: readonly string[]): QualityCheckImportRow | undefined {
  if (fields.length !== QUALITY_CHECK_FIELDS) return undefined;
  const checkedMs = requiredTime(fields[4] as string);
  if (checkedMs < 0) return undefined;
  const outcome = fields[5] as string;
  if (outcome !== 'pass' && outcome !== 'fail') return undefined;
  const common = refServiceTeam(fields);
  if (common === undefined) return undefined;
  const workType = requiredText(fields[1] as string, MAX_FIELD_LENGTH);
  if (workType === undefined) return undefined;
  const errorCategory = optionalText(fields[6] as string, MAX_FIELD_LENGTH);
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

export function fastFeedbackRow(fields: readonly string[]): FeedbackImportRow | undefined {
  if (fields.length !== FEEDBACK_FIELDS) return undefined;
  const submittedMs = requiredTime(fields[1] as string);
  if (submittedMs < 0) return undefined;
  const channel = fields[4] as string;
  const customerGroup = fields[5] as string;
  const feedbackType = fields[7] as string;
  if (!isChannel(channel) || !isCustomerGroup(customerGroup) || !isFeedbackType(feedbackType)) {
    return undefined;
  }
  // A score is one digit 1 to 5, or empty; anything else (padded, '3.0') goes to the schema.
  const score = fields[6] as string;
  let satisfaction: number | null;
  if (score === '') satisfaction = null;
  else if (score.length === 1 && score >= '1' && score <= '5')
    satisfaction = score.charCodeAt(0) - 48;
  else return undefined;
  const common = refServiceTeam(fields);
  if (common === undefined) return undefined;
  const comment = optionalText(fields[8] as string, MAX_COMMENT_LENGTH);
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

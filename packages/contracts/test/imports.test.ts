import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  IMPORT_COLUMNS,
  type ImportKind,
  IngestFeedbackBodySchema,
  IngestQualityChecksBodySchema,
  IngestWorkItemsBodySchema,
  importTimestampMillis,
  MAX_COMMENT_LENGTH,
  MAX_INGEST_ROWS,
  parseImportTimestamp,
  parseImportTimestampReference,
  WorkItemImportRowSchema,
} from '../src/index.js';
import { ordinaryTimestamp, timestampText } from './support/timestamps.js';

const rowObject = (kind: ImportKind, fields: readonly string[]) =>
  Object.fromEntries(IMPORT_COLUMNS[kind].map((column, i) => [column, fields[i]]));

describe('import row schemas', () => {
  const wi = (patch: Record<number, string> = {}) => {
    const row = [
      'WI-00000001',
      'written_enquiry',
      'customer-support',
      'Team B',
      'email',
      'individual',
      '2025-11-19T12:41:15.243Z',
      '2025-12-02T23:47:12.409Z',
    ];
    for (const [i, v] of Object.entries(patch)) row[Number(i)] = v;
    return row;
  };

  test('ingestion accepts a comment of any length, for the row schema to reject', () => {
    const comment = 'c'.repeat(MAX_COMMENT_LENGTH * 3);
    const body = IngestFeedbackBodySchema.safeParse({
      rows: [
        {
          source_ref: 'FB-1',
          submitted_at: '2025-07-01T09:30:00Z',
          service: 'customer-support',
          channel: 'online',
          customer_group: 'individual',
          feedback_type: 'general',
          comment,
        },
      ],
    });
    expect(body.success).toBe(true);
  });

  test('a long value is quoted cut short in error messages, with its length', () => {
    const row = wi({ 4: 'f'.repeat(5000), 6: `2025-${'1'.repeat(100_000)}` });
    const parsed = WorkItemImportRowSchema.safeParse(rowObject('work-items', row));
    expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      [
        'channel',
        `unknown channel "${'f'.repeat(60)}…" (5,000 characters): must be one of phone, email, post, online`,
      ],
      [
        'received_at',
        `"2025-${'1'.repeat(55)}…" (100,005 characters) is not an ISO 8601 timestamp such as 2025-07-01T09:30:00Z`,
      ],
    ]);
    // Short values are quoted whole.
    expect(
      WorkItemImportRowSchema.safeParse(rowObject('work-items', wi({ 4: 'f'.repeat(60) }))).error
        ?.issues[0]?.message,
    ).toBe(`unknown channel "${'f'.repeat(60)}": must be one of phone, email, post, online`);
  });
});

// ----- parseImportTimestamp: the fast path against the regex reference

describe('parseImportTimestamp', () => {
  test('equals the reference on arbitrary and edge texts', () => {
    fc.assert(
      fc.property(timestampText, (text) => {
        expect(parseImportTimestamp(text)).toEqual(parseImportTimestampReference(text));
      }),
      { numRuns: 20_000 },
    );
  });

  test('takes the fast path for the common shapes, with the reference result', () => {
    fc.assert(
      fc.property(ordinaryTimestamp, (text) => {
        const reference = parseImportTimestampReference(text);
        expect(reference).toBeInstanceOf(Date);
        expect(importTimestampMillis(text)).toBe((reference as Date).getTime());
        expect(parseImportTimestamp(text)).toEqual(reference);
      }),
      { numRuns: 10_000 },
    );
  });

  test('every day of the import years, at either end of the day and with offsets', () => {
    let checked = 0;
    for (let ms = Date.UTC(2000, 0, 1); ms < Date.UTC(2070, 0, 1); ms += 86_400_000) {
      const day = new Date(ms).toISOString().slice(0, 10);
      for (const text of [
        `${day}T00:00:00Z`,
        `${day}T23:59:59.999Z`,
        `${day}T00:00+14:59`,
        `${day}T23:59-1400`,
      ]) {
        const reference = parseImportTimestampReference(text) as Date;
        if (importTimestampMillis(text) !== reference.getTime()) {
          expect.fail(`${text}: ${importTimestampMillis(text)} != ${reference.getTime()}`);
        }
        checked++;
      }
    }
    expect(checked).toBe(25_568 * 4);
  });

  test('every fraction of 1 to 4 digits floors to the reference milliseconds', () => {
    for (let digits = 1; digits <= 4; digits++) {
      for (let k = 0; k < 10 ** digits; k++) {
        const text = `2025-07-01T09:30:00.${String(k).padStart(digits, '0')}Z`;
        const reference = parseImportTimestampReference(text) as Date;
        if (importTimestampMillis(text) !== reference.getTime()) {
          expect.fail(`${text}: ${importTimestampMillis(text)} != ${reference.getTime()}`);
        }
      }
    }
  });

  test.each([
    ['2025-07-01T09:30:00Z', Date.UTC(2025, 6, 1, 9, 30)],
    ['2025-07-01T09:30Z', Date.UTC(2025, 6, 1, 9, 30)],
    ['2025-07-01T09:30:00.1Z', Date.UTC(2025, 6, 1, 9, 30, 0, 100)],
    ['2025-07-01T09:30:00.123456789Z', Date.UTC(2025, 6, 1, 9, 30, 0, 123)],
    ['2025-07-01T09:30:00.999999999Z', Date.UTC(2025, 6, 1, 9, 30, 0, 999)],
    ['2025-07-01T10:30:00+01:00', Date.UTC(2025, 6, 1, 9, 30)],
    ['2025-07-01T04:00:00-0530', Date.UTC(2025, 6, 1, 9, 30)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2025-02-29T00:00:00Z', '"2025-02-29T00:00:00Z" is not a real date and time'],
    ['2026-02-29T00:00:00Z', '"2026-02-29T00:00:00Z" is not a real date and time'],
    ['2025-04-31T00:00:00Z', '"2025-04-31T00:00:00Z" is not a real date and time'],
    ['2025-07-01T24:00:00Z', '"2025-07-01T24:00:00Z" is not a real date and time'],
    ['2025-07-01T09:30:00+15:00', '"2025-07-01T09:30:00+15:00" is not a real date and time'],
    ['1999-12-31T23:59:59Z', '"1999-12-31T23:59:59Z" is outside the years 2000 to 2069'],
    ['2070-01-01T00:00:00Z', '"2070-01-01T00:00:00Z" is outside the years 2000 to 2069'],
    [
      '2025-07-01T09:30:00',
      '"2025-07-01T09:30:00" has no time zone: add Z or an offset, such as 2025-07-01T09:30:00Z',
    ],
    [
      '2025-07-01T09:30:00+01000',
      '"2025-07-01T09:30:00+01000" is not an ISO 8601 timestamp such as 2025-07-01T09:30:00Z',
    ],
    [
      '2025-07-01T09:30:00.1234567890Z',
      '"2025-07-01T09:30:00.1234567890Z" is not an ISO 8601 timestamp such as 2025-07-01T09:30:00Z',
    ],
  ])('%s', (text, expected) => {
    const result = parseImportTimestamp(text);
    if (typeof expected === 'number') expect(result).toEqual(new Date(expected));
    else expect(result).toBe(expected);
    expect(result).toEqual(parseImportTimestampReference(text));
  });
});

// ----- ingestion bodies

describe.each([
  ['work items', IngestWorkItemsBodySchema],
  ['quality checks', IngestQualityChecksBodySchema],
  ['feedback', IngestFeedbackBodySchema],
] as const)('an ingestion body of %s', (_, schema) => {
  test('with too many rows is refused on `rows` before any row is parsed', () => {
    // Every row is invalid: had any been parsed, its issues would be listed too.
    const parsed = schema.safeParse({
      rows: Array.from({ length: MAX_INGEST_ROWS + 1 }, () => ({})),
    });
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ['rows'],
        code: 'too_big',
        message: `A batch holds at most 10,000 rows; this one has 10,001. Split it.`,
      }),
    ]);
  });

  test('at the limit, every row is parsed', () => {
    const parsed = schema.safeParse({ rows: Array.from({ length: MAX_INGEST_ROWS }, () => ({})) });
    expect(parsed.error?.issues.length).toBeGreaterThanOrEqual(MAX_INGEST_ROWS);
    expect(parsed.error?.issues[0]?.path.slice(0, 2)).toEqual(['rows', 0]);
  });

  test('with no rows, or rows that are not a list, is refused on `rows`', () => {
    for (const rows of [[], 'x', null, 7]) {
      expect(schema.safeParse({ rows }).error?.issues.map((i) => i.path)).toEqual([['rows']]);
    }
  });
});

import {
  ChannelSchema,
  CustomerGroupSchema,
  FeedbackImportRowSchema,
  FeedbackTypeSchema,
  IMPORT_COLUMNS,
  type ImportKind,
  MAX_COMMENT_LENGTH,
  MAX_FIELD_LENGTH,
  QualityCheckImportRowSchema,
  WorkItemImportRowSchema,
} from '@ipo/contracts';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ordinaryTimestamp,
  timestampText,
} from '../../../packages/contracts/test/support/timestamps.js';
import {
  fastFeedbackJson,
  fastFeedbackRow,
  fastQualityCheckJson,
  fastQualityCheckRow,
  fastWorkItemJson,
  fastWorkItemRow,
} from '../src/imports/fast-rows.js';
import { jsonCell } from '../src/imports/kinds.js';

// The fast row paths (src/imports/fast-rows.ts) against the contract's zod row schemas: whenever a
// fast path returns a row, the schema accepts it with identical values.

const RUNS = 3000;

const rowObject = (kind: ImportKind, fields: readonly string[]) =>
  Object.fromEntries(IMPORT_COLUMNS[kind].map((column, i) => [column, fields[i]]));

// ----- generators

/** Ordinary text: letters, digits, spaces and punctuation inside (never at the ends). */
const word = fc
  .string({
    unit: fc.constantFrom(...'abcXYZ019 -_.,/&é'.split('')),
    minLength: 1,
    maxLength: 30,
  })
  .map((s) => `x${s}y`);

const ofLength = (n: number) => fc.constant('a'.repeat(n));

/** Values of a text column: valid and invalid, around the length limit, padded, blank. */
const textValue = (max: number) =>
  fc.oneof(
    { arbitrary: word, weight: 6 },
    { arbitrary: fc.constantFrom('', ' ', '  ', '\t', '\u00a0', '\ufeff', '\n'), weight: 1 },
    { arbitrary: word.map((w) => ` ${w} `), weight: 1 },
    { arbitrary: fc.constantFrom(max - 1, max, max + 1).chain(ofLength), weight: 2 },
    // padded to over the limit, but within it once trimmed (and not)
    {
      arbitrary: fc.constantFrom(max - 1, max, max + 1).map((n) => `  ${'b'.repeat(n)} `),
      weight: 1,
    },
    { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
  );

const codeValue = (values: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...values), weight: 8 },
    { arbitrary: fc.constantFrom(...values).map((v) => ` ${v} `), weight: 1 },
    { arbitrary: fc.constantFrom(...values).map((v) => v.toUpperCase()), weight: 1 },
    { arbitrary: fc.constantFrom('', ' ', 'fax', 'Individual', 'none'), weight: 1 },
  );

const received = fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2069, 11, 30) });
const iso = (ms: number) => new Date(ms).toISOString();
const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** received_at and completed_at: the second before, equal to or after the first, or anything. */
const receivedAndCompleted = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        received,
        fc.constantFrom(-86_400_000, -1000, -1, 0, 1, 1000, 3_600_000, 86_400_000 * 30),
        fc.boolean(),
      )
      .map(([r, delta, withMs]) => [
        withMs ? iso(r) : isoSeconds(r),
        delta === 0 && !withMs ? isoSeconds(r) : iso(r + delta),
      ]),
    weight: 4,
  },
  { arbitrary: fc.tuple(received.map(iso), fc.constant('')), weight: 2 },
  { arbitrary: fc.tuple(timestampText, timestampText), weight: 3 },
  { arbitrary: fc.tuple(ordinaryTimestamp, ordinaryTimestamp), weight: 2 },
);

const fieldText = textValue(MAX_FIELD_LENGTH);
const commentText = fc.oneof(
  textValue(MAX_COMMENT_LENGTH),
  fc.string({ maxLength: 200, unit: 'grapheme' }).map((s) => `c${s}c`),
);

const workItemFields = fc
  .tuple(
    fieldText,
    fieldText,
    fieldText,
    fieldText,
    codeValue(ChannelSchema.options),
    codeValue(CustomerGroupSchema.options),
    receivedAndCompleted,
  )
  .map(([a, b, c, d, e, f, [g, h]]) => [a, b, c, d, e, f, g, h]);

const qualityCheckFields = fc.tuple(
  fieldText,
  fieldText,
  fieldText,
  fieldText,
  fc.oneof(timestampText, ordinaryTimestamp),
  codeValue(['pass', 'fail']),
  fc.oneof(fc.constant(''), fieldText),
);

const scoreText = fc.oneof(
  { arbitrary: fc.constantFrom('', '1', '2', '3', '4', '5'), weight: 4 },
  { arbitrary: fc.constantFrom('0', '6', '3.0', ' 4 ', '４', '1e0', '05', '-1', ' '), weight: 1 },
);

const feedbackFields = fc.tuple(
  fieldText,
  fc.oneof(timestampText, ordinaryTimestamp),
  fieldText,
  fieldText,
  codeValue(ChannelSchema.options),
  codeValue(CustomerGroupSchema.options),
  scoreText,
  codeValue(FeedbackTypeSchema.options),
  commentText,
);

// Ordinary valid rows: the fast path must take them.
const code = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/);
const teamOrEmpty = fc.oneof(fc.constant(''), fc.constantFrom('Team A', 'Team B'), word);

const ordinaryWorkItemFields = fc
  .tuple(
    fc.integer({ min: 1, max: 99_999_999 }).map((n) => `WI-${String(n).padStart(8, '0')}`),
    code,
    code,
    teamOrEmpty,
    fc.constantFrom(...ChannelSchema.options),
    fc.constantFrom(...CustomerGroupSchema.options),
    // early enough for the completion to stay in the import years
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2069, 9, 1) }),
    fc.option(fc.integer({ min: 0, max: 86_400_000 * 60 }), { nil: undefined }),
    fc.boolean(),
  )
  .map(([ref, workType, service, team, channel, group, r, took, withMs]) => {
    const show = withMs ? iso : isoSeconds;
    const completed = took === undefined ? '' : show(r + took);
    // Without milliseconds, both are shown to the second: completed stays >= received.
    return [ref, workType, service, team, channel, group, show(r), completed];
  });

const ordinaryQualityCheckFields = fc
  .tuple(code, code, code, teamOrEmpty, ordinaryTimestamp, fc.boolean(), fc.oneof(code, word))
  .map(([ref, workType, service, team, checked, pass, category]) => [
    ref,
    workType,
    service,
    team,
    checked,
    pass ? 'pass' : 'fail',
    pass ? '' : category,
  ]);

const ordinaryFeedbackFields = fc.tuple(
  code,
  ordinaryTimestamp,
  code,
  teamOrEmpty,
  fc.constantFrom(...ChannelSchema.options),
  fc.constantFrom(...CustomerGroupSchema.options),
  fc.constantFrom('', '1', '2', '3', '4', '5'),
  fc.constantFrom(...FeedbackTypeSchema.options),
  fc.oneof(
    fc.constant(''),
    word,
    fc.string({ maxLength: 300, unit: 'grapheme' }).map((s) => `c${s}c`),
    fc.constant('z'.repeat(MAX_COMMENT_LENGTH)),
  ),
);

// ----- the contract, for each kind

const kinds = [
  {
    kind: 'work-items',
    fast: fastWorkItemRow,
    schema: WorkItemImportRowSchema,
    fields: workItemFields,
    ordinary: ordinaryWorkItemFields,
  },
  {
    kind: 'quality-checks',
    fast: fastQualityCheckRow,
    schema: QualityCheckImportRowSchema,
    fields: qualityCheckFields,
    ordinary: ordinaryQualityCheckFields,
  },
  {
    kind: 'feedback',
    fast: fastFeedbackRow,
    schema: FeedbackImportRowSchema,
    fields: feedbackFields,
    ordinary: ordinaryFeedbackFields,
  },
] as const satisfies readonly {
  kind: ImportKind;
  fast: (fields: readonly string[]) => unknown;
  schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown } };
  fields: fc.Arbitrary<readonly string[]>;
  ordinary: fc.Arbitrary<readonly string[]>;
}[];

describe.each(kinds)('$kind fast path', ({ kind, fast, schema, fields, ordinary }) => {
  test('whenever it returns a row, the schema accepts the row with the same data', () => {
    let taken = 0;
    fc.assert(
      fc.property(fields, (row) => {
        const result = fast(row);
        if (result === undefined) return;
        taken++;
        const parsed = schema.safeParse(rowObject(kind, row));
        expect(parsed.error?.issues).toBeUndefined();
        expect(result).toStrictEqual(parsed.data);
      }),
      { numRuns: RUNS },
    );
    // The generator must exercise the fast path, not just the fallback.
    expect(taken).toBeGreaterThan(RUNS / 20);
  });

  test('it returns the row for ordinary valid rows', () => {
    fc.assert(
      fc.property(ordinary, (row) => {
        const parsed = schema.safeParse(rowObject(kind, row));
        expect(parsed.error?.issues).toBeUndefined();
        expect(fast(row)).toStrictEqual(parsed.data);
      }),
      { numRuns: RUNS },
    );
  });

  test('a row of the wrong width goes to the schema', () => {
    const width = IMPORT_COLUMNS[kind].length;
    fc.assert(
      fc.property(ordinary, fc.boolean(), (row, longer) => {
        expect(fast(longer ? [...row, ''] : row.slice(0, width - 1))).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});

// ----- the typed entry for JSON ingestion rows

/**
 * A CSV row as a JSON ingestion row could send it: an empty cell as null, absent or '' (chosen by
 * `how`), and a score that is a number's own text as that number. jsonCell gives the cells back.
 */
function asJson(
  kind: ImportKind,
  fields: readonly string[],
  how: readonly number[],
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  IMPORT_COLUMNS[kind].forEach((column, i) => {
    const cell = fields[i] as string;
    const choice = how[i] ?? 0;
    if (cell === '' && choice === 1) return;
    if (cell === '' && choice === 2) row[column] = null;
    else if (
      column === 'satisfaction' &&
      choice !== 2 &&
      cell !== '' &&
      String(Number(cell)) === cell
    ) {
      row[column] = Number(cell);
    } else row[column] = cell;
  });
  return row;
}

const jsonEntries = [
  { kind: 'work-items', csv: fastWorkItemRow, json: fastWorkItemJson, fields: workItemFields },
  {
    kind: 'quality-checks',
    csv: fastQualityCheckRow,
    json: fastQualityCheckJson,
    fields: qualityCheckFields,
  },
  { kind: 'feedback', csv: fastFeedbackRow, json: fastFeedbackJson, fields: feedbackFields },
] as const;

describe.each(jsonEntries)('$kind typed JSON entry', ({ kind, csv, json, fields }) => {
  const width = IMPORT_COLUMNS[kind].length;
  const rows = fields.chain((row) =>
    fc.tuple(
      fc.constant(row),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: width, maxLength: width }),
    ),
  );

  test('gives exactly what the CSV entry gives for the same row', () => {
    let taken = 0;
    fc.assert(
      fc.property(rows, ([cells, how]) => {
        const row = asJson(kind, cells, how);
        expect(IMPORT_COLUMNS[kind].map((c) => jsonCell(row[c]))).toEqual(cells);
        const result = json(row as never);
        expect(result).toStrictEqual(csv(cells));
        if (result !== undefined) taken++;
      }),
      { numRuns: RUNS },
    );
    expect(taken).toBeGreaterThan(RUNS / 20);
  });
});

describe('typed JSON entry: the score', () => {
  const row = (satisfaction: unknown): Record<string, unknown> => ({
    source_ref: 'FB-1',
    submitted_at: '2025-07-01T09:30:00Z',
    service: 'patents',
    channel: 'email',
    customer_group: 'individual',
    satisfaction,
    feedback_type: 'general',
  });

  test('a number is the score when it is 1 to 5, as its text would be; otherwise the schema says why', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -3, max: 9 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        (n) => {
          const result = fastFeedbackJson(row(n) as never);
          const cells = IMPORT_COLUMNS.feedback.map((c) => jsonCell(row(n)[c]));
          expect(result).toStrictEqual(fastFeedbackRow(cells));
          const parsed = FeedbackImportRowSchema.safeParse(rowObject('feedback', cells));
          if (result === undefined) expect(parsed.success).toBe(false);
          else expect(result).toStrictEqual(parsed.data);
        },
      ),
      { numRuns: RUNS },
    );
    expect(fastFeedbackJson(row(3) as never)?.satisfaction).toBe(3);
    expect(fastFeedbackJson(row(null) as never)?.satisfaction).toBeNull();
    expect(fastFeedbackJson(row(undefined) as never)?.satisfaction).toBeNull();
  });

  test('missing values: null or absent is what an empty cell is', () => {
    const base = { ...row(4), team: null, comment: null };
    expect(fastFeedbackJson(base as never)).toMatchObject({ team: null, comment: null });
    expect(fastFeedbackJson({ ...base, source_ref: null } as never)).toBeUndefined();
    const wi = {
      source_ref: 'WI-1',
      work_type: 'written_enquiry',
      service: 'customer-support',
      channel: 'email',
      customer_group: 'individual',
      received_at: '2025-11-19T12:41:15Z',
    };
    expect(fastWorkItemJson(wi)).toMatchObject({ team: null, completed_at: null });
    expect(fastWorkItemJson({ ...wi, received_at: null as never })).toBeUndefined();
  });
});

describe('fast rows: examples', () => {
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

  test('an ordinary work item', () => {
    expect(fastWorkItemRow(wi())).toStrictEqual({
      source_ref: 'WI-00000001',
      work_type: 'written_enquiry',
      service: 'customer-support',
      team: 'Team B',
      channel: 'email',
      customer_group: 'individual',
      received_at: new Date('2025-11-19T12:41:15.243Z'),
      completed_at: new Date('2025-12-02T23:47:12.409Z'),
    });
    expect(fastWorkItemRow(wi({ 3: '', 6: '2025-11-19T12:41:15Z', 7: '' }))).toMatchObject({
      team: null,
      received_at: new Date('2025-11-19T12:41:15Z'),
      completed_at: null,
    });
    // trimmed like the schema
    expect(fastWorkItemRow(wi({ 0: '  WI-1 ', 3: '   ' }))).toMatchObject({
      source_ref: 'WI-1',
      team: null,
    });
  });

  test.each([
    ['source_ref empty', { 0: '' }],
    ['source_ref blank', { 0: '   ' }],
    ['work_type too long', { 1: 'a'.repeat(MAX_FIELD_LENGTH + 1) }],
    ['team too long', { 3: 'a'.repeat(MAX_FIELD_LENGTH + 1) }],
    ['unknown channel', { 4: 'fax' }],
    ['unknown customer group', { 5: 'Individual' }],
    ['received_at missing', { 6: '' }],
    ['received_at without zone', { 6: '2025-11-19T12:41:15' }],
    ['received_at Feb 29 in a common year', { 6: '2025-02-29T12:00:00Z' }],
    ['received_at hour 24', { 6: '2025-11-19T24:00:00Z' }],
    ['received_at before 2000', { 6: '1999-12-31T23:59:59Z' }],
    ['completed before received', { 7: '2025-11-19T12:41:15.242Z' }],
  ])('%s: undefined (the schema says why)', (_, patch) => {
    const row = wi(patch);
    expect(fastWorkItemRow(row)).toBeUndefined();
    expect(WorkItemImportRowSchema.safeParse(rowObject('work-items', row)).success).toBe(false);
  });

  test('limits are on the trimmed value, as in the schema', () => {
    const atLimit = 'a'.repeat(MAX_FIELD_LENGTH);
    const row = wi({ 0: ` ${atLimit} `, 3: ` ${atLimit} ` });
    expect(fastWorkItemRow(row)).toMatchObject({ source_ref: atLimit, team: atLimit });
    expect(WorkItemImportRowSchema.safeParse(rowObject('work-items', row)).success).toBe(true);
  });

  test('completed equal to received is fine', () => {
    const row = wi({ 7: '2025-11-19T12:41:15.243Z' });
    expect(fastWorkItemRow(row)?.completed_at).toEqual(new Date('2025-11-19T12:41:15.243Z'));
  });

  test('quality checks: pass needs an empty error category', () => {
    const qc = ['QC-1', 'written_enquiry', 'customer-support', '', '2025-07-01T09:30:00Z'];
    expect(fastQualityCheckRow([...qc, 'pass', ''])).toMatchObject({
      outcome: 'pass',
      error_category: null,
      team: null,
    });
    expect(fastQualityCheckRow([...qc, 'fail', 'wrong fee'])).toMatchObject({
      outcome: 'fail',
      error_category: 'wrong fee',
    });
    expect(fastQualityCheckRow([...qc, 'fail', ''])).toMatchObject({ error_category: null });
    expect(fastQualityCheckRow([...qc, 'pass', 'wrong fee'])).toBeUndefined();
    expect(fastQualityCheckRow([...qc, 'Pass', ''])).toBeUndefined();
  });

  test.each([
    ['', null],
    ['1', 1],
    ['5', 5],
    ['0', undefined],
    ['6', undefined],
    ['3.0', undefined],
    [' 4 ', undefined],
  ])('feedback satisfaction %j -> %j', (score, expected) => {
    const row = [
      'FB-1',
      '2025-07-01T09:30:00.5Z',
      'customer-support',
      '',
      'online',
      'small_business',
      score,
      'complaint',
      'c'.repeat(MAX_COMMENT_LENGTH),
    ];
    const result = fastFeedbackRow(row);
    if (expected === undefined) expect(result).toBeUndefined();
    else
      expect(result).toMatchObject({
        satisfaction: expected,
        submitted_at: new Date(Date.UTC(2025, 6, 1, 9, 30, 0, 500)),
      });
    expect(fastFeedbackRow(row.with(8, 'c'.repeat(MAX_COMMENT_LENGTH + 1)))).toBeUndefined();
  });

  describe('the comment limit', () => {
    const fb = (comment: string) => [
      'FB-1',
      '2025-07-01T09:30:00Z',
      'customer-support',
      '',
      'online',
      'individual',
      '4',
      'general',
      comment,
    ];

    test.each([
      ['at the limit', 'c'.repeat(MAX_COMMENT_LENGTH), 'c'.repeat(MAX_COMMENT_LENGTH)],
      [
        'at the limit once trimmed',
        ` ${'c'.repeat(MAX_COMMENT_LENGTH)}\n`,
        'c'.repeat(MAX_COMMENT_LENGTH),
      ],
      ['blank', '   ', null],
    ])('%s: accepted by the fast path and the schema alike', (_, comment, stored) => {
      const row = fb(comment);
      const parsed = FeedbackImportRowSchema.safeParse(rowObject('feedback', row));
      expect(parsed.data?.comment).toBe(stored);
      expect(fastFeedbackRow(row)).toStrictEqual(parsed.data);
    });

    test.each([MAX_COMMENT_LENGTH + 1, 80_000])(
      '%d characters: a row error on the comment column, from the schema',
      (length) => {
        const row = fb('c'.repeat(length));
        expect(fastFeedbackRow(row)).toBeUndefined();
        const parsed = FeedbackImportRowSchema.safeParse(rowObject('feedback', row));
        expect(parsed.error?.issues.map((i) => [i.path, i.message])).toEqual([
          [
            ['comment'],
            `is ${length.toLocaleString('en-GB')} characters long; the limit is ${MAX_COMMENT_LENGTH.toLocaleString('en-GB')}`,
          ],
        ]);
      },
    );
  });

  test('the fast functions read the columns in IMPORT_COLUMNS order', () => {
    // The functions index fields by position; this pins the order they assume.
    expect(IMPORT_COLUMNS).toEqual({
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
    });
  });
});

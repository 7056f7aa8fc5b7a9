import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ChannelSchema,
  CustomerGroupSchema,
  FeedbackImportRowSchema,
  FeedbackTypeSchema,
  fastFeedbackRow,
  fastQualityCheckRow,
  fastWorkItemRow,
  IMPORT_COLUMNS,
  type ImportKind,
  IngestFeedbackBodySchema,
  IngestQualityChecksBodySchema,
  IngestWorkItemsBodySchema,
  importTimestampMillis,
  MAX_COMMENT_LENGTH,
  MAX_FIELD_LENGTH,
  MAX_INGEST_ROWS,
  parseImportTimestamp,
  parseImportTimestampReference,
  QualityCheckImportRowSchema,
  WorkItemImportRowSchema,
} from '../src/index.js';

const RUNS = 3000;

const rowObject = (kind: ImportKind, fields: readonly string[]) =>
  Object.fromEntries(IMPORT_COLUMNS[kind].map((column, i) => [column, fields[i]]));

// ----- generators

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

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

/** Timestamp texts: mostly of the common shapes, with every field at and past its edges. */
const timestampText = fc.oneof(
  {
    arbitrary: fc
      .record({
        year: fc.oneof(
          fc.integer({ min: 2000, max: 2069 }),
          fc.constantFrom(1900, 1999, 2000, 2024, 2069, 2070, 0, 4, 9999),
        ),
        month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 2, 13, 99)),
        day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 29, 30, 31, 32)),
        hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(24, 99)),
        minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(60)),
        second: fc.option(fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(60)), {
          nil: undefined,
          freq: 5,
        }),
        fraction: fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: undefined, freq: 2 }),
        zone: fc.oneof(
          { arbitrary: fc.constant('Z'), weight: 6 },
          {
            arbitrary: fc.constantFrom(
              '',
              '+01:00',
              '+0100',
              '-0530',
              '-05:30',
              '+14:00',
              '+14:59',
              '+15:00',
              '-00:00',
              '+01:60',
              '+1:00',
              '+01:0',
              '+010',
              '+01000',
              '+0100Z',
              '+01:00Z',
              '+01:000',
              'z',
              'Z ',
              'ZZ',
            ),
            weight: 3,
          },
        ),
        sep: fc.constantFrom('T', 'T', 'T', 'T', 't', ' '),
        lead: fc.constantFrom('', '', '', '', '', ' ', '\t'),
      })
      .map(
        (p) =>
          `${p.lead}${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}${p.sep}${pad2(p.hour)}:${pad2(p.minute)}` +
          (p.second === undefined
            ? ''
            : `:${pad2(p.second)}${p.fraction === undefined ? '' : `.${p.fraction}`}`) +
          p.zone,
      ),
    weight: 8,
  },
  // near misses: the characters of a timestamp in any order
  {
    arbitrary: fc.string({
      unit: fc.constantFrom(...'0123456789-T:Z+.'.split('')),
      minLength: 14,
      maxLength: 38,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      '2024-02-29T12:00:00Z',
      '2023-02-29T12:00:00Z',
      '2025-02-30T00:00:00Z',
      '2025-04-31T00:00:00Z',
      '2025-07-01T24:00:00Z',
      '2025-07-01',
      '2025-07-01T09:30',
      '2025-07-01T09:30:00',
      '2025-07-01T09:30:00.123',
      '2000-01-01T00:00:00+14:00',
      '2069-12-31T23:59:59.999-14:59',
      '1999-12-31T23:59:59Z',
      '2070-01-01T00:00:00Z',
      '2025-07-01T09:30:00.1234567890Z',
      '',
    ),
    weight: 1,
  },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);

/** An ordinary (common-shape, valid) timestamp in the import years, and its instant. */
const ordinaryTimestamp = fc
  .record({
    ms: fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2069, 11, 30) }),
    shape: fc.constantFrom('ms', 'seconds', 'minutes', 'fraction', 'offset'),
    fraction: fc.stringMatching(/^\d{1,9}$/),
    offset: fc.record({
      sign: fc.constantFrom('+', '-'),
      hours: fc.integer({ min: 0, max: 14 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      colon: fc.boolean(),
    }),
  })
  .map(({ ms, shape, fraction, offset }) => {
    const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
    switch (shape) {
      case 'ms':
        return iso;
      case 'seconds':
        return `${iso.slice(0, 19)}Z`;
      case 'minutes':
        return `${iso.slice(0, 16)}Z`;
      case 'fraction':
        return `${iso.slice(0, 19)}.${fraction}Z`;
      default: {
        const minutes = (offset.sign === '-' ? -1 : 1) * (offset.hours * 60 + offset.minutes);
        const local = new Date(ms + minutes * 60_000).toISOString();
        const hh = pad2(offset.hours);
        const mm = pad2(offset.minutes);
        return `${local.slice(0, 23)}${offset.sign}${hh}${offset.colon ? ':' : ''}${mm}`;
      }
    }
  });

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

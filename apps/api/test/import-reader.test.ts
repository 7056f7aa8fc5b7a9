import {
  ChannelSchema,
  CustomerGroupSchema,
  FeedbackImportRowSchema,
  FeedbackTypeSchema,
  IMPORT_COLUMNS,
} from '@ipo/contracts';
import { WorkingCalendar } from '@ipo/domain';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DerivationRules } from '../src/derive/rules.js';
import { compileTaxonomy } from '../src/feedback/text.js';
import { csvRecords, ImportFileError } from '../src/imports/csv-records.js';
import {
  feedback,
  type ImportReference,
  jsonCell,
  type KindDefinition,
  qualityChecks,
  workItems,
} from '../src/imports/kinds.js';
import {
  copyChunks,
  type ImportSource,
  type JsonRow,
  jsonRecords,
  type ReadBatch,
  readImport,
} from '../src/imports/reader.js';

// The import's reader alone, without a database: rows in (a CSV file or a JSON batch), validated
// rows and rejected rows out, with their line numbers. runImport's tests cover whole imports.

const reference: ImportReference = {
  services: new Set(['patents', 'designs']),
  workTypes: new Map([
    ['examination', 'patents'],
    ['registration', 'designs'],
  ]),
  rules: new DerivationRules(1, new Map(), new Map()),
  taxonomy: compileTaxonomy([]),
};

async function readAll(
  kind: KindDefinition,
  source: ImportSource,
  ref: ImportReference = reference,
): Promise<ReadBatch[]> {
  const out: ReadBatch[] = [];
  for await (const batch of readImport(kind, source, ref)) out.push(batch);
  return out;
}

/** A file's text as the stream an upload gives. */
async function* stream(text: string) {
  yield Buffer.from(text);
}
const csv = (text: string) => csvRecords(stream(text), IMPORT_COLUMNS['quality-checks']);
const header = 'source_ref,work_type,service,team,checked_at,outcome,error_category';

describe('readImport from a CSV file', () => {
  test('valid rows come out with their staged values and line numbers, rejected ones with their errors', async () => {
    const batches = await readAll(
      qualityChecks,
      csv(
        [
          header,
          'QC-1,examination,patents,Team A,2025-07-01T09:30:00Z,pass,',
          '',
          'QC-2,examination,designs,,2025-07-02T09:30:00Z,pass,',
          '"QC-3",registration,designs,Team B,2025-07-03T09:30:00Z,fail,"wrong\nclass"',
          'QC-4,registration,designs,Team B,2025-07-04T09:30:00Z,maybe,',
          'QC-5,registration,designs',
          'QC-6,registration,designs,Team A,2025-07-05T09:30:00Z,pass,',
        ].join('\n'),
      ),
    );
    const valid = batches.flatMap((b) => b.valid);
    const rejected = batches.flatMap((b) => b.rejected);
    expect(batches.reduce((n, b) => n + b.read, 0)).toBe(6);
    expect(valid.map((r) => [r.line, r.sourceRef])).toEqual([
      [2, 'QC-1'],
      [5, 'QC-3'],
      [9, 'QC-6'],
    ]);
    expect(valid[0]!.values).toEqual([
      2,
      'QC-1',
      'examination',
      'patents',
      'Team A',
      new Date('2025-07-01T09:30:00Z'),
      '2025-07-01',
      true,
      null,
    ]);
    expect(valid[1]!.values.slice(7)).toEqual([false, 'wrong\nclass']);
    // A team is new the first time the import names it, for its service.
    expect(valid.map((r) => r.newTeam)).toEqual([
      { service: 'patents', name: 'Team A' },
      { service: 'designs', name: 'Team B' },
      { service: 'designs', name: 'Team A' },
    ]);
    expect(rejected).toEqual([
      {
        line: 4,
        fields: ['QC-2', 'examination', 'designs', '', '2025-07-02T09:30:00Z', 'pass', ''],
        errors: [
          {
            column: 'work_type',
            reason: expect.stringContaining('examination'),
          },
        ],
      },
      {
        line: 7,
        fields: ['QC-4', 'registration', 'designs', 'Team B', '2025-07-04T09:30:00Z', 'maybe', ''],
        errors: [{ column: 'outcome', reason: expect.stringContaining('maybe') }],
      },
      {
        line: 8,
        fields: ['QC-5', 'registration', 'designs', '', '', '', ''],
        errors: [{ column: null, reason: 'has 3 values; the header has 7 columns' }],
      },
    ]);
  });

  test('problems with the file as a whole are thrown through, with nothing read', async () => {
    const failures = [
      ['', 'The file is empty'],
      [`${header}\n`, 'no rows to import'],
      ['source_ref,service\nQC-1,patents\n', 'missing the column work_type'],
      [`${header}\nQC-1,examination,patents,,2025-07-01T09:30:00Z,pass,"open`, 'line 2'],
    ] as const;
    for (const [text, reason] of failures) {
      const error = await readAll(qualityChecks, csv(text)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as ImportFileError).errors.map((e) => e.reason).join(' ')).toContain(reason);
    }
  });
});

describe('readImport from a JSON batch', () => {
  const row = (i: number, over: Partial<Record<string, string | number | null>> = {}): JsonRow => ({
    source_ref: `FB-${i}`,
    submitted_at: '2025-07-01T09:30:00Z',
    service: 'patents',
    channel: 'email',
    customer_group: 'individual',
    satisfaction: 4,
    feedback_type: 'general',
    comment: null,
    ...over,
  });

  test('rows are numbered from 1 and meet the same validators and messages as CSV rows', async () => {
    const rows = [
      row(1),
      row(2, { satisfaction: 7, channel: 'fax' }),
      row(3, { team: 'Team A', satisfaction: '' }),
    ];
    const batches = await readAll(feedback, { json: rows });
    const valid = batches.flatMap((b) => b.valid);
    const rejected = batches.flatMap((b) => b.rejected);
    expect(valid.map((r) => [r.line, r.sourceRef, r.values[8]])).toEqual([
      [1, 'FB-1', 4],
      [3, 'FB-3', null],
    ]);
    expect(valid[1]!.newTeam).toEqual({ service: 'patents', name: 'Team A' });
    expect(rejected.map((r) => [r.line, r.errors.map((e) => e.column)])).toEqual([
      [2, ['channel', 'satisfaction']],
    ]);

    // The same rows as a CSV file: the same errors (CSV lines start at 2, after the header).
    const columns = IMPORT_COLUMNS.feedback;
    const text = [
      columns.join(','),
      ...jsonRecords(columns, rows).map((r) => r.fields.join(',')),
    ].join('\n');
    const fromCsv = await readAll(feedback, csvRecords(stream(text), columns));
    expect(fromCsv.flatMap((b) => b.rejected).map((r) => ({ ...r, line: r.line - 1 }))).toEqual(
      rejected,
    );
    expect(fromCsv.flatMap((b) => b.valid).map((r) => r.values.slice(1))).toEqual(
      valid.map((r) => r.values.slice(1)),
    );
  });

  test('a large batch is read in slices, every row once and in order', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      row(i + 1, i % 1000 === 999 ? { service: 'nowhere' } : {}),
    );
    const batches = await readAll(feedback, { json: rows });
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.reduce((n, b) => n + b.read, 0)).toBe(5000);
    const valid = batches.flatMap((b) => b.valid);
    expect(valid).toHaveLength(4995);
    expect(valid.every((r, i) => i === 0 || r.line > valid[i - 1]!.line)).toBe(true);
    expect(batches.flatMap((b) => b.rejected).map((r) => r.line)).toEqual([
      1000, 2000, 3000, 4000, 5000,
    ]);
  });

  test('missing and null properties read as empty values, numbers as their text', () => {
    expect(
      jsonRecords(IMPORT_COLUMNS.feedback, [{ source_ref: 'FB-1', satisfaction: 5, team: null }]),
    ).toEqual([{ line: 1, fields: ['FB-1', '', '', '', '', '', '5', '', ''] }]);
  });
});

describe('JSON rows are validated as typed values', () => {
  // Work items need their work type's rule to derive their values: one for each work type here.
  const calendar = new WorkingCalendar({ closures: [], from: '2000-01-01', to: '2069-12-31' });
  const typedReference: ImportReference = {
    ...reference,
    rules: new DerivationRules(
      3,
      new Map(
        (['examination', 'registration'] as const).map((workType, i) => [
          workType,
          {
            workType,
            service: i === 0 ? 'patents' : 'designs',
            standardCode: null,
            threshold: { value: 5, unit: 'working_days' as const },
            division: 'england_and_wales' as const,
          },
        ]),
      ),
      new Map([['england_and_wales', calendar]]),
    ),
  };
  const fb = (over: Record<string, unknown> = {}): JsonRow => ({
    source_ref: 'FB-1',
    submitted_at: '2025-07-01T09:30:00Z',
    service: 'patents',
    channel: 'email',
    customer_group: 'individual',
    feedback_type: 'general',
    ...over,
  });
  const one = (kind: KindDefinition, row: JsonRow) => kind.validateJson(row, 1, typedReference);

  test('a number score is taken as the number: the text schema alone would not accept it', () => {
    const outcome = one(feedback, fb({ satisfaction: 5 }));
    expect(outcome.ok && outcome.values[8]).toBe(5);
    // What the fast path did itself: the contract's row schema reads text only.
    const asNumber = FeedbackImportRowSchema.safeParse({
      ...fb(),
      team: '',
      comment: '',
      satisfaction: 5,
    });
    expect(asNumber.success).toBe(false);
    // 4.0 in JSON is the number 4; absent and null are no score.
    expect(one(feedback, fb({ satisfaction: 4.0 }))).toMatchObject({ ok: true });
    for (const missing of [fb(), fb({ satisfaction: null })]) {
      const r = one(feedback, missing);
      expect(r.ok && r.values[8]).toBeNull();
    }
  });

  test('a score that is not 1 to 5 gets the message the same cell gets in a CSV file', () => {
    const cases: [unknown, string][] = [
      [7, '"7" is not a score from 1 to 5 (or empty)'],
      [3.5, '"3.5" is not a score from 1 to 5 (or empty)'],
      [0, '"0" is not a score from 1 to 5 (or empty)'],
      // Text reaches the reader too (the body schema allows a score as text): read as CSV is.
      ['4.0', '"4.0" is not a score from 1 to 5 (or empty)'],
      ['five', '"five" is not a score from 1 to 5 (or empty)'],
    ];
    for (const [satisfaction, reason] of cases) {
      expect(one(feedback, fb({ satisfaction }))).toEqual({
        ok: false,
        errors: [{ column: 'satisfaction', reason }],
      });
      const cells = feedback.columns.map((c) => jsonCell(fb({ satisfaction })[c]));
      expect(feedback.validate(cells, 1, typedReference)).toEqual(
        one(feedback, fb({ satisfaction })),
      );
    }
    // A score as text that the schema accepts once trimmed, as in a CSV file.
    const padded = one(feedback, fb({ satisfaction: ' 4 ' }));
    expect(padded.ok && padded.values[8]).toBe(4);
  });

  test('a value of a type the body schema does not allow is an error naming its column', () => {
    // The route's body schema answers 400 for these; rows handed to the reader otherwise are
    // checked all the same, and nothing is read into text to make them pass.
    const wi = {
      source_ref: 42,
      work_type: 'examination',
      service: 'patents',
      team: true,
      channel: 'email',
      customer_group: 'individual',
      received_at: 20250701,
      completed_at: null,
    };
    expect(one(workItems, wi)).toEqual({
      ok: false,
      errors: [
        { column: 'source_ref', reason: 'is a number: expected text' },
        { column: 'team', reason: 'is true or false: expected text' },
        { column: 'received_at', reason: 'is a number: expected text' },
      ],
    });
    expect(one(feedback, fb({ satisfaction: true, comment: { text: 'hi' } }))).toEqual({
      ok: false,
      errors: [
        { column: 'satisfaction', reason: 'is true or false: expected a number or text' },
        { column: 'comment', reason: 'is an object: expected text' },
      ],
    });
    expect(one(qualityChecks, { outcome: ['pass'] })).toMatchObject({
      errors: [{ column: 'outcome', reason: 'is a list: expected text' }],
    });
  });

  test('a rejected JSON row keeps its values, as cells, for the rejected-rows CSV', async () => {
    const batches = await readAll(
      feedback,
      { json: [fb({ satisfaction: 9, team: null, comment: 'x' })] },
      typedReference,
    );
    expect(batches.flatMap((b) => b.rejected)).toEqual([
      {
        line: 1,
        fields: [
          'FB-1',
          '2025-07-01T09:30:00Z',
          'patents',
          '',
          'email',
          'individual',
          '9',
          'general',
          'x',
        ],
        errors: [{ column: 'satisfaction', reason: '"9" is not a score from 1 to 5 (or empty)' }],
      },
    ]);
  });

  // Rows of every kind, from values valid, padded, missing (null, absent or empty), too long or
  // wrong, as a JSON batch and as the same rows in a CSV file: the same staged values, teams,
  // rejections and messages.
  const ABSENT = Symbol('absent');
  const missing = fc.constantFrom<unknown>(null, ABSENT, '');
  const values = (valid: readonly unknown[], other: readonly unknown[] = []) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...valid), weight: 12 },
      { arbitrary: missing, weight: 1 },
      ...(other.length ? [{ arbitrary: fc.constantFrom(...other), weight: 2 }] : []),
    );
  const time = values(
    ['2025-07-01T09:30:00Z', '2025-07-02T10:00:00.5+01:00', '2025-07-03T08:00:00.123Z'],
    [' 2025-07-01T09:30:00Z ', '2025-07-01', '2025-02-30T00:00:00Z', '1999-12-31T23:59:59Z'],
  );
  const pools: Record<string, fc.Arbitrary<unknown>> = {
    source_ref: values(['R-1', 'R-2', 'R-3'], [' R-4 ', 'r'.repeat(201)]),
    work_type: values(['examination', 'registration'], [' examination ', 'unknown']),
    service: values(['patents', 'designs'], [' designs ', 'nowhere']),
    team: fc.oneof(missing, fc.constantFrom('Team A', ' Team B ', 'Team C', 't'.repeat(201))),
    channel: values(ChannelSchema.options, [' email ', 'fax']),
    customer_group: values(CustomerGroupSchema.options, ['Individual']),
    received_at: time,
    completed_at: fc.oneof(missing, time, fc.constant('2025-06-01T00:00:00Z')),
    checked_at: time,
    outcome: values(['pass', 'fail'], [' fail ', 'maybe']),
    error_category: fc.oneof(missing, fc.constantFrom('wrong fee', ' missing form ')),
    submitted_at: time,
    satisfaction: fc.oneof(
      missing,
      fc.integer({ min: -1, max: 7 }),
      fc.double({ min: -10, max: 10, noNaN: true }),
      fc.constantFrom('3', ' 4 ', '4.0', 'five', '１'),
    ),
    feedback_type: values(FeedbackTypeSchema.options, ['praise']),
    comment: fc.oneof(
      missing,
      fc.constantFrom(
        'Thanks',
        ' Call me on 020 7946 0018 ',
        'say "hi", please',
        'c'.repeat(10_001),
      ),
    ),
  };
  const jsonRows = (kind: KindDefinition) =>
    fc.array(
      fc.tuple(...kind.columns.map((c) => pools[c]!)).map((cells) => {
        const row: Record<string, unknown> = {};
        kind.columns.forEach((c, i) => {
          if (cells[i] !== ABSENT) row[c] = cells[i];
        });
        return row;
      }),
      { minLength: 1, maxLength: 12 },
    );
  const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

  test.each([workItems, qualityChecks, feedback])(
    '$kind: a JSON batch and the same rows as a CSV file give identical rows and rejections',
    async (kind) => {
      let valid = 0;
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(jsonRows(kind), async (rows) => {
          const fromJson = await readAll(kind, { json: rows }, typedReference);
          const text = [
            kind.columns.join(','),
            ...rows.map((row) => kind.columns.map((c) => quoted(jsonCell(row[c]))).join(',')),
          ].join('\n');
          const fromCsv = await readAll(
            kind,
            csvRecords(stream(text), kind.columns),
            typedReference,
          );
          // CSV lines count from 2, after the header; the staged values start with the line.
          const numbered = (batches: ReadBatch[], first: number) => ({
            valid: batches.flatMap((b) =>
              b.valid.map((r) => ({
                ...r,
                line: r.line - first,
                values: [r.line - first, ...r.values.slice(1)],
              })),
            ),
            rejected: batches.flatMap((b) =>
              b.rejected.map((r) => ({ ...r, line: r.line - first })),
            ),
          });
          const json = numbered(fromJson, 1);
          expect(json).toEqual(numbered(fromCsv, 2));
          valid += json.valid.length;
          rejected += json.rejected.length;
        }),
        { numRuns: 150 },
      );
      // Both halves exercised: rows accepted, and rows rejected.
      expect(valid).toBeGreaterThan(40);
      expect(rejected).toBeGreaterThan(40);
    },
  );
});

describe('copyChunks', () => {
  test('the valid rows become COPY text in chunks of the sizes asked, with their teams and references', async () => {
    const lines = Array.from(
      { length: 9 },
      (_, i) =>
        `QC-${i + 1},examination,patents,${i === 3 ? 'Team B' : 'Team A'},2025-07-01T09:30:00Z,${i === 4 ? 'maybe' : 'pass'},`,
    );
    const seen = { read: 0, rejected: 0 };
    const chunks = [];
    for await (const chunk of copyChunks(
      qualityChecks,
      readImport(qualityChecks, csv([header, ...lines].join('\n')), reference),
      { first: 2, rest: 3 },
      (batch) => {
        seen.read += batch.read;
        seen.rejected += batch.rejected.length;
      },
    )) {
      chunks.push(chunk);
    }
    expect(seen).toEqual({ read: 9, rejected: 1 });
    expect(chunks.map((c) => c.rows)).toEqual([2, 3, 3]);
    expect(chunks.map((c) => [...c.refs])).toEqual([
      ['QC-1', 'QC-2'],
      ['QC-3', 'QC-4', 'QC-6'],
      ['QC-7', 'QC-8', 'QC-9'],
    ]);
    expect(chunks.map((c) => c.teams.map((t) => t.name))).toEqual([['Team A'], ['Team B'], []]);
    const copied = chunks.map((c) => c.blocks.join('').trimEnd().split('\n'));
    expect(copied.map((rows) => rows.map((r) => r.split('\t')[0]))).toEqual([
      ['2', '3'],
      ['4', '5', '7'],
      ['8', '9', '10'],
    ]);
    expect(copied[0]![0]!.split('\t')).toEqual([
      '2',
      'QC-1',
      'examination',
      'patents',
      'Team A',
      '2025-07-01T09:30:00.000Z',
      '2025-07-01',
      't',
      '\\N',
    ]);
  });
});

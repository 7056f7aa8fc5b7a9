import { IMPORT_COLUMNS } from '@ipo/contracts';
import { describe, expect, test } from 'vitest';
import { DerivationRules } from '../src/derive/rules.js';
import { compileTaxonomy } from '../src/feedback/text.js';
import { csvRecords, ImportFileError } from '../src/imports/csv-records.js';
import { feedback, type ImportReference, qualityChecks } from '../src/imports/kinds.js';
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

async function readAll(kind: typeof qualityChecks, source: ImportSource): Promise<ReadBatch[]> {
  const out: ReadBatch[] = [];
  for await (const batch of readImport(kind, source, reference)) out.push(batch);
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

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorResponse } from '@ipo/contracts';
import {
  FreshnessResponseSchema,
  ImportHistoryResponseSchema,
  type ImportResult,
  ImportResultSchema,
} from '@ipo/contracts';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDerivationRules } from '../src/derive/rules.js';
import { DEFAULT_THEMES } from '../src/feedback/default-taxonomy.js';
import { compileTaxonomy } from '../src/feedback/text.js';
import { markInterruptedImports } from '../src/imports/batches.js';
import { feedback as feedbackKind } from '../src/imports/kinds.js';
import { createToken, revokeToken } from '../src/imports/tokens.js';
import { ALL_ROLES, actAs, type SignedIn, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import {
  rollupDifferences as checkRollups,
  noDifferences as exactRollups,
} from './support/rollups.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/imports');
const fixture = (name: string) => readFile(path.join(fixtures, name));

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function postCsv(
  kind: string,
  body: Buffer | string,
  query = '',
): Promise<{ status: number; result: ImportResult }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/imports/${kind}${query}`,
    headers: { 'content-type': 'text/csv' },
    payload: body,
  });
  return { status: res.statusCode, result: ImportResultSchema.parse(res.json()) };
}

function multipart(file: Buffer, filename: string) {
  const boundary = '----ipo-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Everything an import can change, to prove a rejected one changed nothing. */
async function snapshot() {
  const { rows } = await db.pool.query(`
    SELECT (SELECT count(*) FROM work_item) AS work_items,
           (SELECT count(*) FROM quality_check) AS checks,
           (SELECT count(*) FROM feedback_response) AS feedback,
           (SELECT count(*) FROM team) AS teams,
           (SELECT coalesce(sum(n), 0) FROM work_item_day_group) AS group_rollup,
           (SELECT coalesce(sum(n), 0) FROM quality_check_day) AS check_rollup,
           (SELECT coalesce(sum(n), 0) FROM feedback_day) AS feedback_rollup,
           (SELECT coalesce(max(updated_at), 'epoch') FROM work_item) AS work_items_updated`);
  return rows[0];
}

// The rollups the imports write through (rollups.test.ts covers the monthly one).
const IMPORT_ROLLUPS = [
  'groups',
  'turnaround',
  'checks',
  'feedback',
  'open',
  'teamMonths',
  'teamChecks',
] as const;
const rollupDifferences = () => checkRollups(db.pool, IMPORT_ROLLUPS);
const noDifferences = exactRollups(IMPORT_ROLLUPS);

describe('CSV import of work items', () => {
  test('imports a valid file, creates and reports new teams, and stores the derived values', async () => {
    const { status, result } = await postCsv(
      'work-items',
      await fixture('work-items-valid.csv'),
      '?filename=work-items-valid.csv',
    );
    expect(status).toBe(200);
    expect(result).toMatchObject({
      status: 'applied',
      source: 'import',
      rows: { total: 4, inserted: 4, updated: 0, unchanged: 0, rejected: 0 },
      errors: [],
      rejectedCsv: null,
    });
    expect(result.teamsCreated).toEqual([
      { service: 'customer-support', name: 'Calls Team 1' },
      { service: 'customer-support', name: 'Written Team' },
      { service: 'trade-marks', name: 'Examination Team A' },
    ]);

    const rules = await loadDerivationRules(db.pool);
    const { rows } = await db.pool.query(
      `SELECT w.source_ref, t.name AS team_name, w.received_date, w.completed_date,
              w.elapsed_seconds, w.elapsed_working_days, w.elapsed_calendar_days,
              w.within_threshold, w.rules_version
         FROM work_item w LEFT JOIN team t ON t.id = w.team_id
        WHERE source = 'import' ORDER BY source_ref`,
    );
    // Worked out by hand from measurement.md, not with the derivation code the import runs.
    const version = rules.version;
    expect(rows).toEqual([
      // A call answered in 45 s (threshold 60 s), 10:00 in London on Tuesday 1 July.
      {
        source_ref: 'WI-1',
        team_name: 'Calls Team 1',
        received_date: '2025-07-01',
        completed_date: '2025-07-01',
        elapsed_seconds: 45,
        elapsed_working_days: 0,
        elapsed_calendar_days: 0,
        within_threshold: true,
        rules_version: version,
      },
      // Friday 16:00 to Monday 10:00 (66 hours): 1 working day, within 5.
      {
        source_ref: 'WI-2',
        team_name: 'Written Team',
        received_date: '2025-07-04',
        completed_date: '2025-07-07',
        elapsed_seconds: 237_600,
        elapsed_working_days: 1,
        elapsed_calendar_days: 3,
        within_threshold: true,
        rules_version: version,
      },
      // 23:30 UTC on 30 June is 1 July in London; open, so nothing else is derived.
      {
        source_ref: 'WI-3',
        team_name: 'Examination Team A',
        received_date: '2025-07-01',
        completed_date: null,
        elapsed_seconds: null,
        elapsed_working_days: null,
        elapsed_calendar_days: null,
        within_threshold: null,
        rules_version: version,
      },
      // Tuesday 1 July to Sunday 20 July: 2-4, 7-11 and 14-18 July are 13 working days, over
      // the complaints threshold of 10; no team given.
      {
        source_ref: 'WI-4',
        team_name: null,
        received_date: '2025-07-01',
        completed_date: '2025-07-20',
        elapsed_seconds: 1_641_600,
        elapsed_working_days: 13,
        elapsed_calendar_days: 19,
        within_threshold: false,
        rules_version: version,
      },
    ]);
    expect(await rollupDifferences()).toEqual(noDifferences);
  });

  test('the same file again changes nothing and says every row is unchanged', async () => {
    const before = await snapshot();
    const { status, result } = await postCsv('work-items', await fixture('work-items-valid.csv'));
    expect(status).toBe(200);
    expect(result.rows).toEqual({ total: 4, inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(result.teamsCreated).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  test('a known source_ref updates the record and its derived values', async () => {
    const csv = [
      'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at',
      // WI-3 completed 12 working days later (a late examination); WI-9 is new.
      'WI-3,tm_examination,trade-marks,Examination Team A,online,attorney,2025-06-30T23:30:00Z,2025-07-17T09:00:00+01:00',
      'WI-9,tm_examination,trade-marks,Examination Team B,online,attorney,2025-07-01T09:00:00Z,2025-07-02T09:00:00Z',
    ].join('\n');
    const { result } = await postCsv('work-items', csv);
    expect(result.rows).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    expect(result.teamsCreated).toEqual([{ service: 'trade-marks', name: 'Examination Team B' }]);
    const { rows } = await db.pool.query(
      `SELECT completed_date, elapsed_working_days, within_threshold FROM work_item WHERE source_ref = 'WI-3'`,
    );
    expect(rows[0]).toEqual({
      completed_date: '2025-07-17',
      elapsed_working_days: 12,
      within_threshold: false,
    });
    expect(await rollupDifferences()).toEqual(noDifferences);
  });

  test('another source keeps its own rows with the same references', async () => {
    const { result } = await postCsv(
      'work-items',
      await fixture('work-items-valid.csv'),
      '?source=crm',
    );
    expect(result.rows.inserted).toBe(4);
    const { rows } = await db.pool.query(
      `SELECT source, count(*)::int AS n FROM work_item GROUP BY source ORDER BY source`,
    );
    expect(rows).toEqual([
      { source: 'crm', n: 4 },
      { source: 'import', n: 5 },
    ]);
  });

  test('a multipart upload with a byte-order mark, CRLF and quoted commas and newlines', async () => {
    const form = multipart(await fixture('work-items-bom-crlf.csv'), 'designs.csv');
    const res = await app.inject({ method: 'POST', url: '/api/imports/work-items', ...form });
    expect(res.statusCode).toBe(200);
    const result = ImportResultSchema.parse(res.json());
    expect(result.rows.inserted).toBe(3);
    expect(result.teamsCreated.map((t) => t.name)).toEqual(['Designs, Newport', 'Search\r\nTeam']);
    const { rows } = await db.pool.query(
      `SELECT source_ref, within_threshold FROM work_item WHERE source_ref IN ('WI-10', 'WI-11', 'WI-12') ORDER BY 1`,
    );
    // 31 January + 6 months = 31 July: met on the day; 1 May + 2 months = 1 July: met.
    expect(rows).toEqual([
      { source_ref: 'WI-10', within_threshold: true },
      { source_ref: 'WI-11', within_threshold: true },
      { source_ref: 'WI-12', within_threshold: true },
    ]);
    const history = ImportHistoryResponseSchema.parse(
      (await app.inject({ method: 'GET', url: '/api/imports?pageSize=1' })).json(),
    );
    expect(history.batches[0]).toMatchObject({ file: 'designs.csv', status: 'applied' });
  });
});

describe('CSV import of quality checks and feedback', () => {
  test('imports quality checks', async () => {
    const { status, result } = await postCsv(
      'quality-checks',
      await fixture('quality-checks-valid.csv'),
    );
    expect(status).toBe(200);
    expect(result.rows.inserted).toBe(3);
    const { rows } = await db.pool.query(
      `SELECT source_ref, checked_date, passed, error_category FROM quality_check ORDER BY 1`,
    );
    expect(rows).toEqual([
      { source_ref: 'QC-1', checked_date: '2025-07-01', passed: true, error_category: null },
      {
        source_ref: 'QC-2',
        checked_date: '2025-07-02',
        passed: false,
        error_category: 'Classification',
      },
      {
        source_ref: 'QC-3',
        checked_date: '2025-07-03',
        passed: false,
        error_category: 'Missed prior art',
      },
    ]);
  });

  test('imports feedback with personal data redacted and formula text kept as text', async () => {
    const { status, result } = await postCsv('feedback', await fixture('feedback-quoted.csv'));
    expect(status).toBe(200);
    expect(result.rows.inserted).toBe(4);
    const { rows } = await db.pool.query(
      `SELECT source_ref, score, type, comment, themes, sentiment FROM feedback_response ORDER BY 1`,
    );
    expect(rows.map((r) => r.comment)).toEqual([
      'Quick, friendly, and helpful',
      'Waited a long time.\nCall me on [phone number removed] or email [email removed]',
      '=HYPERLINK("http://x","y")',
      null,
    ]);
    expect(rows[2]).toMatchObject({ score: null, type: 'suggestion', themes: [], sentiment: 0 });
    // Themes and sentiment are worked out from the redacted comment at import.
    expect(rows[0].sentiment).toBeGreaterThan(0);
    expect(rows[1].themes).toContain('waiting-times');
    expect(rows[3]).toMatchObject({ comment: null, themes: [], sentiment: null });
    const all = JSON.stringify(rows);
    expect(all).not.toContain('07700');
    expect(all).not.toContain('jo@example.com');
    expect(await rollupDifferences()).toEqual(noDifferences);
  });

  test('the staged values of a feedback row already hold the redacted comment', () => {
    const outcome = feedbackKind.validate(
      [
        'FB-X',
        '2025-07-01T10:00:00Z',
        'patents',
        '',
        'email',
        'individual',
        '3',
        'general',
        'Write to me at CF10 1AA or me@example.org, NI AB123456C',
      ],
      2,
      {
        services: new Set(['patents']),
        workTypes: new Map(),
        rules: null as never,
        taxonomy: compileTaxonomy(DEFAULT_THEMES),
      },
    );
    expect(outcome.ok).toBe(true);
    const staged = outcome.ok ? outcome.values : [];
    // comment, themes, sentiment are the last three staged values.
    expect(staged.at(-3)).toBe(
      'Write to me at [postcode removed] or [email removed], NI [NI number removed]',
    );
  });
});

describe('a malformed file is rejected with a clear error and changes nothing', () => {
  const cases: {
    name: string;
    kind?: string;
    file?: string;
    body?: () => Promise<Buffer | string>;
    errors: { line: number; column?: string | null; reason: RegExp }[];
    errorCount?: number;
  }[] = [
    {
      name: 'an unterminated quote',
      file: 'unterminated-quote.csv',
      errors: [{ line: 3, column: null, reason: /starts on line 3 is never closed/ }],
    },
    {
      name: 'rows with the wrong number of values',
      file: 'wrong-column-count.csv',
      errors: [
        { line: 3, column: null, reason: /has 7 values; the header has 8 columns/ },
        { line: 4, column: null, reason: /has 9 values; the header has 8 columns/ },
      ],
    },
    {
      name: 'invalid UTF-8',
      file: 'invalid-utf8.csv',
      errors: [{ line: 2, column: null, reason: /not valid UTF-8/ }],
    },
    {
      name: 'an empty file',
      file: 'empty.csv',
      errors: [{ line: 1, reason: /The file is empty: it needs a header row/ }],
    },
    {
      name: 'a header and no rows',
      file: 'header-only.csv',
      errors: [{ line: 2, reason: /a header row but no rows/ }],
    },
    {
      name: 'a missing header column',
      file: 'missing-column.csv',
      errors: [{ line: 1, column: 'team', reason: /missing the column team/ }],
    },
    {
      name: 'an extra header column',
      file: 'extra-column.csv',
      errors: [{ line: 1, column: 'notes', reason: /Unexpected column "notes"/ }],
    },
    {
      name: 'a stray quote inside a quoted value',
      file: 'stray-quote.csv',
      errors: [{ line: 3, column: null, reason: /must be doubled/ }],
    },
    {
      name: 'a 1 MB comment',
      kind: 'feedback',
      body: async () =>
        `source_ref,submitted_at,service,team,channel,customer_group,satisfaction,feedback_type,comment\nFB-H,2025-07-01T10:00:00Z,patents,,email,individual,3,general,"${'x'.repeat(1024 * 1024)}"\n`,
      errors: [
        { line: 2, column: 'comment', reason: /is 1,048,576 characters long; the limit is 10,000/ },
      ],
    },
    {
      name: 'bad values in every column',
      file: 'work-items-bad-values.csv',
      errorCount: 11,
      errors: [
        {
          line: 2,
          column: 'source_ref',
          reason: /"WI-1" appears more than once .*also on line 10/,
        },
        { line: 3, column: 'service', reason: /unknown service "tribunals"/ },
        {
          line: 4,
          column: 'work_type',
          reason: /"tm_examination" belongs to the service trade-marks, not patents/,
        },
        { line: 5, column: 'work_type', reason: /unknown work type "fax_enquiry"/ },
        { line: 6, column: 'received_at', reason: /is not an ISO 8601 timestamp such as/ },
        { line: 7, column: 'completed_at', reason: /is before received_at/ },
        { line: 8, column: 'channel', reason: /unknown channel "fax"/ },
        { line: 9, column: 'customer_group', reason: /unknown customer group "government"/ },
        { line: 10, column: 'source_ref', reason: /also on line 2/ },
        // The quoted newline on line 11 makes the next row start on line 13.
        { line: 11, column: 'received_at', reason: /has no time zone/ },
        { line: 13, column: 'received_at', reason: /is not a real date and time/ },
      ],
    },
    {
      name: 'a score outside 1-5 and an unknown feedback type',
      kind: 'feedback',
      file: 'feedback-bad-values.csv',
      errors: [
        { line: 2, column: 'satisfaction', reason: /"6" is not a score from 1 to 5/ },
        { line: 3, column: 'feedback_type', reason: /unknown feedback type "praise"/ },
        { line: 4, column: 'satisfaction', reason: /"0" is not a score/ },
      ],
    },
    {
      name: 'an unknown outcome and an error category on a pass',
      kind: 'quality-checks',
      file: 'quality-checks-bad-values.csv',
      errors: [
        { line: 2, column: 'outcome', reason: /unknown outcome "passed"/ },
        { line: 3, column: 'error_category', reason: /must be empty when the outcome is pass/ },
      ],
    },
  ];

  test.each(cases)('$name', async ({ kind = 'work-items', file, body, errors, errorCount }) => {
    const before = await snapshot();
    const payload = file ? await fixture(file) : await body!();
    const { status, result } = await postCsv(kind, payload);
    expect(status).toBe(422);
    expect(result.status).toBe('rejected');
    expect(result.rows).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
    expect(result.message).toMatch(/^Nothing was imported/);
    expect(result.errors).toHaveLength(errors.length);
    result.errors.forEach((e, i) => {
      const want = errors[i]!;
      expect(e.line).toBe(want.line);
      if (want.column !== undefined) expect(e.column).toBe(want.column);
      expect(e.reason).toMatch(want.reason);
    });
    if (errorCount !== undefined) expect(result.errorCount).toBe(errorCount);
    expect(await snapshot()).toEqual(before);
  });

  test('the error list stops at 1,000 and gives the total', async () => {
    const lines = [
      'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at',
    ];
    for (let i = 0; i < 1500; i++) {
      lines.push(`E-${i},phone_call,customer-support,,fax,individual,2025-07-01T09:00:00Z,`);
    }
    const { result } = await postCsv('work-items', lines.join('\n'));
    expect(result.errors).toHaveLength(1000);
    expect(result.errorCount).toBe(1500);
    expect(result.rows.rejected).toBe(1500);
    expect(result.errors[999]?.line).toBe(1001);
  });
});

describe('valid-only mode', () => {
  test('imports the valid rows and returns the rejected ones as CSV to fix', async () => {
    const before = await db.pool.query(`SELECT count(*)::int AS n FROM work_item`);
    const { status, result } = await postCsv(
      'work-items',
      await fixture('work-items-bad-values.csv'),
      '?mode=valid-only&source=partial',
    );
    expect(status).toBe(200);
    expect(result.status).toBe('applied');
    expect(result.rows).toMatchObject({ total: 12, inserted: 1, rejected: 11 });
    const after = await db.pool.query(`SELECT count(*)::int AS n FROM work_item`);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    const { rows } = await db.pool.query(
      `SELECT source_ref FROM work_item WHERE source = 'partial'`,
    );
    expect(rows).toEqual([{ source_ref: 'WI-11' }]);

    const rejected = parseCsv(result.rejectedCsv ?? '', { columns: true }) as Record<
      string,
      string
    >[];
    expect(rejected.map((r) => r.line)).toEqual([
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '13',
    ]);
    expect(Object.keys(rejected[0]!)).toEqual([
      'source_ref',
      'work_type',
      'service',
      'team',
      'channel',
      'customer_group',
      'received_at',
      'completed_at',
      'line',
      'error',
    ]);
    expect(rejected[1]).toMatchObject({ source_ref: 'WI-2', service: 'tribunals' });
    expect(rejected[1]?.error).toMatch(/^service: unknown service "tribunals"/);
    expect(rejected[9]).toMatchObject({ source_ref: 'WI-9', team: 'Night\nShift' });
  });

  test('formula text in rejected rows is neutralised, and comments are redacted', async () => {
    const { result } = await postCsv(
      'feedback',
      await fixture('feedback-bad-values.csv'),
      '?mode=valid-only&source=partial',
    );
    expect(result.rows).toMatchObject({ inserted: 1, rejected: 3 });
    const csv = result.rejectedCsv ?? '';
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"") or ring [phone number removed]"`);
    expect(csv).not.toContain('07700');
    const { rows } = await db.pool.query(
      `SELECT comment FROM feedback_response WHERE source = 'partial'`,
    );
    expect(rows).toEqual([{ comment: '=HYPERLINK("http://x","y")' }]);
  });

  test('a file where every row is bad is rejected', async () => {
    const { status, result } = await postCsv(
      'feedback',
      'source_ref,submitted_at,service,team,channel,customer_group,satisfaction,feedback_type,comment\nX,yesterday,patents,,email,individual,3,general,\n',
      '?mode=valid-only',
    );
    expect(status).toBe(422);
    expect(result.status).toBe('rejected');
    expect(result.rejectedCsv).toContain('yesterday');
  });

  test('an over-long comment is a row error, and is left out of the rejected rows', async () => {
    // 80,000 characters of e-mail local-part characters and no '@': the comment that took the
    // old redaction pattern seconds (redact.test.ts checks the redaction itself).
    const long = 'a.b_c%d+e-f9'.repeat(80_000 / 12).padEnd(80_000, 'x');
    const header =
      'source_ref,submitted_at,service,team,channel,customer_group,satisfaction,feedback_type,comment';
    const csv = [
      header,
      'LONG-1,2025-07-01T10:00:00Z,patents,,email,individual,3,general,ok thanks',
      `LONG-2,2025-07-01T10:00:00Z,patents,,email,individual,3,general,"${long}"`,
      `LONG-3,2025-07-01T10:00:00Z,patents,,fax,individual,3,general,"${long}"`,
      '',
    ].join('\n');
    const { status, result } = await postCsv('feedback', csv, '?mode=valid-only&source=long');
    expect(status).toBe(200);
    expect(result.rows).toMatchObject({ total: 3, inserted: 1, rejected: 2 });
    const tooLong = 'is 80,000 characters long; the limit is 10,000';
    expect(result.errors).toEqual([
      { line: 3, column: 'comment', reason: tooLong },
      { line: 4, column: 'channel', reason: expect.stringMatching(/unknown channel "fax"/) },
      { line: 4, column: 'comment', reason: tooLong },
    ]);
    const rejected = parseCsv(result.rejectedCsv ?? '', { columns: true }) as Record<
      string,
      string
    >[];
    expect(rejected.map((r) => [r.source_ref, r.comment, r.error])).toEqual([
      ['LONG-2', '', `comment: ${tooLong} (the value is left out of this file)`],
      [
        'LONG-3',
        '',
        expect.stringMatching(
          /^channel: unknown channel "fax".*; comment: is 80,000 characters long; the limit is 10,000 \(the value is left out of this file\)$/,
        ),
      ],
    ]);
    expect(result.rejectedCsv?.length).toBeLessThan(1000);

    // All or nothing: the file is rejected, naming the column.
    const whole = await postCsv('feedback', csv);
    expect(whole.status).toBe(422);
    expect(whole.result.errors[0]).toEqual({ line: 3, column: 'comment', reason: tooLong });
  });
});

describe('import requests', () => {
  test('an unknown kind, mode or source is a 400', async () => {
    for (const url of [
      '/api/imports/widgets',
      '/api/imports/work-items?mode=some',
      '/api/imports/work-items?source=Not%20OK',
    ]) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'text/csv' },
        payload: 'x',
      });
      expect(res.statusCode, url).toBe(400);
    }
  });

  test('a body that is not CSV is a 415', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/work-items',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('import history', () => {
  test('lists every batch newest first, a page at a time', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/imports?page=1&pageSize=5' });
    expect(res.statusCode).toBe(200);
    const history = ImportHistoryResponseSchema.parse(res.json());
    expect(history.batches).toHaveLength(5);
    expect(history.total).toBeGreaterThan(15);
    const ids = history.batches.map((b) => b.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page2 = ImportHistoryResponseSchema.parse(
      (await app.inject({ method: 'GET', url: '/api/imports?page=2&pageSize=5' })).json(),
    );
    expect(page2.batches[0]!.id).toBeLessThan(ids.at(-1)!);
    const { rows } = await db.pool.query<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM import_batch GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((r) => r.status)).toEqual(['applied', 'rejected']);
    const rejected = await db.pool.query(
      `SELECT errors, error_count, rows_rejected, finished_at IS NOT NULL AS finished
         FROM import_batch WHERE status = 'rejected' AND error_count = 11 AND kind = 'work_items'`,
    );
    expect(rejected.rows[0]).toMatchObject({ error_count: 11, rows_rejected: 11, finished: true });
    expect(rejected.rows[0].errors[0]).toMatchObject({ line: 2, column: 'source_ref' });
  });

  test('a running batch whose import is gone is marked failed at start-up; a live one is not', async () => {
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO import_batch (kind, status, source, created_by, started_at)
       VALUES ('work_items', 'running', 'gone.csv', 'test', now() - interval '1 hour'),
              ('work_items', 'running', 'live.csv', 'test', now() - interval '1 hour')
       RETURNING id`,
    );
    const [gone, live] = rows.map((r) => r.id);
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(4710603, $1)', [live]);
      expect(await markInterruptedImports(db.pool, new Date())).toBe(1);
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    const { rows: after } = await db.pool.query(
      `SELECT id, status::text, errors FROM import_batch WHERE id IN ($1, $2) ORDER BY id`,
      [gone, live],
    );
    expect(after).toEqual([
      { id: gone, status: 'failed', errors: [{ line: 0, column: null, reason: 'interrupted' }] },
      { id: live, status: 'running', errors: null },
    ]);
    await db.pool.query(`DELETE FROM import_batch WHERE id = $1`, [live]);
  });
});

describe('ingestion API', () => {
  let token: string;
  const row = (ref: string, completedAt: string | null = null) => ({
    source_ref: ref,
    work_type: 'written_enquiry',
    service: 'customer-support',
    team: 'Written Team',
    channel: 'email',
    customer_group: 'individual',
    received_at: '2025-08-01T09:00:00Z',
    completed_at: completedAt,
  });
  const ingest = (body: unknown, auth?: string, kind = 'work-items') =>
    app.inject({
      method: 'POST',
      url: `/api/ingest/${kind}?source=casework`,
      headers: auth === undefined ? {} : { authorization: auth },
      payload: body as object,
    });

  beforeAll(async () => {
    token = await createToken(db.prisma, 'casework-system', { createdBy: 'test' });
  });

  test('401 without a token or with an unknown one', async () => {
    expect((await ingest({ rows: [row('A')] })).statusCode).toBe(401);
    expect((await ingest({ rows: [row('A')] }, 'Bearer ipo_nonsense')).statusCode).toBe(401);
    expect((await ingest({ rows: [row('A')] }, `Basic ${token}`)).statusCode).toBe(401);
  });

  test('accepts a batch with a valid token and records when the token was used', async () => {
    const before = await db.pool.query(
      `SELECT last_used_at FROM api_token WHERE name = 'casework-system'`,
    );
    expect(before.rows[0].last_used_at).toBeNull();
    const res = await ingest(
      { rows: [row('CW-1', '2025-08-04T09:00:00Z'), row('CW-2')] },
      `Bearer ${token}`,
    );
    expect(res.statusCode).toBe(200);
    const result = ImportResultSchema.parse(res.json());
    expect(result.rows).toMatchObject({ inserted: 2, rejected: 0 });
    const { rows } = await db.pool.query(
      `SELECT source, source_ref, elapsed_working_days FROM work_item WHERE source = 'casework' ORDER BY 2`,
    );
    expect(rows).toEqual([
      { source: 'casework', source_ref: 'CW-1', elapsed_working_days: 1 },
      { source: 'casework', source_ref: 'CW-2', elapsed_working_days: null },
    ]);
    const after = await db.pool.query(
      `SELECT last_used_at FROM api_token WHERE name = 'casework-system'`,
    );
    expect(after.rows[0].last_used_at).toBeInstanceOf(Date);
    const batch = await db.pool.query(
      `SELECT source, created_by, data_source FROM import_batch ORDER BY id DESC LIMIT 1`,
    );
    expect(batch.rows[0]).toEqual({
      source: 'casework-system',
      created_by: 'API token casework-system',
      data_source: 'casework',
    });
  });

  test('the same validation as CSV, with the row position as the line', async () => {
    const res = await ingest(
      {
        rows: [
          row('CW-3'),
          { ...row('CW-4'), channel: 'fax' },
          { ...row('CW-5'), received_at: '2025-08-01' },
        ],
      },
      `Bearer ${token}`,
    );
    expect(res.statusCode).toBe(422);
    const result = ImportResultSchema.parse(res.json());
    expect(result.errors).toEqual([
      { line: 2, column: 'channel', reason: expect.stringMatching(/unknown channel "fax"/) },
      { line: 3, column: 'received_at', reason: expect.stringMatching(/no time zone/) },
    ]);
  });

  test('feedback with a numeric score, and unknown properties are a 400', async () => {
    const fb = {
      source_ref: 'S-1',
      submitted_at: '2025-08-01T09:00:00+01:00',
      service: 'patents',
      channel: 'online',
      customer_group: 'attorney',
      satisfaction: 5,
      feedback_type: 'compliment',
      comment: 'Thanks! Reach me on 020 7946 0018',
    };
    const ok = await ingest({ rows: [fb] }, `Bearer ${token}`, 'feedback');
    expect(ok.statusCode).toBe(200);
    const { rows } = await db.pool.query(
      `SELECT score, comment FROM feedback_response WHERE source_ref = 'S-1'`,
    );
    expect(rows).toEqual([{ score: 5, comment: 'Thanks! Reach me on [phone number removed]' }]);
    const bad = await ingest({ rows: [{ ...fb, mood: 'happy' }] }, `Bearer ${token}`, 'feedback');
    expect(bad.statusCode).toBe(400);
  });

  test('more than 10,000 rows is a 400 on rows, before any row is validated', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => row(`M-${i}`));
    const res = await ingest({ rows: many }, `Bearer ${token}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      message: 'rows: A batch holds at most 10,000 rows; this one has 10,001. Split it.',
      issues: [{ field: 'rows', message: expect.stringMatching(/at most 10,000 rows/) }],
    });
    // Rows that are all invalid: had any been validated, its errors would be listed too.
    const invalid = Array.from({ length: 10_001 }, () => ({ mood: 'happy' }));
    const refused = await ingest({ rows: invalid }, `Bearer ${token}`, 'feedback');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues).toEqual([
      { field: 'rows', message: expect.stringMatching(/at most 10,000 rows/) },
    ]);
    const { rows } = await db.pool.query(`SELECT 1 FROM work_item WHERE source_ref = 'M-0'`);
    expect(rows).toEqual([]);
  });

  test('413 for a body over the size limit', async () => {
    const huge = { rows: [{ ...row('H'), team: 'x'.repeat(21 * 1024 * 1024) }] };
    expect((await ingest(huge, `Bearer ${token}`)).statusCode).toBe(413);
  });

  test('an over-long comment is a row error naming the comment', async () => {
    const fb = (ref: string, comment: string) => ({
      source_ref: ref,
      submitted_at: '2025-08-01T09:00:00Z',
      service: 'patents',
      channel: 'online',
      customer_group: 'attorney',
      satisfaction: 4,
      feedback_type: 'general',
      comment,
    });
    const res = await ingest(
      { rows: [fb('LC-1', 'fine'), fb('LC-2', 'x'.repeat(30_000))] },
      `Bearer ${token}`,
      'feedback',
    );
    expect(res.statusCode).toBe(422);
    expect(ImportResultSchema.parse(res.json()).errors).toEqual([
      { line: 2, column: 'comment', reason: 'is 30,000 characters long; the limit is 10,000' },
    ]);
  });

  test('typed values: a wrong type is a 400 naming the field; a score as a number or as text meets the CSV rules', async () => {
    const wrong = await ingest(
      { rows: [row('TY-1'), { ...row('TY-2'), received_at: 20250801 }] },
      `Bearer ${token}`,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues).toEqual([
      { field: 'rows.1.received_at', message: expect.stringMatching(/string/) },
    ]);
    const fb = (ref: string, satisfaction: unknown) => ({
      source_ref: ref,
      submitted_at: '2025-08-01T09:00:00Z',
      service: 'patents',
      channel: 'online',
      customer_group: 'attorney',
      satisfaction,
      feedback_type: 'general',
    });
    const res = await ingest(
      { rows: [fb('TY-3', 4), fb('TY-4', '2'), fb('TY-5', 4.5), fb('TY-6', '4.0')] },
      `Bearer ${token}`,
      'feedback',
    );
    expect(res.statusCode).toBe(422);
    expect(ImportResultSchema.parse(res.json()).errors).toEqual([
      { line: 3, column: 'satisfaction', reason: '"4.5" is not a score from 1 to 5 (or empty)' },
      { line: 4, column: 'satisfaction', reason: '"4.0" is not a score from 1 to 5 (or empty)' },
    ]);
    const ok = await ingest(
      { rows: [fb('TY-3', 4), fb('TY-4', '2'), fb('TY-5', null)] },
      `Bearer ${token}`,
      'feedback',
    );
    expect(ok.statusCode).toBe(200);
    const { rows } = await db.pool.query(
      `SELECT source_ref, score FROM feedback_response WHERE source_ref LIKE 'TY-%' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { source_ref: 'TY-3', score: 4 },
      { source_ref: 'TY-4', score: 2 },
      { source_ref: 'TY-5', score: null },
    ]);
  });

  test('403 for a revoked token', async () => {
    await revokeToken(db.prisma, 'casework-system');
    const res = await ingest({ rows: [row('CW-9')] }, `Bearer ${token}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/revoked/);
  });

  test('data stewards create, list and revoke tokens over HTTP; a scoped token sends only its kind and source', async () => {
    const steward = await signInAs(db, ['data-steward']);
    const viewer = await signInAs(db, ['viewer']);
    const as = (who: SignedIn, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    expect((await as(viewer, 'GET', '/api/tokens')).statusCode).toBe(403);
    expect((await as(viewer, 'POST', '/api/tokens', { name: 'viewer-token' })).statusCode).toBe(
      403,
    );
    const created = await as(steward, 'POST', '/api/tokens', {
      name: 'crm-feedback',
      kinds: ['feedback'],
      source: 'crm',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { token } = created.json<{ token: string }>();
    expect(token).toMatch(/^ipo_/);
    const again = await as(steward, 'POST', '/api/tokens', { name: 'crm-feedback' });
    expect(again.statusCode).toBe(409);
    const list = (await as(steward, 'GET', '/api/tokens')).json<{
      tokens: { name: string; kinds: string[]; source: string | null; createdBy: string }[];
    }>();
    expect(list.tokens.find((t) => t.name === 'crm-feedback')).toMatchObject({
      kinds: ['feedback'],
      source: 'crm',
      createdBy: steward.user.email,
    });
    const bearer = { authorization: `Bearer ${token}`, cookie: '' };
    const wrongKind = await app.inject({
      method: 'POST',
      url: '/api/ingest/work-items?source=crm',
      headers: bearer,
      payload: { rows: [] },
    });
    expect(wrongKind.statusCode).toBe(403);
    expect(wrongKind.json<ErrorResponse>().message).toMatch(/may not send work items/);
    const wrongSource = await app.inject({
      method: 'POST',
      url: '/api/ingest/feedback?source=other',
      headers: bearer,
      payload: { rows: [] },
    });
    expect(wrongSource.statusCode).toBe(403);
    expect(wrongSource.json<ErrorResponse>().message).toMatch(/only for the source "crm"/);
    expect((await as(steward, 'DELETE', '/api/tokens/crm-feedback')).statusCode).toBe(204);
    const audit = await db.pool.query<{ actor: string; action: string }>(
      `SELECT actor, action FROM audit_event WHERE entity = 'api_token' AND entity_id = 'crm-feedback' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { actor: steward.user.email, action: 'api_token.create' },
      { actor: steward.user.email, action: 'api_token.revoke' },
    ]);
  });
});

describe('GET /api/freshness', () => {
  test('flags old data as stale and recent data as up to date', async () => {
    const recent = new Date(Date.now() - 60_000).toISOString();
    const received = new Date(Date.now() - 3_600_000).toISOString();
    const csv = `source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\nFRESH-1,phone_call,customer-support,,phone,individual,${received},${recent}\n`;
    expect((await postCsv('work-items', csv)).status).toBe(200);

    const res = await app.inject({ method: 'GET', url: '/api/freshness' });
    expect(res.statusCode).toBe(200);
    const body = FreshnessResponseSchema.parse(res.json());
    expect(body.staleAfterWorkingDays).toBe(2);
    const find = (kind: string, code: string | null) =>
      body.sources.find((s) => s.kind === kind && (s.workType?.code ?? null) === code);
    expect(find('work_items', 'phone_call')).toMatchObject({
      stale: false,
      workingDaysSinceLatestEvent: 0,
      message: expect.stringMatching(/^Phone call work items are up to date/),
    });
    // Imported earlier with July 2025 dates.
    expect(find('work_items', 'tm_examination')).toMatchObject({
      stale: true,
      message: expect.stringMatching(/may be out of date: the latest is from 17 July 2025/),
    });
    expect(find('feedback', null)?.stale).toBe(true);
    expect(find('work_items', 'patent_acceleration')?.latestEventAt).not.toBeNull();
    // A work type with no rows at all.
    expect(find('work_items', 'tm_intl_examination')).toMatchObject({
      lastChangedAt: null,
      stale: true,
      message: 'No International trade mark examination work items have been received yet.',
    });
    expect(find('quality_checks', 'tm_examination')?.latestEventAt).toBe(
      '2025-07-01T10:00:00.000Z',
    );
  });

  test('follows STALE_AFTER_WORKING_DAYS', async () => {
    const lenient = await buildApp({ db, dbMode: 'external', staleAfterWorkingDays: 60 });
    actAs(lenient, (await signInAs(db, ['viewer'])).headers);
    const body = FreshnessResponseSchema.parse(
      (await lenient.inject({ method: 'GET', url: '/api/freshness' })).json(),
    );
    await lenient.close();
    expect(body.staleAfterWorkingDays).toBe(60);
    const tm = body.sources.find((s) => s.workType?.code === 'tm_examination');
    expect(tm?.stale).toBe((tm?.workingDaysSinceLatestEvent ?? 0) > 60);
  });
});

describe('rollups after all these imports', () => {
  test('equal the raw rows', async () => {
    expect(await rollupDifferences()).toEqual(noDifferences);
  });
});

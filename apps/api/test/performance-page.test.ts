import { PublicationSchema } from '@ipo/contracts';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { HtmlValidate } from 'html-validate';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { type SignedIn, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { callsCsv, callsOn, feedbackCsv, importCsv } from './support/publications.js';

/**
 * The public transparency pages (decision 13) as a browser and a spreadsheet application get
 * them: valid HTML under the strict CSP with one heading and landmarks, text escaped, an empty
 * state, and CSV and ODS downloads whose cells hold the published figures (the ODS is unzipped
 * and its XML parsed, as an application opening it would).
 */
let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let manager: SignedIn;
let steward: SignedIn;

const TEAM = 'Wombat Desk';
const THEME = 'Queues <script>alert("x")</script> & "waits"';
const ACTION = 'Phones <b>staffed</b> at lunchtime';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // Subresource integrity is for files from other origins; the stylesheet is this server's.
    'require-sri': 'off',
  },
});

async function expectValidHtml(html: string, url: string) {
  const report = await validator.validateString(html);
  const problems = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
  );
  expect(problems, url).toEqual([]);
}

async function get(url: string) {
  return app.inject({ method: 'GET', url });
}

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildApp({ db, dbMode: 'external' });
  await app.ready();
  manager = await signInAs(db, ['manager']);
  steward = await signInAs(db, ['data-steward']);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

/** The cells of each sheet of an ODS content.xml, read with a strict XML parser. */
interface OdsCell {
  type: string | null;
  value: string | null;
  date: string | null;
  text: string;
}

function odsSheets(xml: string): Map<string, OdsCell[][]> {
  const sheets = new Map<string, OdsCell[][]>();
  const parser = new SaxesParser({ xmlns: true });
  let rows: OdsCell[][] | null = null;
  let cell: OdsCell | null = null;
  let repeat = 1;
  parser.on('opentag', (tag) => {
    const attr = (name: string) => {
      const a = tag.attributes[name];
      return typeof a === 'object' ? a.value : (a ?? null);
    };
    if (tag.name === 'table:table') {
      rows = [];
      sheets.set(attr('table:name') ?? '', rows);
    } else if (tag.name === 'table:table-row') {
      rows?.push([]);
    } else if (tag.name === 'table:table-cell') {
      cell = {
        type: attr('office:value-type'),
        value: attr('office:value'),
        date: attr('office:date-value'),
        text: '',
      };
      repeat = Number(attr('table:number-columns-repeated') ?? 1);
    }
  });
  parser.on('text', (t) => {
    if (cell) cell.text += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'table:table-cell' && cell && rows) {
      for (let i = 0; i < repeat; i++) rows.at(-1)?.push({ ...cell });
      cell = null;
    }
  });
  parser.write(xml).close();
  return sheets;
}

describe('before anything is published', () => {
  test('the page says nothing is published yet; the downloads hold no figures', async () => {
    const page = await get('/performance');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('We have not published any figures yet.');
    await expectValidHtml(page.body, '/performance');

    const csv = await get('/performance.csv');
    expect(csv.statusCode).toBe(200);
    expect(parseCsv(csv.body, { columns: true })).toEqual([]);

    const ods = await get('/performance.ods');
    expect(ods.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(ods.rawPayload));
    const sheets = odsSheets(strFromU8(files['content.xml']!));
    expect(sheets.get('Figures')?.[1]?.[0]?.text).toBe('No figures have been published yet.');

    expect((await get('/performance/2026-10')).statusCode).toBe(404);
  });
});

describe('published figures', () => {
  const months = ['2026-09', '2026-10'];

  beforeAll(async () => {
    await importCsv(
      app,
      steward,
      'work-items',
      callsCsv([
        ...callsOn('S', '2026-09-10', 8, 30, TEAM),
        ...callsOn('S-LATE', '2026-09-11', 3, 200, TEAM),
        ...callsOn('O', '2026-10-12', 19, 20, TEAM),
        ...callsOn('O-LATE', '2026-10-13', 1, 200, TEAM),
      ]),
    );
    await importCsv(
      app,
      steward,
      'feedback',
      feedbackCsv(
        Array.from({ length: 15 }, (_, i) => ({
          ref: `F-${i}`,
          team: TEAM,
          at: `2026-10-0${1 + (i % 9)}T09:00:00Z`,
          score: i % 4 === 0 ? 2 : 5,
          comment: 'Thank you',
        })),
      ),
    );
    const team = await db.prisma.team.findFirstOrThrow({ where: { name: TEAM } });
    await db.prisma.theme.create({ data: { code: 'pp-queues', name: THEME, phrases: [] } });
    const action = await app.inject({
      method: 'POST',
      url: '/api/feedback/actions',
      headers: manager.headers,
      payload: {
        themeCode: 'pp-queues',
        title: ACTION,
        description: 'Two more advisers from 12 to 2 & fewer "please hold" messages.',
        owner: 'Contact centre',
        status: 'in_progress',
        startedOn: '2026-10-05',
        published: true,
        teamId: team.id,
      },
    });
    expect(action.statusCode, action.body).toBe(201);
    for (const period of months) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/publications',
        headers: manager.headers,
        payload: { period },
      });
      expect(res.statusCode, res.body).toBe(201);
      PublicationSchema.parse(res.json());
    }
  }, 60_000);

  test('the page is valid HTML in GOV.UK style: one h1, landmarks, a skip link, no inline code', async () => {
    for (const url of ['/performance', '/performance/2026-10', '/performance/2026-09']) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      const html = page.body;
      await expectValidHtml(html, url);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<html lang="en-GB" class="govuk-template">');
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).toContain('<a href="#main-content" class="govuk-skip-link">');
      expect(html).toMatch(/<main [^>]*id="main-content"/);
      expect(html).toContain('<header class="govuk-header">');
      expect(html).toContain('<footer class="govuk-footer">');
      // Nothing the Content-Security-Policy would block: no script, no inline style.
      expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain("style-src 'self'");
      expect(html).toContain('<link rel="stylesheet" href="/performance/style.css">');
    }
    const css = await get('/performance/style.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    // Every GOV.UK class the pages use is styled.
    const used = new Set<string>();
    for (const url of ['/performance', '/performance/2026-10']) {
      for (const m of (await get(url)).body.matchAll(/class="([^"]*)"/g)) {
        for (const c of m[1]!.split(' ')) used.add(c);
      }
    }
    const unstyled = [...used].filter(
      (c) =>
        !css.body.includes(`.${c}`) &&
        // Structural classes GOV.UK names without styling them here.
        !['govuk-table__head', 'govuk-table__body', 'govuk-table__row'].includes(c),
    );
    expect(unstyled).toEqual([]);
  });

  test('the latest month leads, with its table, trends as tables and a chart with words', async () => {
    const html = (await get('/performance')).body;
    expect(html).toMatch(/Latest published figures<\/span>October 2026<\/h2>/);
    expect(html).toContain(
      '<caption class="govuk-table__caption govuk-table__caption--m">Results for October 2026</caption>',
    );
    const calls = await db.prisma.publicationFigure.findFirstOrThrow({
      where: { standardCode: 'csc-calls', publication: { period: '2026-10' } },
    });
    expect(calls.value).toBe(19 / 20);
    const row = html.match(
      /<th scope="row" class="govuk-table__header">Answer calls within 60 seconds<\/th>[\s\S]*?<\/tr>/,
    )?.[0];
    expect(row).toContain('<td class="govuk-table__cell">90%</td>');
    expect(row).toContain('95%');
    expect(row).toContain('Met');
    // The trend: a table of 12 months per standard, and a chart described in words.
    expect(html).toContain('Answer calls within 60 seconds: the last 12 months (target 90%)');
    expect(html).toMatch(/<svg class="app-sparkline" role="img" aria-labelledby="trend-1-title"/);
    expect(html).toMatch(
      /<title id="trend-1-title">Answer calls within 60 seconds: 72.7% in September 2026, 95% in October 2026; target 90%.<\/title>/,
    );
    // Both periods listed, each linking to its page.
    expect(html).toContain('<a class="govuk-link" href="/performance/2026-09">September 2026</a>');
    expect(html).toContain('<a class="govuk-link" href="/performance/2026-10">October 2026</a>');
  });

  test('text from the database is escaped', async () => {
    const html = (await get('/performance')).body;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>staffed</b>');
    expect(html).toContain(
      'You said: Queues &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;waits&quot;',
    );
    expect(html).toContain('We did: Phones &lt;b&gt;staffed&lt;/b&gt; at lunchtime.');
    expect(html).toContain('fewer &quot;please hold&quot; messages.');
  });

  test('an unpublished or unknown period is a 404 page, not the dashboard', async () => {
    for (const url of [
      '/performance/2026-08',
      '/performance/nonsense',
      '/performance/2026-26-Q1',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('No figures have been published for this period.');
      await expectValidHtml(res.body, url);
    }
  });

  test('the CSV holds one row per published period and standard, as published', async () => {
    const res = await get('/performance.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="ipo-service-performance.csv"',
    );
    const rows = parseCsv(res.body, { columns: true }) as Record<string, string>[];
    const stored = await db.prisma.publicationFigure.findMany({
      include: { publication: true },
      orderBy: [{ publication: { periodEnd: 'desc' } }, { position: 'asc' }],
    });
    expect(rows).toHaveLength(stored.length);
    expect(new Set(rows.map((r) => r.Period))).toEqual(new Set(months));
    for (const [i, f] of stored.entries()) {
      const row = rows[i]!;
      const shown =
        f.value === null
          ? ''
          : String(Math.round((f.unit === 'share' ? f.value * 100 : f.value) * 10) / 10);
      expect(row, f.standardCode).toMatchObject({
        Period: f.publication.period,
        Version: String(f.publication.version),
        'Standard code': f.standardCode,
        Standard: f.title,
        Target: f.targetWords,
        Result: shown,
        Unit: f.unit === 'share' ? '%' : 'working days',
        'Items, checks or responses': String(f.n),
        Revised: 'No',
      });
    }
  });

  test('the ODS opens: mimetype first and stored, manifest, well-formed XML, typed cells equal to the published figures', async () => {
    const res = await get('/performance.ods');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const bytes = new Uint8Array(res.rawPayload);
    // The first local file header: 'PK\3\4', stored (method 0), named mimetype, no extra field,
    // its content the media type (ODF 1.3 part 2, section 3.3).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    expect(strFromU8(bytes.subarray(30, 30 + nameLength))).toBe('mimetype');
    expect(extraLength).toBe(0);
    const mime = 'application/vnd.oasis.opendocument.spreadsheet';
    expect(strFromU8(bytes.subarray(30 + nameLength, 30 + nameLength + mime.length))).toBe(mime);

    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(
      ['META-INF/manifest.xml', 'content.xml', 'meta.xml', 'mimetype', 'styles.xml'].sort(),
    );
    // Every XML part is well-formed (the strict parser throws otherwise).
    for (const name of ['META-INF/manifest.xml', 'styles.xml', 'meta.xml']) {
      expect(
        () => new SaxesParser({ xmlns: true }).write(strFromU8(files[name]!)).close(),
        name,
      ).not.toThrow();
    }
    const manifest = strFromU8(files['META-INF/manifest.xml']!);
    for (const part of ['content.xml', 'styles.xml', 'meta.xml']) {
      expect(manifest).toContain(`manifest:full-path="${part}"`);
    }

    const sheets = odsSheets(strFromU8(files['content.xml']!));
    expect([...sheets.keys()]).toEqual(['Cover', 'Figures']);
    const [header, ...rows] = sheets.get('Figures')!;
    const col = (name: string) => header!.findIndex((c) => c.text === name);
    expect(col('Result')).toBeGreaterThan(-1);

    const stored = await db.prisma.publicationFigure.findMany({
      include: { publication: true },
      orderBy: [{ publication: { periodEnd: 'desc' } }, { position: 'asc' }],
    });
    expect(rows).toHaveLength(stored.length);
    for (const [i, f] of stored.entries()) {
      const row = rows[i]!;
      expect(row[col('Period')]?.text).toBe(f.publication.period);
      expect(row[col('Standard code')]?.text).toBe(f.standardCode);
      expect(row[col('Version')]).toMatchObject({
        type: 'float',
        value: String(f.publication.version),
      });
      expect(row[col('Items, checks or responses')]).toMatchObject({
        type: 'float',
        value: String(f.n),
      });
      expect(row[col('Published on')]?.type).toBe('date');
      const result = row[col('Result')]!;
      if (f.value === null) {
        expect(result.type, f.standardCode).toBeNull();
      } else if (f.unit === 'share') {
        expect(result.type, f.standardCode).toBe('percentage');
        expect(Number(result.value), f.standardCode).toBe(Math.round(f.value * 1000) / 1000);
        expect(result.text).toBe(`${Math.round(f.value * 1000) / 10}%`);
      } else {
        expect(result.type, f.standardCode).toBe('float');
        expect(Number(result.value), f.standardCode).toBe(Math.round(f.value * 10) / 10);
      }
    }
    // The month's calls figure, checked by hand: 19 of 20 within a minute.
    const calls = rows.find(
      (r) => r[col('Period')]?.text === '2026-10' && r[col('Standard code')]?.text === 'csc-calls',
    )!;
    expect(calls[col('Result')]).toMatchObject({ type: 'percentage', value: '0.95', text: '95%' });
  });
});

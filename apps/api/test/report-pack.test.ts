/**
 * The board's report pack (GET /api/reports/monthly): the PDF is read back with poppler's
 * pdftotext and pdfinfo (Debian's poppler-utils) and its text compared with the API's own
 * answers for the same month: every standard's title and result as /api/scorecard gives them,
 * satisfaction as /api/feedback/summary gives it, the main themes, the actions; the title and
 * language of the document; page numbers on every page; who may have it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  type Action,
  ActionSchema,
  ErrorResponseSchema,
  FeedbackSummarySchema,
  FeedbackThemesSchema,
  ForecastResponseSchema,
  type ScorecardEntry,
  ScorecardResponseSchema,
  TaxonomyResponseSchema,
} from '@ipo/contracts';
import {
  addDays,
  changeInWords,
  forecastMisses,
  formatDateTime,
  formatFigure,
  formatTargetValue,
  formatValue,
  latestCompletePeriod,
  londonDate,
  parsePeriod,
  periodContaining,
  previousPeriod,
  statusWords,
} from '@ipo/domain';
import type { Role } from '@ipo/domain/access';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { actionsOfMonth } from '../src/reports/monthly-data.js';
import { buildMonthlyReport, reportTitle } from '../src/reports/monthly-report.js';
import { trendScale } from '../src/reports/trend-scale.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { type SignedIn, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const run = promisify(execFile);

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let dir: string;
let manager: SignedIn;
const today = londonDate(new Date());
const month = latestCompletePeriod(today, 'month');
/** Created through the API in beforeAll: one done in the month, one open at its end, one later. */
let done: Action;
let open: Action;
let later: Action;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { seed: 16, scale: 0.08, from: addDays(month.start, -400) });
  // Whatever the demo's story for the month, complaints miss their target: 60 replies sent
  // long after the 10 working days (so the pack has a standard missed, with its forecast).
  await db.pool.query(
    `INSERT INTO work_item (source, source_ref, work_type_code, service_code, channel, customer_group,
       received_at, completed_at, received_date, completed_date, elapsed_seconds, elapsed_working_days,
       elapsed_calendar_days, within_threshold)
     SELECT 'test', 'LATE-' || i, 'complaint', 'customer-experience', 'email', 'individual',
            $1::date - 45 + time '10:00', $1::date + 5 + time '11:00', $1::date - 45, $1::date + 5,
            50 * 86400, 30, 50, false
       FROM generate_series(1, 60) AS i`,
    [month.start],
  );
  app = await buildApp({ db, dbMode: 'external' });
  await app.ready();
  manager = await signInAs(db, ['manager']);
  dir = await mkdtemp(path.join(tmpdir(), 'report-pack-'));
  const taxonomy = TaxonomyResponseSchema.parse(
    (await get('/api/feedback/themes/taxonomy')).json(),
  );
  const themeCode = taxonomy.themes[0]?.code ?? '';
  const create = async (body: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/feedback/actions',
      headers: manager.headers,
      payload: { themeCode, owner: 'Customer experience lead', ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return ActionSchema.parse(res.json());
  };
  done = await create({
    title: 'Explained fees in plain words on the renewal page',
    status: 'done',
    startedOn: month.start,
    completedOn: addDays(month.start, 9),
  });
  open = await create({
    title: 'Calling back customers who wait more than a day',
    status: 'in_progress',
    startedOn: addDays(month.start, 3),
    dueOn: addDays(month.end, 60),
  });
  later = await create({
    title: 'Started only after the month ended',
    status: 'in_progress',
    startedOn: addDays(month.end, 1),
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const get = (url: string, who: SignedIn | null = manager) =>
  app.inject({ method: 'GET', url, headers: who?.headers ?? {} });

/** Writes the PDF and reads it back with poppler: its text (reading order) and pdfinfo's fields. */
async function readBack(pdf: Buffer, name: string) {
  const file = path.join(dir, name);
  await writeFile(file, pdf);
  const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  const { stdout: info } = await run('pdfinfo', [file]);
  const field = (key: string) =>
    info
      .split('\n')
      .find((line) => line.startsWith(`${key}:`))
      ?.slice(key.length + 1)
      .trim();
  const pageText = async (page: number) =>
    (await run('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-']))
      .stdout;
  return { text, flat: flatten(text), field, pageText };
}

/** The text after `start` and before `end` (to the end when `end` is empty or absent). */
function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  expect(from, `'${start}' is in the text`).toBeGreaterThan(-1);
  const to = end ? text.indexOf(end, from + start.length) : -1;
  return text.slice(from, to === -1 ? undefined : to);
}

/** Whitespace (line and column breaks included) folded to single spaces. */
const flatten = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The at-a-glance row the scorecard page shows for a standard, in the dashboard's words. */
function glanceRow(e: ScorecardEntry): string {
  return [
    e.title,
    formatFigure(e, e.unit),
    formatTargetValue(e.target?.value ?? null, e.unit),
    `${statusWords[e.status]}${e.lowVolume ? ' (low volume)' : ''}`,
    changeInWords(e.value, e.previous, e.unit, { named: false }),
  ].join(' ');
}

describe('GET /api/reports/monthly', () => {
  test('a manager gets the month as a PDF whose text is the API’s figures', async () => {
    const res = await get(`/api/reports/monthly?period=${month.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ipo-service-standards-${month.id}.pdf"`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { flat, field, pageText } = await readBack(pdf, 'month.pdf');

    // Title and language of the document: shown as the title, tagged for assistive technology.
    const title = `Customer service standards: ${month.label}`;
    expect(field('Title')).toBe(title);
    expect(field('Tagged')).toBe('yes');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toContain('/StructTreeRoot');
    expect(flat.startsWith(title)).toBe(true);

    // The scorecard for the same month, as the API answers it.
    const card = ScorecardResponseSchema.parse(
      (await get(`/api/scorecard?period=${month.id}`)).json(),
    );
    expect(card.standards.length).toBeGreaterThan(10);
    for (const e of card.standards) {
      // Each standard's row: title, result, target, status and change, in that order.
      expect(flat, e.code).toContain(glanceRow(e));
      // The result shown is the API's value (a share in per cent to one decimal place).
      if (e.unit === 'share' && !e.suppressed && e.value !== null) {
        const shown = formatFigure(e, e.unit);
        expect(shown).toMatch(/^\d{1,3}(\.\d)?%$/);
        expect(Math.abs(Number.parseFloat(shown) - e.value * 100)).toBeLessThanOrEqual(0.05);
      }
      // Its trend: a heading and the 12 months' figures.
      for (const p of e.sparkline) {
        expect(flat, `${e.code} ${p.period.id}`).toContain(
          `${p.period.label} ${formatFigure(p, e.unit)} ${formatTargetValue(p.target, e.unit)} ${statusWords[p.status]}`,
        );
      }
    }
    expect(flat).toContain(
      `Of ${card.summary.total} standards, ${card.summary.met} met the target, ${card.summary.near}`,
    );
    expect(card.dataAsOf).not.toBeNull();
    expect(flat).toContain(`Data as of: ${formatDateTime(card.dataAsOf ?? '')}`);
    expect(flat).toContain(
      `Filters used: the whole office (every service, team, channel and customer group); the month ${month.label}`,
    );
    expect(flat).toContain(`changes are on ${previousPeriod(month).label}`);

    // Missed or at risk: the month's misses and near misses, each with the API's forecast of the
    // quarter in progress in its own words.
    const section = between(flat, 'Standards missed or at risk', 'Customer satisfaction in');
    let listed = 0;
    for (const e of card.standards) {
      const forecast = ForecastResponseSchema.parse(
        (await get(`/api/standards/${e.code}/forecast?granularity=quarter`)).json(),
      );
      const atRisk = e.status === 'missed' || e.status === 'near' || forecastMisses(forecast);
      expect(section.includes(`${e.title} ${month.label}:`), e.code).toBe(atRisk);
      if (atRisk) {
        listed += 1;
        expect(section).toContain(`Forecast: ${forecast.sentence}`);
      }
    }
    expect(listed, 'the demo data has a standard missed or at risk').toBeGreaterThan(0);

    // Satisfaction as the feedback explorer gives it for the whole office.
    const summary = FeedbackSummarySchema.parse(
      (await get(`/api/feedback/summary?period=${month.id}`)).json(),
    );
    if (summary.satisfied.suppressed) {
      expect(flat).toContain(
        'The satisfied share is not shown: fewer than 10 responses gave a score',
      );
    } else {
      const interval = summary.satisfied.interval;
      expect(flat).toContain(
        `${formatValue(summary.satisfied.value, 'share')} of the ${summary.satisfied.n?.toLocaleString('en-GB')} who gave a score were satisfied`,
      );
      expect(flat).toContain(
        `95% confidence interval ${formatValue(interval?.lower ?? null, 'share')} to ${formatValue(interval?.upper ?? null, 'share')}`,
      );
    }
    // The main themes: those the explorer shows (10 or more comments), most mentioned first;
    // none that it withholds.
    const themes = FeedbackThemesSchema.parse(
      (await get(`/api/feedback/themes?period=${month.id}`)).json(),
    ).themes;
    const shown = themes.filter((t) => !t.count.suppressed && (t.count.value ?? 0) > 0);
    const satisfaction = between(flat, 'Customer satisfaction in', 'You said, we did');
    if (shown.length === 0) {
      expect(satisfaction).toContain('No theme was mentioned in 10 or more comments');
    }
    let from = 0;
    for (const t of shown.slice(0, 6)) {
      const at = satisfaction.indexOf(`${t.name} ${t.count.value?.toLocaleString('en-GB')}`, from);
      expect(at, t.code).toBeGreaterThan(from - 1);
      from = at + 1;
    }
    for (const t of themes.filter((t) => t.count.suppressed)) {
      expect(satisfaction, t.code).not.toContain(t.name);
    }

    // 'You said, we did': done in the month, open at its end; nothing that started later.
    const actions = between(flat, 'You said, we did', 'Trends: the 12 months');
    expect(between(actions, `Done in ${month.label}`, 'Open at the end')).toContain(done.title);
    expect(between(actions, `Open at the end of ${month.label}`, '')).toContain(open.title);
    expect(flat).not.toContain(later.title);

    // 'Page 3 of 7' on every page.
    const pages = Number(field('Pages'));
    expect(pages).toBeGreaterThan(2);
    for (let page = 1; page <= pages; page++) {
      expect(flatten(await pageText(page))).toContain(`Page ${page} of ${pages}`);
    }
  });

  test('the same pack is made without a request, for a month id or a parsed month', async () => {
    const now = new Date();
    const pdf = await buildMonthlyReport({ db, now }, month.id);
    const { flat, field } = await readBack(pdf, 'direct.pdf');
    expect(field('Title')).toBe(reportTitle(month));
    expect(flat).toContain(`Produced: ${formatDateTime(now.toISOString())}`);
    // A month still in progress is refused, in words.
    const current = periodContaining(today, 'month');
    await expect(buildMonthlyReport({ db, now }, current)).rejects.toThrow(/has not ended yet/);
    await expect(buildMonthlyReport({ db, now }, '2025-26-Q2')).rejects.toThrow(/monthly/);
  });

  test.each([
    { who: 'viewer', roles: ['viewer'] as Role[], teams: [] },
    { who: 'team lead', roles: ['team-lead'] as Role[], teams: ['Written Enquiries Newport'] },
    { who: 'administrator', roles: ['admin'] as Role[], teams: [] },
    { who: 'data steward', roles: ['data-steward'] as Role[], teams: [] },
  ])('a $who may not have it (403)', async ({ roles, teams }) => {
    const someone = await signInAs(db, roles, { teams });
    const res = await get(`/api/reports/monthly?period=${month.id}`, someone);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  test('without signing in it is a 401', async () => {
    const res = await get(`/api/reports/monthly?period=${month.id}`, null);
    expect(res.statusCode).toBe(401);
  });

  const current = periodContaining(today, 'month');
  test.each([
    ['no period', ''],
    ['an empty period', '?period='],
    ['not a month', '?period=October'],
    ['month 13', '?period=2026-13'],
    ['a quarter', '?period=2025-26-Q2'],
    ['a financial year', '?period=2025-26'],
    ['a week', '?period=2025-W27'],
    ['a month before 2000', '?period=1999-12'],
    ['year 1', '?period=0001-12'],
    ['the month in progress', `?period=${current.id}`],
    ['a month to come', `?period=${periodContaining(addDays(current.end, 1), 'month').id}`],
  ])('%s is a 400 naming period', async (_what, query) => {
    const res = await get(`/api/reports/monthly${query}`);
    expect(res.statusCode, res.body).toBe(400);
    const body = ErrorResponseSchema.parse(res.json());
    expect(body.issues?.map((i) => i.field)).toEqual(['period']);
  });
});

describe('the pack’s parts', () => {
  const oct = parsePeriod('2026-10');
  const action = (over: Partial<Action>): Action => ({
    id: 1,
    themeCode: 't',
    themeName: 'T',
    title: 'x',
    description: '',
    owner: 'o',
    status: 'planned',
    startedOn: null,
    completedOn: null,
    dueOn: null,
    overdue: false,
    published: false,
    teamId: null,
    teamName: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });

  test('actions: done within the month, or open at its end', () => {
    const doneIn = action({ id: 1, status: 'done', completedOn: '2026-10-31' });
    const doneBefore = action({ id: 2, status: 'done', completedOn: '2026-09-30' });
    const doneAfter = action({
      id: 3,
      status: 'done',
      startedOn: '2026-10-02',
      completedOn: '2026-11-01',
    });
    const planned = action({ id: 4 });
    const startedAfter = action({ id: 5, status: 'in_progress', startedOn: '2026-11-01' });
    const inProgress = action({ id: 6, status: 'in_progress', startedOn: '2026-10-31' });
    const { done: d, open: o } = actionsOfMonth(
      [doneIn, doneBefore, doneAfter, planned, startedAfter, inProgress],
      oct,
    );
    expect(d.map((a) => a.id)).toEqual([1]);
    expect(o.map((a) => a.id)).toEqual([3, 4, 6]);
  });

  test('trend axes: shares up to 100% from a round tenth below; working days from 0', () => {
    expect(trendScale([0.93, 0.97, null, 0.9], 'share')).toEqual({
      min: 0.8,
      max: 1,
      ticks: [0.8, 0.85, 0.9, 0.95, 1],
    });
    expect(trendScale([0.42, 0.9], 'share').ticks).toEqual([0.3, 0.5, 0.7, 0.9]);
    expect(trendScale([null], 'share')).toMatchObject({ min: 0, max: 1 });
    const days = trendScale([8, 13, 10], 'working_days');
    expect(days.min).toBe(0);
    expect(days.max).toBeGreaterThanOrEqual(13);
    expect(days.ticks[0]).toBe(0);
    expect(days.ticks.at(-1)).toBe(days.max);
  });

  test('forecastMisses: out of reach, or projected on the wrong side of the target', () => {
    const base = { hasForecast: true, projectedValue: 0.95, target: 0.9, reachable: true };
    expect(forecastMisses({ ...base, unit: 'share' })).toBe(false);
    expect(forecastMisses({ ...base, unit: 'share', projectedValue: 0.88 })).toBe(true);
    expect(forecastMisses({ ...base, unit: 'share', reachable: false })).toBe(true);
    expect(forecastMisses({ ...base, unit: 'share', hasForecast: false, reachable: false })).toBe(
      false,
    );
    expect(
      forecastMisses({ ...base, unit: 'working_days', projectedValue: null, target: 10 }),
    ).toBe(false);
    expect(forecastMisses({ ...base, unit: 'working_days', projectedValue: 11, target: 10 })).toBe(
      true,
    );
  });
});

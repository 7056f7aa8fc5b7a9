import {
  buildCalendar,
  deriveWorkItem,
  londonDate,
  nearestRankPercentile,
  type Threshold,
} from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CatalogueStandard, STANDARDS } from '../src/catalogue/catalogue.js';
import { loadDerivationRules } from '../src/derive/rules.js';
import {
  type DemoOptions,
  generateFeedback,
  generateWorkItems,
  qualityCheckFor,
} from '../src/seed/demo-generator.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const NOW = new Date('2025-12-15T12:00:00Z');
const OPTIONS = { seed: 42, scale: 0.05, from: '2025-08-01', now: NOW };

let a: TestDatabase;
let b: TestDatabase;
let c: TestDatabase;

beforeAll(async () => {
  [a, b, c] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
  await seedDemoData(a.pool, OPTIONS);
  await seedDemoData(b.pool, OPTIONS);
  await seedDemoData(c.pool, { ...OPTIONS, seed: 43 });
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.drop(), b?.drop(), c?.drop()]);
});

async function fingerprint(db: TestDatabase) {
  const { rows } = await db.pool.query<{ w: string; q: string; f: string }>(`
    SELECT
      (SELECT md5(string_agg(concat_ws('|', source_ref, work_type_code, team_id, channel, customer_group,
              received_at, completed_at, elapsed_working_days, within_threshold), ',' ORDER BY source_ref))
         FROM work_item) AS w,
      (SELECT md5(string_agg(concat_ws('|', source_ref, checked_at, passed), ',' ORDER BY source_ref))
         FROM quality_check) AS q,
      (SELECT md5(string_agg(concat_ws('|', source_ref, submitted_at, score, type, comment), ',' ORDER BY source_ref))
         FROM feedback_response) AS f`);
  return rows[0];
}

describe('demo data', () => {
  test('the same seed gives the same rows; another seed gives others', async () => {
    const [fa, fb, fc] = await Promise.all([fingerprint(a), fingerprint(b), fingerprint(c)]);
    expect(fa).toEqual(fb);
    expect(fa?.w).not.toEqual(fc?.w);
    expect(fa?.f).not.toEqual(fc?.f);
  });

  test('plausible volumes per working day for each work type', async () => {
    const { rows } = await a.pool.query<{ work_type_code: string; per_day: number }>(`
      SELECT work_type_code, count(*)::float / count(DISTINCT received_date) AS per_day
        FROM work_item WHERE extract(isodow FROM received_date) < 6 GROUP BY 1`);
    const perDay = Object.fromEntries(rows.map((r) => [r.work_type_code, r.per_day]));
    // Scale 0.05 of about 1,000 calls, 450 trade mark examinations and 100 written enquiries.
    expect(perDay.phone_call).toBeGreaterThan(40);
    expect(perDay.phone_call).toBeLessThan(65);
    expect(perDay.tm_examination).toBeGreaterThan(17);
    expect(perDay.tm_examination).toBeLessThan(30);
    expect(perDay.written_enquiry).toBeGreaterThan(3);
    expect(perDay.written_enquiry).toBeLessThan(8);
    expect(Object.keys(perDay)).toHaveLength(10);
  });

  test('nothing is completed on a weekend, bank holiday or closure day', async () => {
    const calendar = buildCalendar({
      division: 'england_and_wales',
      organisationClosures: ['2025-06-10'],
      from: '2025-01-01',
      to: '2026-12-31',
    });
    const { rows } = await a.pool.query<{ d: string }>(
      'SELECT DISTINCT completed_date AS d FROM work_item WHERE completed_date IS NOT NULL',
    );
    expect(rows.length).toBeGreaterThan(50);
    const closed = rows.map((r) => r.d).filter((d) => !calendar.isWorkingDay(d));
    expect(closed).toEqual([]);
    // The August bank holiday 2025 had online arrivals but no completions.
    expect(rows.map((r) => r.d)).not.toContain('2025-08-25');
  });

  test('derived values stored with each item equal the domain rules', async () => {
    const calendar = buildCalendar({
      division: 'england_and_wales',
      organisationClosures: ['2025-06-10'],
      from: '2025-01-01',
      to: '2027-12-31',
    });
    const thresholds = new Map<string, Threshold>();
    for (const s of STANDARDS) {
      if (s.kind === 'timeliness' && s.threshold)
        for (const w of s.workTypes) thresholds.set(w, s.threshold);
    }
    const { rows } = await a.pool.query(`
      SELECT work_type_code, received_at, completed_at, received_date, completed_date, elapsed_seconds,
             elapsed_working_days, elapsed_calendar_days, within_threshold
        FROM work_item ORDER BY md5(source_ref) LIMIT 2000`);
    for (const r of rows) {
      const expected = deriveWorkItem(
        { receivedAt: r.received_at, completedAt: r.completed_at },
        thresholds.get(r.work_type_code) ?? null,
        calendar,
      );
      expect({
        receivedDate: r.received_date,
        completedDate: r.completed_date,
        elapsedSeconds: r.elapsed_seconds,
        elapsedWorkingDays: r.elapsed_working_days,
        elapsedCalendarDays: r.elapsed_calendar_days,
        withinThreshold: r.within_threshold,
      }).toEqual(expected);
    }
  });

  test('open items exist, and nothing is received or completed after "now"', async () => {
    const { rows } = await a.pool.query<{ open: number; future: number }>(
      `SELECT count(*) FILTER (WHERE completed_at IS NULL) AS open,
              count(*) FILTER (WHERE completed_at > $1 OR received_at > $1) AS future FROM work_item`,
      [NOW],
    );
    expect(rows[0]?.open).toBeGreaterThan(100);
    expect(rows[0]?.future).toBe(0);
  });

  test('the stories are there: calls slipped in Q3 2025-26, individuals are less satisfied', async () => {
    const { rows: calls } = await a.pool.query<{ q3: number; before: number }>(`
      SELECT avg(within_threshold::int) FILTER (WHERE completed_date BETWEEN '2025-10-01' AND '2025-12-14') AS q3,
             avg(within_threshold::int) FILTER (WHERE completed_date BETWEEN '2025-08-01' AND '2025-09-30') AS before
        FROM work_item WHERE work_type_code = 'phone_call'`);
    expect(calls[0]!.before - calls[0]!.q3).toBeGreaterThan(0.08);
    const { rows: groups } = await a.pool.query<{ individual: number; others: number }>(`
      SELECT avg((score >= 4)::int) FILTER (WHERE customer_group = 'individual') AS individual,
             avg((score >= 4)::int) FILTER (WHERE customer_group <> 'individual') AS others
        FROM feedback_response WHERE score IS NOT NULL`);
    expect(groups[0]!.others - groups[0]!.individual).toBeGreaterThan(0.05);
  });

  test('no stored comment holds an email address, phone number or card number', async () => {
    const { rows } = await a.pool.query<{ n: number; redacted: number }>(`
      SELECT count(*) FILTER (WHERE comment ~ '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}'
                                 OR comment ~ '(\\+44|\\m0)[0-9 ]{9,}'
                                 OR comment ~ '[0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4}') AS n,
             count(*) FILTER (WHERE comment LIKE '%removed]%') AS redacted
        FROM feedback_response`);
    expect(rows[0]?.n).toBe(0);
    expect(rows[0]?.redacted).toBeGreaterThan(0);
  });
});

// Three years of demo data at half the usual volumes, generated in memory exactly as the seeder
// writes it: 24 whole months (October 2023 to September 2025) of ordinary running, then the calls
// slip of Q3 2025-26, then the last 100 days before "now".
const LONG_NOW = new Date('2026-03-15T12:00:00Z');
const ORDINARY = { from: '2023-10', to: '2025-09' };
const RECENT_FROM = londonDate(new Date(LONG_NOW.getTime() - 100 * 86_400_000));
const WAITING_ON_THE_PHONE = /waiting on the phone|get through on the phone|hold times/i;

interface Tally {
  n: number;
  successes: number;
  /** Elapsed working days, kept for percentile standards only. */
  days: number[];
}
const tally = (): Tally => ({ n: 0, successes: 0, days: [] });

/** What the tests ask of the long run, gathered while it is generated (not every row kept). */
interface LongRun {
  /** By standard code, then month: the items, checks or responses that count, and successes. */
  monthly: Map<string, Map<string, Tally>>;
  /** Trade mark examinations by month of completion: Team C and the other teams. */
  teams: Map<string, { c: Tally; others: Tally }>;
  /** Items completed in the last 100 days, by work type. */
  recent: Map<string, Tally>;
  /** Comments about waiting on the phone, by month submitted. */
  waiting: Map<string, number>;
}
let long: LongRun;

function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function count(t: Tally, success: boolean, days?: number) {
  t.n++;
  if (success) t.successes++;
  if (days !== undefined) t.days.push(days);
}

async function generateLongRun(): Promise<LongRun> {
  const rules = await loadDerivationRules(a.pool);
  const options: DemoOptions = {
    seed: 42,
    scale: 0.5,
    from: '2023-04-01',
    now: LONG_NOW,
    calendar: rules.calendar('england_and_wales'),
    rules,
  };
  const run: LongRun = {
    monthly: new Map(),
    teams: new Map(),
    recent: new Map(),
    waiting: new Map(),
  };
  const month = (code: string, m: string) =>
    entry(
      entry(run.monthly, code, () => new Map<string, Tally>()),
      m,
      tally,
    );
  const byWorkType = (kind: CatalogueStandard['kind']) => {
    const map = new Map<string, CatalogueStandard>();
    for (const s of STANDARDS) if (s.kind === kind) for (const w of s.workTypes) map.set(w, s);
    return map;
  };
  const timeliness = byWorkType('timeliness');
  const accuracy = byWorkType('accuracy');
  const satisfaction = STANDARDS.filter((s) => s.kind === 'satisfaction');

  let index = 0;
  for (const item of generateWorkItems(options)) {
    const check = qualityCheckFor(item, options, index++);
    const checked = check ? accuracy.get(check.workType) : undefined;
    if (check && checked) {
      count(month(checked.code, londonDate(check.checkedAt).slice(0, 7)), check.passed);
    }
    const d = item.derived;
    const s = timeliness.get(item.workType);
    if (!d.completedDate || !s) continue;
    const m = d.completedDate.slice(0, 7);
    const within = d.withinThreshold === true;
    const days = d.elapsedWorkingDays ?? 0;
    count(month(s.code, m), within, s.measure === 'percentile_turnaround' ? days : undefined);
    if (d.completedDate > RECENT_FROM) count(entry(run.recent, item.workType, tally), within);
    if (item.workType === 'tm_examination') {
      const teams = entry(run.teams, m, () => ({ c: tally(), others: tally() }));
      const t = item.team === 'Examination Team C' ? teams.c : teams.others;
      t.n++;
      t.successes += days;
    }
  }
  for (const f of generateFeedback(options)) {
    const m = londonDate(f.submittedAt).slice(0, 7);
    if (f.score !== null) for (const s of satisfaction) count(month(s.code, m), f.score >= 4);
    if (f.comment !== null && WAITING_ON_THE_PHONE.test(f.comment)) {
      run.waiting.set(m, (run.waiting.get(m) ?? 0) + 1);
    }
  }
  return run;
}

interface MonthResult {
  n: number;
  successes: number;
  value: number;
}

/**
 * A standard's result in each month (measurement.md): items by the month of completion, checks by
 * the month checked, responses by the month submitted; nearest-rank percentiles.
 */
function monthlyResults(standard: CatalogueStandard): Map<string, MonthResult> {
  const results = new Map<string, MonthResult>();
  for (const [month, t] of long.monthly.get(standard.code) ?? []) {
    const value =
      standard.measure === 'percentile_turnaround'
        ? (nearestRankPercentile(t.days, standard.percentile ?? 90) ?? Number.NaN)
        : t.successes / t.n;
    results.set(month, { n: t.n, successes: t.successes, value });
  }
  return results;
}

function ordinaryMonths<T>(results: Map<string, T>): T[] {
  return [...results.entries()]
    .filter(([m]) => m >= ORDINARY.from && m <= ORDINARY.to)
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([, r]) => r);
}

function standardDeviation(values: number[]): number {
  const mean = values.reduce((t, v) => t + v, 0) / values.length;
  return Math.sqrt(values.reduce((t, v) => t + (v - mean) ** 2, 0) / (values.length - 1));
}

/**
 * How much more the monthly shares vary than chance alone would make them: the Pearson
 * chi-square of the months against one common share, over its degrees of freedom. About 1 when
 * every month has the same underlying share (a flat line plus sampling noise), more when the
 * months really differ.
 */
function dispersion(months: MonthResult[]): number {
  const n = months.reduce((t, m) => t + m.n, 0);
  const p = months.reduce((t, m) => t + m.successes, 0) / n;
  const chi = months.reduce((t, m) => t + (m.successes - m.n * p) ** 2 / (m.n * p * (1 - p)), 0);
  return chi / (months.length - 1);
}

const standard = (code: string) => {
  const s = STANDARDS.find((x) => x.code === code);
  if (!s) throw new Error(`no standard ${code}`);
  return s;
};

describe('demo data over three years', () => {
  beforeAll(async () => {
    long = await generateLongRun();
  }, 120_000);

  test.each(STANDARDS.map((s) => [s.code, s] as const))(
    '%s varies from month to month as real operations do',
    (_code, s) => {
      const months = ordinaryMonths(monthlyResults(s));
      expect(months).toHaveLength(24);
      const values = months.map((m) => m.value);
      if (s.measure === 'percentile_turnaround') {
        // Whole working days: no single value in more than two thirds of the months, and at
        // least three different values.
        const counts = new Map<number, number>();
        for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
        expect(Math.max(...counts.values())).toBeLessThanOrEqual(16);
        expect(counts.size).toBeGreaterThanOrEqual(3);
      } else {
        // Shares move by at least half a point from month to month...
        expect(standardDeviation(values)).toBeGreaterThan(0.005);
        // ...and, where the volumes are large enough for chance to be small, by more than
        // chance alone: the underlying performance drifts.
        const perMonth = months.reduce((t, m) => t + m.n, 0) / months.length;
        if (perMonth >= 150) expect(dispersion(months)).toBeGreaterThan(1.3);
      }
    },
  );

  test('calls met the target every ordinary month and missed it each month of Q3 2025-26', () => {
    const results = monthlyResults(standard('csc-calls'));
    for (const m of ordinaryMonths(results)) expect(m.value).toBeGreaterThanOrEqual(0.9);
    const quarter = ['2025-10', '2025-11', '2025-12'].map((m) => results.get(m) as MonthResult);
    for (const m of quarter) expect(m.value).toBeLessThan(0.88);
    const share =
      quarter.reduce((t, m) => t + m.successes, 0) / quarter.reduce((t, m) => t + m.n, 0);
    expect(share).toBeGreaterThan(0.76);
    expect(share).toBeLessThan(0.88);
  });

  test('written enquiries were above 95% in each of the 12 months before the target rose', () => {
    const results = monthlyResults(standard('csc-written'));
    for (let i = 0; i < 12; i++) {
      const month = new Date(Date.UTC(2024, 9 + i, 1)).toISOString().slice(0, 7);
      expect(results.get(month)?.value, month).toBeGreaterThanOrEqual(0.95);
    }
  });

  test('Examination Team C takes about two working days longer than A and B, every month', () => {
    const months = ordinaryMonths(long.teams);
    expect(months).toHaveLength(24);
    for (const { c, others } of months) {
      const gap = c.successes / c.n - others.successes / others.n;
      expect(gap).toBeGreaterThan(1.5);
      expect(gap).toBeLessThan(3);
    }
  });

  test('in the last 100 days complaints miss their target and written enquiries are near', () => {
    const share = (workType: string) => {
      const t = long.recent.get(workType) ?? tally();
      return t.successes / t.n;
    };
    // Complaints: target 90%, tolerance 2 points; written enquiries: 95% since October 2025.
    expect(share('complaint')).toBeLessThan(0.88);
    expect(share('written_enquiry')).toBeGreaterThanOrEqual(0.93);
    expect(share('written_enquiry')).toBeLessThan(0.95);
  });

  test('comments about waiting on the phone are far more common while the calls slipped', () => {
    const quarter = (months: string[]) =>
      months.reduce((t, m) => t + (long.waiting.get(m) ?? 0), 0);
    const before = quarter(['2025-07', '2025-08', '2025-09']);
    const during = quarter(['2025-10', '2025-11', '2025-12']);
    expect(during).toBeGreaterThan(1.5 * before);
  });
});

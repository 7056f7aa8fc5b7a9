import { buildCalendar, deriveWorkItem, type Threshold } from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STANDARDS } from '../src/catalogue/catalogue.js';
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

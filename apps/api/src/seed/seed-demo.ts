import { londonDate } from '@ipo/domain';
import type pg from 'pg';
import { WORK_ITEM_COLUMNS } from '../db/columns.js';
import { copyRows, withBulkLoad } from '../db/copy.js';
import { DEMO_SEED_LOCK } from '../db/locks.js';
import { withTransaction } from '../db/transaction.js';
import { loadDerivationRules } from '../derive/rules.js';
import { loadTaxonomy } from '../feedback/taxonomy.js';
import { applyFeedbackText, type FeedbackText } from '../feedback/text.js';
import { FEEDBACK_TEAMS } from './demo-feedback.js';
import {
  type FeedbackRow,
  generateFeedback,
  generateWorkItems,
  type QualityCheckRow,
  qualityCheckFor,
  type WorkItemRow,
} from './demo-generator.js';
import { WORK_PROFILES } from './demo-profiles.js';

export const DEMO_SOURCE = 'demo';

export interface SeedOptions {
  seed: number;
  scale: number;
  /** First day of demo data. Default: 1 April of the financial year two years before today. */
  from?: string;
  now?: Date;
  /** Delete earlier demo rows first (`pnpm seed`). */
  reset?: boolean;
  log?: (message: string) => void;
}

export interface SeedResult {
  workItems: number;
  qualityChecks: number;
  feedback: number;
  seconds: number;
  rowsPerSecond: number;
}

const DEMO_CLOSURE = {
  date: '2025-06-10',
  reason: 'Interrupted day: online filing services unavailable (demo data)',
};

/** The default start: 1 April two financial years before the one containing `today`. */
export function defaultDemoStart(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const fyStart = month >= 4 ? year : year - 1;
  return `${fyStart - 2}-04-01`;
}

export async function seedDemoDataIfEmpty(pool: pg.Pool, options: SeedOptions) {
  const { rows } = await pool.query<{ empty: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM work_item) AND NOT EXISTS (SELECT 1 FROM feedback_response)
       AND NOT EXISTS (SELECT 1 FROM quality_check) AS empty`,
  );
  if (!rows[0]?.empty) return null;
  return seedDemoData(pool, options);
}

/**
 * Writes realistic demo data in one transaction with COPY: a crash leaves nothing half-written,
 * and the next start simply seeds again.
 */
export async function seedDemoData(pool: pg.Pool, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const today = londonDate(now);
  const from = options.from ?? defaultDemoStart(today);
  const started = performance.now();
  log(
    `Seeding demo data from ${from} to ${today} (scale ${options.scale}, seed ${options.seed})...`,
  );

  // One seeder at a time (two replicas starting on an empty database).
  const { workItems, qualityChecks, feedback } = await withTransaction(
    pool,
    (client) => writeDemoRows(client, options, from, now, log),
    { lock: DEMO_SEED_LOCK },
  );
  await pool.query('ANALYZE work_item, quality_check, feedback_response');
  const seconds = (performance.now() - started) / 1000;
  const total = workItems + qualityChecks + feedback;
  const rowsPerSecond = Math.round(total / seconds);
  log(
    `Demo data written: ${total.toLocaleString('en-GB')} rows in ${seconds.toFixed(1)} s (${rowsPerSecond.toLocaleString('en-GB')} rows/s)`,
  );
  return { workItems, qualityChecks, feedback, seconds, rowsPerSecond };
}

/** Writes the demo rows inside the seeder's transaction; answers how many of each. */
async function writeDemoRows(
  client: pg.ClientBase,
  options: SeedOptions,
  from: string,
  now: Date,
  log: (message: string) => void,
): Promise<{ workItems: number; qualityChecks: number; feedback: number }> {
  if (options.reset) {
    for (const table of ['quality_check', 'feedback_response', 'work_item']) {
      await client.query(`DELETE FROM ${table} WHERE source = $1`, [DEMO_SOURCE]);
    }
  }
  await client.query(
    `INSERT INTO closure_day (date, scope, reason, source, created_by)
     VALUES ($1, 'organisation', $2, 'admin', 'demo data') ON CONFLICT (date, scope) DO NOTHING`,
    [DEMO_CLOSURE.date, DEMO_CLOSURE.reason],
  );
  await addDemoTargetChange(client);

  const rules = await loadDerivationRules(client);
  const calendar = rules.calendar('england_and_wales');
  const demo = { seed: options.seed, scale: options.scale, from, now, calendar, rules };
  const teams = await ensureTeams(client);
  const teamId = (service: string, name: string) => teams.get(`${service}/${name}`) ?? null;

  const checks: QualityCheckRow[] = [];
  let index = 0;
  const workItems = await withBulkLoad(client, 'work_item', () =>
    copyRows(
      client,
      'work_item',
      ['source', 'source_ref', ...WORK_ITEM_COLUMNS],
      generateWorkItems(demo),
      (r: WorkItemRow) => {
        const check = qualityCheckFor(r, demo, index++);
        if (check) checks.push(check);
        return [
          DEMO_SOURCE,
          r.sourceRef,
          r.workType,
          r.service,
          teamId(r.service, r.team),
          r.channel,
          r.customerGroup,
          r.receivedAt,
          r.completedAt,
          r.derived.receivedDate,
          r.derived.completedDate,
          r.derived.elapsedSeconds,
          r.derived.elapsedWorkingDays,
          r.derived.elapsedCalendarDays,
          r.derived.withinThreshold,
          rules.version,
        ];
      },
    ),
  );
  log(`  ${workItems.toLocaleString('en-GB')} work items`);

  const qualityChecks = await withBulkLoad(client, 'quality_check', () =>
    copyRows(
      client,
      'quality_check',
      [
        'source',
        'source_ref',
        'work_type_code',
        'service_code',
        'team_id',
        'checked_at',
        'checked_date',
        'passed',
        'error_category',
      ],
      checks,
      (c) => [
        DEMO_SOURCE,
        c.sourceRef,
        c.workType,
        c.service,
        teamId(c.service, c.team),
        c.checkedAt,
        londonDate(c.checkedAt),
        c.passed,
        c.errorCategory,
      ],
    ),
  );
  log(`  ${qualityChecks.toLocaleString('en-GB')} quality checks`);

  // Redaction, themes and sentiment exactly as imports apply them; templates repeat, so each
  // distinct text is analysed once.
  const taxonomy = await loadTaxonomy(client);
  const analysed = new Map<string, FeedbackText>();
  const textOf = (comment: string | null) => {
    if (comment === null) return applyFeedbackText(null, taxonomy);
    const known = analysed.get(comment);
    if (known) return known;
    const t = applyFeedbackText(comment, taxonomy);
    analysed.set(comment, t);
    return t;
  };
  const feedback = await withBulkLoad(client, 'feedback_response', () =>
    copyRows(
      client,
      'feedback_response',
      [
        'source',
        'source_ref',
        'submitted_at',
        'submitted_date',
        'service_code',
        'team_id',
        'channel',
        'customer_group',
        'score',
        'type',
        'comment',
        'themes',
        'sentiment',
      ],
      generateFeedback(demo),
      (f: FeedbackRow) => {
        const text = textOf(f.comment);
        return [
          DEMO_SOURCE,
          f.sourceRef,
          f.submittedAt,
          londonDate(f.submittedAt),
          f.service,
          teamId(f.service, f.team),
          f.channel,
          f.customerGroup,
          f.score,
          f.type,
          text.comment,
          `{${text.themes.join(',')}}`,
          text.sentiment,
        ];
      },
    ),
  );
  log(`  ${feedback.toLocaleString('en-GB')} feedback responses`);
  return { workItems, qualityChecks, feedback };
}

async function ensureTeams(client: pg.ClientBase): Promise<Map<string, number>> {
  const wanted = new Set<string>();
  for (const p of WORK_PROFILES) for (const [team] of p.teams) wanted.add(`${p.service}/${team}`);
  for (const [service, teams] of Object.entries(FEEDBACK_TEAMS)) {
    for (const [team] of teams) wanted.add(`${service}/${team}`);
  }
  for (const key of wanted) {
    const [service, name] = key.split('/') as [string, string];
    await client.query(
      'INSERT INTO team (service_code, name) VALUES ($1, $2) ON CONFLICT (service_code, name) DO NOTHING',
      [service, name],
    );
  }
  const { rows } = await client.query<{ id: number; service_code: string; name: string }>(
    'SELECT id, service_code, name FROM team',
  );
  return new Map(rows.map((r) => [`${r.service_code}/${r.name}`, r.id]));
}

/**
 * A mid-year target change for the demo: the written-enquiries target rose from 90% to 95% on
 * 1 October 2025, so charts show the step and periods are judged by the version in force.
 */
async function addDemoTargetChange(client: pg.ClientBase) {
  const { rows } = await client.query<{ id: number; versions: number }>(
    `SELECT s.id, count(t.id)::int AS versions FROM standard s
       LEFT JOIN target_version t ON t.standard_id = s.id
      WHERE s.code = 'csc-written' GROUP BY s.id`,
  );
  const standard = rows[0];
  // Only once: no standard, or its target already changed.
  if (standard?.versions !== 1) return;
  await client.query(
    `UPDATE target_version SET effective_to = '2025-09-30' WHERE standard_id = $1`,
    [standard.id],
  );
  await client.query(
    `INSERT INTO target_version (standard_id, effective_from, target, tolerance, changed_by, reason)
     VALUES ($1, '2025-10-01', 0.95, 0.02, 'Head of Customer Support (demo data)',
             'Raised after a year of replies consistently above 95% within 5 working days')`,
    [standard.id],
  );
}

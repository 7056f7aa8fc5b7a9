/**
 * The rows behind the protected feedback tables (feedback/disclosure.ts): responses grouped as
 * finely as the tables go, the organisation's services and teams, the theme codes.
 */
import type { IsoDate } from '@ipo/domain';
import { inTurn, type Queryable } from '../db/queryable.js';
import { Params } from './feedback-filters.js';

export interface AtomRow {
  month: string;
  service: string;
  team: number | null;
  channel: string;
  customer_group: string;
  type: string;
  theme?: string;
  responses: number;
  scored: number;
  satisfied: number;
  score_sum: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
  with_sentiment: number;
  sentiment_sum: number;
  comments: number;
}

const MEASURE_SQL = `count(*)::int AS responses, count(f.score)::int AS scored,
  count(*) FILTER (WHERE f.score >= 4)::int AS satisfied, coalesce(sum(f.score), 0)::int AS score_sum,
  count(*) FILTER (WHERE f.score = 1)::int AS s1, count(*) FILTER (WHERE f.score = 2)::int AS s2,
  count(*) FILTER (WHERE f.score = 3)::int AS s3, count(*) FILTER (WHERE f.score = 4)::int AS s4,
  count(*) FILTER (WHERE f.score = 5)::int AS s5, count(f.sentiment)::int AS with_sentiment,
  coalesce(sum(f.sentiment), 0)::float AS sentiment_sum, count(f.comment)::int AS comments`;

/** The finest groups of responses of the months from..to (inclusive, whole months). */
export async function feedbackAtoms(
  db: Queryable,
  from: IsoDate,
  to: IsoDate,
  themes: 'none' | 'all' | string,
): Promise<AtomRow[]> {
  const p = new Params();
  const where = [`f.submitted_date BETWEEN ${p.add(from)}::date AND ${p.add(to)}::date`];
  let join = '';
  let themeColumn = '';
  if (themes !== 'none') {
    join = 'CROSS JOIN LATERAL unnest(f.themes) AS th(code)';
    themeColumn = ', th.code AS theme';
    if (themes !== 'all') where.push(`th.code = ${p.add(themes)}`);
  }
  const { rows } = await db.query<AtomRow>(
    `SELECT to_char(f.submitted_date, 'YYYY-MM') AS month, f.service_code AS service,
            f.team_id AS team, f.channel::text AS channel, f.customer_group::text AS customer_group,
            f.type::text AS type${themeColumn}, ${MEASURE_SQL}
       FROM feedback_response f ${join}
      WHERE ${where.join(' AND ')}
      GROUP BY month, service, team, channel, customer_group, type${themeColumn ? ', theme' : ''}`,
    p.values,
  );
  return rows;
}

/** Every service and team, for the organisation hierarchy. */
export async function organisationRows(db: Queryable) {
  const [services, teams] = await inTurn(
    () => db.query<{ code: string }>('SELECT code FROM service ORDER BY code'),
    () =>
      db.query<{ id: number; service_code: string }>(
        'SELECT id, service_code FROM team ORDER BY service_code, id',
      ),
  );
  return { services: services.rows, teams: teams.rows };
}

/** The codes of the theme taxonomy. */
export async function themeCodes(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM theme ORDER BY code');
  return rows.map((r) => r.code);
}

/** Which database this is: one process may serve (or test) several, whose versions can coincide. */
export async function databaseIdentity(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT current_database() || '@' || coalesce(inet_server_port()::text, 'socket') AS id`,
  );
  return rows[0]?.id ?? '';
}

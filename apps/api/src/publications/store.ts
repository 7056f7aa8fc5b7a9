import type {
  Publication,
  PublicationReviewResponse,
  PublicationReviewRow,
  PublishedValue,
} from '@ipo/contracts';
import { addDays, type IsoDate, londonDate, type Period, parsePeriod } from '@ipo/domain';
import type pg from 'pg';
import { recordAudit } from '../admin/audit.js';
import type { Actor } from '../auth/access-plugin.js';
import type { Queryable } from '../db/queryable.js';
import { withSnapshot } from '../db/snapshot.js';
import { withTransaction } from '../db/transaction.js';
import { HttpError } from '../plugins/errors.js';
import { buildScorecard } from '../standards/scorecard.js';
import {
  headline,
  type PublicFigure,
  PublicFigureSchema,
  publicFigures,
  sameAsShown,
  TrendSchema,
} from './figures.js';

/**
 * Publications (decision 13): a closed month or quarter's public figures, frozen as the
 * scorecard computed them when a manager published them. Rows are only ever inserted (the API's
 * role may not update or delete them, and a trigger refuses it to everyone): a revision is a new
 * version of the period.
 */

/** A publication as stored, before it is told whether a later version exists. */
interface PublicationRow {
  id: number;
  period: string;
  period_label: string;
  period_start: string;
  period_end: string;
  version: number;
  published_at: Date;
  published_by: string;
  published_by_name: string;
  data_as_of: Date | null;
  reason: string | null;
  current: boolean;
}

/** A published "you said, we did" action, public fields only. */
export interface PublishedAction {
  themeName: string;
  title: string;
  description: string;
  status: 'planned' | 'in_progress' | 'done';
  startedOn: IsoDate | null;
  completedOn: IsoDate | null;
}

/** One version of a period, with what it froze. */
export interface PublicationDetail {
  publication: Publication;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  figures: (PublicFigure & { revised: boolean })[];
  actions: PublishedAction[];
}

const PUBLICATION_COLUMNS = `p.id, p.period, p.period_label, p.period_start, p.period_end, p.version,
  p.published_at, p.published_by, p.published_by_name, p.data_as_of, p.reason,
  p.version = max(p.version) OVER (PARTITION BY p.period) AS current`;

function toPublication(r: PublicationRow): Publication {
  return {
    id: r.id,
    period: r.period,
    periodLabel: r.period_label,
    version: r.version,
    publishedAt: r.published_at.toISOString(),
    publishedBy: r.published_by_name.trim() || r.published_by,
    dataAsOf: r.data_as_of ? r.data_as_of.toISOString() : null,
    reason: r.reason,
    current: r.current,
  };
}

// ---------------------------------------------------------------------------------------------
// Periods that may be published

/**
 * A month or financial-year quarter, from its id: 422 naming `period` for anything else (a year,
 * a week, a date, nonsense) and, when `closed` is asked for, for a period whose last day is not
 * yet before today in London.
 */
export function publishablePeriod(id: string, today: IsoDate, closed: boolean): Period {
  let period: Period;
  try {
    period = parsePeriod(id);
  } catch {
    throw periodError('must be a month (2026-10) or a financial-year quarter (2026-27-Q2)');
  }
  if (period.granularity !== 'month' && period.granularity !== 'quarter') {
    throw periodError(
      `must be a month (2026-10) or a financial-year quarter (2026-27-Q2), not a ${period.granularity}`,
    );
  }
  if (period.start < '2000-01-01') throw periodError('must be a period from 2000 onwards');
  if (closed && !isClosed(period, today)) {
    const from = addDays(period.end, 1);
    throw periodError(
      `${period.label} has not ended yet: it can be published from ${dayFormat.format(new Date(`${from}T12:00:00Z`))}`,
    );
  }
  return period;
}

/** Closed: its last day is before today (Europe/London). */
export function isClosed(period: Period, today: IsoDate): boolean {
  return period.end < today;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function periodError(message: string): HttpError {
  return new HttpError(422, `period: ${message}`, [{ field: 'period', message }]);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Every publication, newest first. */
export async function listPublications(db: Queryable): Promise<Publication[]> {
  const { rows } = await db.query<PublicationRow>(
    `SELECT ${PUBLICATION_COLUMNS} FROM publication p ORDER BY p.published_at DESC, p.id DESC`,
  );
  return rows.map(toPublication);
}

/** Every version of one period, oldest first; empty when it was never published. */
export async function versionsOf(db: Queryable, period: string): Promise<Publication[]> {
  const { rows } = await db.query<PublicationRow>(
    `SELECT ${PUBLICATION_COLUMNS} FROM publication p WHERE p.period = $1 ORDER BY p.version`,
    [period],
  );
  return rows.map(toPublication);
}

interface FigureRow {
  publication_id: number;
  standard_code: string;
  position: number;
  title: string;
  kind: string;
  unit: string;
  value: number | null;
  n: number;
  withheld: boolean;
  status: string;
  low_volume: boolean;
  target_value: number | null;
  target_tolerance: number | null;
  target_words: string;
  ytd_start: string;
  ytd_end: string;
  ytd_value: number | null;
  ytd_n: number;
  ytd_withheld: boolean;
  ytd_status: string;
  trend: unknown;
  revised: boolean;
}

/** The figures of the given publications, by publication, in the scorecard's order. */
async function figuresOf(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, (PublicFigure & { revised: boolean })[]>> {
  const out = new Map<number, (PublicFigure & { revised: boolean })[]>();
  if (!ids.length) return out;
  const { rows } = await db.query<FigureRow>(
    `SELECT * FROM publication_figure WHERE publication_id = ANY($1::int[])
      ORDER BY publication_id, position`,
    [ids],
  );
  for (const r of rows) {
    const figure = PublicFigureSchema.parse({
      standardCode: r.standard_code,
      position: r.position,
      title: r.title,
      kind: r.kind,
      unit: r.unit,
      value: r.value,
      n: r.n,
      withheld: r.withheld,
      status: r.status,
      lowVolume: r.low_volume,
      targetValue: r.target_value,
      targetTolerance: r.target_tolerance,
      targetWords: r.target_words,
      ytd: {
        start: r.ytd_start,
        end: r.ytd_end,
        value: r.ytd_value,
        n: r.ytd_n,
        withheld: r.ytd_withheld,
        status: r.ytd_status,
      },
      trend: TrendSchema.parse(r.trend),
    });
    const list = out.get(r.publication_id) ?? [];
    list.push({ ...figure, revised: r.revised });
    out.set(r.publication_id, list);
  }
  return out;
}

interface ActionRow {
  publication_id: number;
  theme_name: string;
  title: string;
  description: string;
  status: PublishedAction['status'];
  started_on: string | null;
  completed_on: string | null;
}

async function actionsOf(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, PublishedAction[]>> {
  const out = new Map<number, PublishedAction[]>();
  if (!ids.length) return out;
  const { rows } = await db.query<ActionRow>(
    `SELECT publication_id, theme_name, title, description, status, started_on, completed_on
       FROM publication_action WHERE publication_id = ANY($1::int[])
      ORDER BY publication_id, position`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.publication_id) ?? [];
    list.push({
      themeName: r.theme_name,
      title: r.title,
      description: r.description,
      status: r.status,
      startedOn: r.started_on,
      completedOn: r.completed_on,
    });
    out.set(r.publication_id, list);
  }
  return out;
}

/** Publications with what they froze, in the order of `publications`. */
export async function detailsOf(
  db: Queryable,
  publications: readonly Publication[],
): Promise<PublicationDetail[]> {
  const ids = publications.map((p) => p.id);
  const { rows } = await db.query<{ id: number; period_start: string; period_end: string }>(
    'SELECT id, period_start, period_end FROM publication WHERE id = ANY($1::int[])',
    [ids],
  );
  const ranges = new Map(rows.map((r) => [r.id, r]));
  const figures = await figuresOf(db, ids);
  const actions = await actionsOf(db, ids);
  return publications.map((publication) => ({
    publication,
    periodStart: ranges.get(publication.id)?.period_start ?? '',
    periodEnd: ranges.get(publication.id)?.period_end ?? '',
    figures: figures.get(publication.id) ?? [],
    actions: actions.get(publication.id) ?? [],
  }));
}

/** The current (latest) version of every published period, the latest period first. */
export async function currentPublications(db: Queryable): Promise<Publication[]> {
  const { rows } = await db.query<PublicationRow>(
    `SELECT * FROM (SELECT ${PUBLICATION_COLUMNS} FROM publication p) v
      WHERE v.current ORDER BY v.period_end DESC, v.period_start DESC, v.id DESC`,
  );
  return rows.map(toPublication);
}

// ---------------------------------------------------------------------------------------------
// Review: the figures as they stand now beside the latest publication

export async function reviewPeriod(
  pool: pg.Pool,
  periodId: string,
  now: Date,
): Promise<PublicationReviewResponse> {
  const today = londonDate(now);
  const period = publishablePeriod(periodId, today, false);
  return withSnapshot(pool, async (client) => {
    const versions = await versionsOf(client, period.id);
    const latest = versions.at(-1) ?? null;
    const published = latest ? ((await figuresOf(client, [latest.id])).get(latest.id) ?? []) : [];
    const card = await buildScorecard(client, { period, now, today });
    const rows: PublicationReviewRow[] = publicFigures(card).map((figure) => {
      const before = published.find((f) => f.standardCode === figure.standardCode);
      const current = headline(figure);
      const publishedValue: PublishedValue | null = before ? headline(before) : null;
      return {
        standardCode: figure.standardCode,
        title: figure.title,
        unit: figure.unit,
        target: figure.targetWords,
        published: publishedValue,
        current,
        // A standard added since the last publication is a change too.
        changed:
          latest !== null && !(publishedValue && sameAsShown(publishedValue, current, figure.unit)),
      };
    });
    return {
      period: period.id,
      periodLabel: period.label,
      closed: isClosed(period, today),
      latest,
      changedCount: rows.filter((r) => r.changed).length,
      rows,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Publishing

export interface Publisher {
  actor: Actor;
  userId: number | null;
  /** Shown as `publishedBy`. */
  name: string;
}

/** PostgreSQL's unique_violation: another version of the period was published meanwhile. */
const UNIQUE_VIOLATION = '23505';

/**
 * Publishes a closed period: the first version, or a revision when the figures shown to the
 * public changed since the latest version (with a reason). The scorecard's own code computes the
 * figures, in the same transaction (one snapshot) that stores them and writes the audit row.
 */
export async function publish(
  pool: pg.Pool,
  input: { period: string; reason?: string | undefined },
  publisher: Publisher,
  now: Date,
): Promise<Publication> {
  const today = londonDate(now);
  const period = publishablePeriod(input.period, today, true);
  const reason = input.reason?.trim() || null;
  try {
    return await withTransaction(
      pool,
      async (client) => {
        const versions = await versionsOf(client, period.id);
        const latest = versions.at(-1) ?? null;
        if (latest && !reason) {
          throw new HttpError(
            422,
            `reason: ${period.label} was published as version ${latest.version}; say why it is revised`,
            [{ field: 'reason', message: 'enter why the published figures are revised' }],
          );
        }
        const card = await buildScorecard(client, { period, now, today });
        if (card.recalculating) {
          throw new HttpError(
            409,
            'The figures are being recalculated after a change of the rules. Publish when it has finished.',
            undefined,
            { 'retry-after': '30' },
          );
        }
        const figures = publicFigures(card);
        let revised = new Set<string>();
        if (latest) {
          const before = new Map(
            ((await figuresOf(client, [latest.id])).get(latest.id) ?? []).map((f) => [
              f.standardCode,
              f,
            ]),
          );
          revised = new Set(
            figures
              .filter((f) => {
                const was = before.get(f.standardCode);
                return !was || !sameAsShown(headline(was), headline(f), f.unit);
              })
              .map((f) => f.standardCode),
          );
          if (revised.size === 0) {
            throw new HttpError(
              409,
              `Nothing changed since version ${latest.version}: the figures of ${period.label} are as published on ${londonDate(new Date(latest.publishedAt))}.`,
            );
          }
        }
        const version = (latest?.version ?? 0) + 1;
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO publication (period, period_label, period_start, period_end, version,
                                    published_at, published_by, published_by_name,
                                    published_by_user_id, data_as_of, reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            period.id,
            period.label,
            period.start,
            period.end,
            version,
            now,
            publisher.actor.actor,
            publisher.name,
            publisher.userId,
            card.dataAsOf,
            latest ? reason : null,
          ],
        );
        const id = rows[0]!.id;
        await insertFigures(client, id, figures, revised);
        const actions = await insertActions(client, id);
        await recordAudit(client, {
          actor: publisher.actor.actor,
          requestId: publisher.actor.requestId,
          address: publisher.actor.address,
          action: latest ? 'publication.revise' : 'publication.publish',
          entity: 'publication',
          entityId: String(id),
          details: {
            period: period.id,
            version,
            reason: latest ? reason : null,
            dataAsOf: card.dataAsOf,
            standards: figures.length,
            actions,
            ...(latest ? { previousVersion: latest.version, revised: [...revised] } : {}),
          },
        });
        const [publication] = await versionsOf(client, period.id).then((all) =>
          all.filter((p) => p.id === id),
        );
        return publication!;
      },
      { isolation: 'repeatable read' },
    );
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) {
      throw new HttpError(
        409,
        `${period.label} was published by someone else at the same moment. Review the figures again.`,
      );
    }
    throw error;
  }
}

async function insertFigures(
  client: pg.ClientBase,
  publicationId: number,
  figures: readonly PublicFigure[],
  revised: ReadonlySet<string>,
): Promise<void> {
  if (!figures.length) return;
  // One statement: each column as an array, unnested together.
  const column = <T>(pick: (f: PublicFigure) => T) => figures.map(pick);
  await client.query(
    `INSERT INTO publication_figure (publication_id, standard_code, position, title, kind, unit,
        value, n, withheld, status, low_volume, target_value, target_tolerance, target_words,
        ytd_start, ytd_end, ytd_value, ytd_n, ytd_withheld, ytd_status, trend, revised)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
        $7::float8[], $8::int[], $9::bool[], $10::text[], $11::bool[], $12::float8[],
        $13::float8[], $14::text[], $15::date[], $16::date[], $17::float8[], $18::int[],
        $19::bool[], $20::text[], $21::jsonb[], $22::bool[])`,
    [
      publicationId,
      column((f) => f.standardCode),
      column((f) => f.position),
      column((f) => f.title),
      column((f) => f.kind),
      column((f) => f.unit),
      column((f) => f.value),
      column((f) => f.n),
      column((f) => f.withheld),
      column((f) => f.status),
      column((f) => f.lowVolume),
      column((f) => f.targetValue),
      column((f) => f.targetTolerance),
      column((f) => f.targetWords),
      column((f) => f.ytd.start),
      column((f) => f.ytd.end),
      column((f) => f.ytd.value),
      column((f) => f.ytd.n),
      column((f) => f.ytd.withheld),
      column((f) => f.ytd.status),
      column((f) => JSON.stringify(TrendSchema.parse(f.trend))),
      column((f) => revised.has(f.standardCode)),
    ],
  );
}

/**
 * The "you said, we did" actions marked for publishing, as they stand: the theme (what customers
 * said), the action's title and description (what was done), its status and dates. Never the
 * team, the owner or any comment. Latest first, as the dashboard lists them. Answers how many.
 */
async function insertActions(client: pg.ClientBase, publicationId: number): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO publication_action (publication_id, position, action_id, theme_name, title,
                                     description, status, started_on, completed_on)
     SELECT $1, row_number() OVER (ORDER BY coalesce(a.completed_on, a.started_on) DESC NULLS LAST,
                                            a.id DESC),
            a.id, coalesce(t.name, a.theme_code), a.title, a.description, a.status::text,
            a.started_on, a.completed_on
       FROM action a LEFT JOIN theme t ON t.code = a.theme_code
      WHERE a.published`,
    [publicationId],
  );
  return rowCount ?? 0;
}

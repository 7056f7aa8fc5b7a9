import type { Action, ActionInputSchema } from '@ipo/contracts';
import type { z } from 'zod';
import type { Queryable } from '../derive/rules.js';
import { HttpError } from '../plugins/errors.js';

type ActionInput = z.output<typeof ActionInputSchema>;

interface Row {
  id: number;
  theme_code: string;
  theme_name: string | null;
  title: string;
  description: string;
  owner: string;
  status: Action['status'];
  started_on: string | null;
  completed_on: string | null;
  published: boolean;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT a.id, a.theme_code, t.name AS theme_name, a.title, a.description, a.owner,
  a.status, a.started_on, a.completed_on, a.published, a.created_at, a.updated_at
  FROM action a LEFT JOIN theme t ON t.code = a.theme_code`;

const toAction = (r: Row): Action => ({
  id: r.id,
  themeCode: r.theme_code,
  themeName: r.theme_name,
  title: r.title,
  description: r.description,
  owner: r.owner,
  status: r.status,
  startedOn: r.started_on,
  completedOn: r.completed_on,
  published: r.published,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listActions(
  db: Queryable,
  q: { published?: boolean | undefined; theme?: string | undefined },
): Promise<Action[]> {
  const { rows } = await db.query<Row>(
    `${SELECT} WHERE ($1::boolean IS NULL OR a.published = $1) AND ($2::text IS NULL OR a.theme_code = $2)
      ORDER BY coalesce(a.completed_on, a.started_on) DESC NULLS LAST, a.id DESC`,
    [q.published ?? null, q.theme ?? null],
  );
  return rows.map(toAction);
}

export async function getAction(db: Queryable, id: number): Promise<Action> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE a.id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new HttpError(404, `No action ${id}`);
  return toAction(row);
}

async function assertTheme(db: Queryable, code: string) {
  const { rowCount } = await db.query('SELECT 1 FROM theme WHERE code = $1', [code]);
  if (!rowCount) {
    throw new HttpError(400, `themeCode: no theme ${code}`, [
      { field: 'themeCode', message: `no theme ${code}` },
    ]);
  }
}

export async function createAction(db: Queryable, a: ActionInput): Promise<Action> {
  await assertTheme(db, a.themeCode);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO action (theme_code, title, description, owner, status, started_on, completed_on, published)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      a.themeCode,
      a.title,
      a.description,
      a.owner,
      a.status,
      a.startedOn,
      a.completedOn,
      a.published,
    ],
  );
  return getAction(db, rows[0]?.id as number);
}

export async function updateAction(db: Queryable, id: number, a: ActionInput): Promise<Action> {
  await assertTheme(db, a.themeCode);
  const { rowCount } = await db.query(
    `UPDATE action SET theme_code = $2, title = $3, description = $4, owner = $5, status = $6,
            started_on = $7, completed_on = $8, published = $9, updated_at = now()
      WHERE id = $1`,
    [
      id,
      a.themeCode,
      a.title,
      a.description,
      a.owner,
      a.status,
      a.startedOn,
      a.completedOn,
      a.published,
    ],
  );
  if (!rowCount) throw new HttpError(404, `No action ${id}`);
  return getAction(db, id);
}

export async function deleteAction(db: Queryable, id: number): Promise<void> {
  const { rowCount } = await db.query('DELETE FROM action WHERE id = $1', [id]);
  if (!rowCount) throw new HttpError(404, `No action ${id}`);
}

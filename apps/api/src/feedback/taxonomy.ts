import type pg from 'pg';
import { recordAudit } from '../admin/audit.js';
import { TAXONOMY_LOCK } from '../db/locks.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Queryable } from '../db/queryable.js';
import { LockTimeoutError, withTransaction } from '../db/transaction.js';
import { HttpError } from '../plugins/errors.js';
import {
  deleteTheme as deleteThemeRow,
  distinctCommentTexts,
  insertTheme,
  setCommentThemes,
  themeActionCount,
  themeRecords,
  updateTheme as updateThemeRow,
} from '../queries/taxonomy.js';
import { type CompiledTaxonomy, compileTaxonomy, matchThemes, type ThemeDef } from './text.js';

export interface ThemeRow extends ThemeDef {
  phrases: string[];
  createdAt: string;
  updatedAt: string;
}

/** The taxonomy as stored, for the administration page: a plain read, through Prisma. */
export async function listThemes(prisma: PrismaClient): Promise<ThemeRow[]> {
  const rows = await prisma.theme.findMany({ orderBy: [{ name: 'asc' }, { code: 'asc' }] });
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    phrases: r.phrases,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/**
 * The same rows on a pg client: inside the transactions that also re-tag comments or import
 * feedback, which stay on pg (decision 1).
 */
export async function loadThemes(db: Queryable): Promise<ThemeRow[]> {
  const rows = await themeRecords(db);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    phrases: r.phrases,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** The taxonomy in force, ready for matchThemes / applyFeedbackText. */
export async function loadTaxonomy(db: Queryable): Promise<CompiledTaxonomy> {
  return compileTaxonomy(await loadThemes(db));
}

const BATCH = 5000;

/**
 * Re-tags every stored comment under the taxonomy now in the database. Runs on the caller's
 * client, inside its transaction, so a taxonomy change and the re-tagging commit together.
 * Comments are matched once per distinct text and only rows whose themes change are written.
 * Returns the number of rows whose themes changed.
 */
export async function retagComments(client: Queryable): Promise<number> {
  const taxonomy = await loadTaxonomy(client);
  const texts = await distinctCommentTexts(client);
  let changed = 0;
  for (let i = 0; i < texts.length; i += BATCH) {
    const comments = texts.slice(i, i + BATCH);
    const themes = comments.map((c) => matchThemes(c, taxonomy).join(','));
    changed += await setCommentThemes(client, comments, themes);
  }
  return changed;
}

export async function getTheme(db: Queryable, code: string): Promise<ThemeRow | null> {
  return (await loadThemes(db)).find((t) => t.code === code) ?? null;
}

/** How long a theme change waits for running feedback imports before answering 409. */
export const TAXONOMY_LOCK_WAIT_MS = 5_000;

/** What a theme change answers: the theme as stored after it (null once removed). */
export interface TaxonomyChange {
  theme: ThemeRow | null;
  /** Stored comments whose themes changed. */
  retagged: number;
}

/**
 * One taxonomy change at a time, and none while a feedback import holds the taxonomy steady
 * (shared TAXONOMY_LOCK): the wait is bounded, then 409 with Retry-After (as a second import is
 * refused). The change, its audit row and the re-tagging of every stored comment commit together
 * in this pg transaction (decision 1), so figures never mix two taxonomies.
 */
async function changeTaxonomy<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  try {
    return await withTransaction(pool, fn, {
      lock: TAXONOMY_LOCK,
      lockTimeoutMs: TAXONOMY_LOCK_WAIT_MS,
    });
  } catch (error) {
    if (!(error instanceof LockTimeoutError)) throw error;
    throw new HttpError(
      409,
      'A feedback import or another theme change is running. Try again in a minute or two.',
      undefined,
      { 'retry-after': '30' },
    );
  }
}

/** Adds a theme and re-tags every comment; 409 when its code is taken. */
export async function createTheme(
  pool: pg.Pool,
  theme: { code: string; name: string; phrases: string[] },
  actor: string,
): Promise<TaxonomyChange> {
  return changeTaxonomy(pool, async (client) => {
    if (!(await insertTheme(client, theme))) {
      throw new HttpError(409, `Theme ${theme.code} already exists`);
    }
    await recordAudit(client, {
      actor,
      action: 'theme.create',
      entity: 'theme',
      entityId: theme.code,
      details: theme,
    });
    const retagged = await retagComments(client);
    return { theme: await getTheme(client, theme.code), retagged };
  });
}

/** Renames a theme or changes its phrases, and re-tags every comment; 404 when there is none. */
export async function updateTheme(
  pool: pg.Pool,
  code: string,
  change: { name?: string | undefined; phrases?: string[] | undefined },
  actor: string,
): Promise<TaxonomyChange> {
  return changeTaxonomy(pool, async (client) => {
    if (!(await updateThemeRow(client, code, change))) {
      throw new HttpError(404, `No theme ${code}`);
    }
    await recordAudit(client, {
      actor,
      action: 'theme.update',
      entity: 'theme',
      entityId: code,
      details: change,
    });
    const retagged = await retagComments(client);
    return { theme: await getTheme(client, code), retagged };
  });
}

/**
 * Removes a theme and re-tags every comment: 409 while actions refer to it, 404 when there is
 * none.
 */
export async function deleteTheme(
  pool: pg.Pool,
  code: string,
  actor: string,
): Promise<TaxonomyChange> {
  return changeTaxonomy(pool, async (client) => {
    const actions = await themeActionCount(client, code);
    if (actions > 0) {
      throw new HttpError(409, `Theme ${code} has ${actions} actions; move or delete them first`);
    }
    if (!(await deleteThemeRow(client, code))) throw new HttpError(404, `No theme ${code}`);
    await recordAudit(client, {
      actor,
      action: 'theme.delete',
      entity: 'theme',
      entityId: code,
      details: null,
    });
    return { theme: null, retagged: await retagComments(client) };
  });
}

import type { Action, ActionInputSchema } from '@ipo/contracts';
import type { z } from 'zod';
import type { PrismaClient } from '../db/prisma.js';
import type { Action as ActionRow } from '../generated/prisma/client.ts';
import { HttpError } from '../plugins/errors.js';

type ActionInput = z.output<typeof ActionInputSchema>;

/** A DATE column comes back from Prisma as UTC midnight of the day. */
const isoDate = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
const dateOf = (s: string | null): Date | null => (s === null ? null : new Date(`${s}T00:00:00Z`));

async function themeNames(prisma: PrismaClient, codes: string[]): Promise<Map<string, string>> {
  const themes = await prisma.theme.findMany({
    where: { code: { in: [...new Set(codes)] } },
    select: { code: true, name: true },
  });
  return new Map(themes.map((t) => [t.code, t.name]));
}

const toAction = (r: ActionRow, names: Map<string, string>): Action => ({
  id: r.id,
  themeCode: r.themeCode,
  themeName: names.get(r.themeCode) ?? null,
  title: r.title,
  description: r.description,
  owner: r.owner,
  status: r.status,
  startedOn: isoDate(r.startedOn),
  completedOn: isoDate(r.completedOn),
  published: r.published,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Latest first: by completion date, else start date (undated last), then newest id. */
function byRecency(a: ActionRow, b: ActionRow): number {
  const da = (a.completedOn ?? a.startedOn)?.getTime() ?? null;
  const db = (b.completedOn ?? b.startedOn)?.getTime() ?? null;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return db - da;
  }
  return b.id - a.id;
}

export async function listActions(
  prisma: PrismaClient,
  q: { published?: boolean | undefined; theme?: string | undefined },
): Promise<Action[]> {
  const rows = await prisma.action.findMany({
    where: {
      ...(q.published === undefined ? {} : { published: q.published }),
      ...(q.theme === undefined ? {} : { themeCode: q.theme }),
    },
  });
  rows.sort(byRecency);
  const names = await themeNames(
    prisma,
    rows.map((r) => r.themeCode),
  );
  return rows.map((r) => toAction(r, names));
}

export async function getAction(prisma: PrismaClient, id: number): Promise<Action> {
  const row = await prisma.action.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `No action ${id}`);
  return toAction(row, await themeNames(prisma, [row.themeCode]));
}

async function assertTheme(prisma: PrismaClient, code: string) {
  const theme = await prisma.theme.findUnique({ where: { code }, select: { code: true } });
  if (!theme) {
    throw new HttpError(400, `themeCode: no theme ${code}`, [
      { field: 'themeCode', message: `no theme ${code}` },
    ]);
  }
}

const columns = (a: ActionInput) => ({
  themeCode: a.themeCode,
  title: a.title,
  description: a.description,
  owner: a.owner,
  status: a.status,
  startedOn: dateOf(a.startedOn),
  completedOn: dateOf(a.completedOn),
  published: a.published,
});

export async function createAction(prisma: PrismaClient, a: ActionInput): Promise<Action> {
  await assertTheme(prisma, a.themeCode);
  const { id } = await prisma.action.create({ data: columns(a), select: { id: true } });
  return getAction(prisma, id);
}

export async function updateAction(
  prisma: PrismaClient,
  id: number,
  a: ActionInput,
): Promise<Action> {
  await assertTheme(prisma, a.themeCode);
  const { count } = await prisma.action.updateMany({
    where: { id },
    data: { ...columns(a), updatedAt: new Date() },
  });
  if (!count) throw new HttpError(404, `No action ${id}`);
  return getAction(prisma, id);
}

export async function deleteAction(prisma: PrismaClient, id: number): Promise<void> {
  const { count } = await prisma.action.deleteMany({ where: { id } });
  if (!count) throw new HttpError(404, `No action ${id}`);
}

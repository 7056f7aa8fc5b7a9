import type {
  Action,
  ActionChange,
  ActionHistory,
  ActionHistoryEvent,
  ActionInputSchema,
} from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import { inScope, type TeamScope } from '@ipo/domain/access';
import type { z } from 'zod';
import { recordAudit } from '../admin/audit.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Action as ActionRow, Prisma } from '../generated/prisma/client.ts';
import { HttpError } from '../plugins/errors.js';

/** Who is changing an action, and for which teams they may (decision 11). */
export interface ActionWriter {
  actor: string;
  scope: TeamScope;
}

type Db = PrismaClient | Prisma.TransactionClient;

type ActionInput = z.output<typeof ActionInputSchema>;

/** A DATE column comes back from Prisma as UTC midnight of the day. */
const isoDate = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
const dateOf = (s: string | null): Date | null => (s === null ? null : new Date(`${s}T00:00:00Z`));

async function teamNames(prisma: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const teams = await prisma.team.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true },
  });
  return new Map(teams.map((t) => [t.id, t.name]));
}

async function themeNames(prisma: Db, codes: string[]): Promise<Map<string, string>> {
  const themes = await prisma.theme.findMany({
    where: { code: { in: [...new Set(codes)] } },
    select: { code: true, name: true },
  });
  return new Map(themes.map((t) => [t.code, t.name]));
}

/** Not done and due before today in London (docs/measurement.md: dates are London dates). */
export function isOverdue(
  a: { status: Action['status']; dueOn: string | null },
  today: string = londonDate(new Date()),
): boolean {
  return a.status !== 'done' && a.dueOn !== null && a.dueOn < today;
}

const toAction = (
  r: ActionRow,
  names: Map<string, string>,
  teams: Map<number, string>,
): Action => ({
  id: r.id,
  themeCode: r.themeCode,
  themeName: names.get(r.themeCode) ?? null,
  title: r.title,
  description: r.description,
  owner: r.owner,
  status: r.status,
  startedOn: isoDate(r.startedOn),
  completedOn: isoDate(r.completedOn),
  dueOn: isoDate(r.dueOn),
  overdue: isOverdue({ status: r.status, dueOn: isoDate(r.dueOn) }),
  published: r.published,
  teamId: r.teamId,
  teamName: r.teamId === null ? null : (teams.get(r.teamId) ?? null),
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
  const teams = await teamNames(
    prisma,
    rows.map((r) => r.teamId),
  );
  return rows.map((r) => toAction(r, names, teams));
}

export async function getAction(prisma: Db, id: number): Promise<Action> {
  const row = await prisma.action.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `No action ${id}`);
  return toAction(
    row,
    await themeNames(prisma, [row.themeCode]),
    await teamNames(prisma, [row.teamId]),
  );
}

function assertMayWrite(writer: ActionWriter, teamId: number | null, what: string): void {
  if (writer.scope.all || inScope(writer.scope, teamId)) return;
  throw new HttpError(
    403,
    teamId === null
      ? `${what}: a team lead records actions for one of their teams (teamId).`
      : `${what}: team ${teamId} is not one of your teams.`,
    [{ field: 'teamId', message: 'must be one of your teams' }],
  );
}

async function assertTeam(prisma: Db, teamId: number | null) {
  if (teamId === null) return;
  const team = await prisma.team.findUnique({ where: { id: teamId }, select: { id: true } });
  if (!team) {
    throw new HttpError(400, `teamId: no team ${teamId}`, [
      { field: 'teamId', message: `no team ${teamId}` },
    ]);
  }
}

async function assertTheme(prisma: Db, code: string) {
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
  dueOn: dateOf(a.dueOn),
  published: a.published,
  teamId: a.teamId,
});

export async function createAction(
  prisma: PrismaClient,
  a: ActionInput,
  writer: ActionWriter,
): Promise<Action> {
  assertMayWrite(writer, a.teamId, 'Recording an action');
  await assertTheme(prisma, a.themeCode);
  await assertTeam(prisma, a.teamId);
  return prisma.$transaction(async (tx) => {
    const { id } = await tx.action.create({ data: columns(a), select: { id: true } });
    const action = await getAction(tx, id);
    await recordAudit(tx, {
      actor: writer.actor,
      action: 'action.create',
      entity: 'action',
      entityId: String(id),
      details: action,
    });
    return action;
  });
}

export async function updateAction(
  prisma: PrismaClient,
  id: number,
  a: ActionInput,
  writer: ActionWriter,
): Promise<Action> {
  await assertTheme(prisma, a.themeCode);
  await assertTeam(prisma, a.teamId);
  return prisma.$transaction(async (tx) => {
    const before = await tx.action.findUnique({ where: { id }, select: { teamId: true } });
    if (!before) throw new HttpError(404, `No action ${id}`);
    assertMayWrite(writer, before.teamId, `Action ${id}`);
    assertMayWrite(writer, a.teamId, `Action ${id}`);
    const previous = await getAction(tx, id);
    await tx.action.update({ where: { id }, data: { ...columns(a), updatedAt: new Date() } });
    const action = await getAction(tx, id);
    await recordAudit(tx, {
      actor: writer.actor,
      action: 'action.update',
      entity: 'action',
      entityId: String(id),
      details: { before: previous, after: action },
    });
    return action;
  });
}

export async function deleteAction(
  prisma: PrismaClient,
  id: number,
  writer: ActionWriter,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.action.findUnique({ where: { id }, select: { teamId: true } });
    if (!before) throw new HttpError(404, `No action ${id}`);
    assertMayWrite(writer, before.teamId, `Action ${id}`);
    const previous = await getAction(tx, id);
    await tx.action.delete({ where: { id } });
    await recordAudit(tx, {
      actor: writer.actor,
      action: 'action.delete',
      entity: 'action',
      entityId: String(id),
      details: previous,
    });
  });
}

// History -----------------------------------------------------------------------------------------

/** The fields a person reads in an action's history, in the order the page lists them. */
const HISTORY_FIELDS = [
  'title',
  'description',
  'themeName',
  'teamName',
  'owner',
  'status',
  'startedOn',
  'dueOn',
  'completedOn',
  'published',
] as const;

type FieldValue = ActionChange['before'];

/** A field of an audited action as it was recorded (older events lack the newer fields). */
function fieldOf(details: unknown, field: string): FieldValue {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return null;
  const value = (details as Record<string, unknown>)[field];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : null;
}

function changesOf(action: string, details: unknown): ActionChange[] {
  if (action === 'action.create') {
    return HISTORY_FIELDS.map((field) => ({
      field,
      before: null,
      after: fieldOf(details, field),
    })).filter((c) => c.after !== null && c.after !== '');
  }
  if (action === 'action.update') {
    const d = (details ?? {}) as { before?: unknown; after?: unknown };
    return HISTORY_FIELDS.map((field) => ({
      field,
      before: fieldOf(d.before, field),
      after: fieldOf(d.after, field),
    })).filter((c) => c.before !== c.after);
  }
  return [];
}

const KINDS: Record<string, ActionHistoryEvent['kind']> = {
  'action.create': 'create',
  'action.update': 'update',
  'action.delete': 'delete',
};

/**
 * What happened to an action, oldest first: its audit events (recorded, each change with the
 * fields before and after, deleted), with who made each and when. A deleted action keeps its
 * history; an id that never was an action is a 404.
 */
export async function actionHistory(prisma: Db, id: number): Promise<ActionHistory> {
  const rows = await prisma.auditEvent.findMany({
    where: { entity: 'action', entityId: String(id), action: { in: Object.keys(KINDS) } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { id: true, at: true, actor: true, action: true, details: true },
  });
  if (rows.length === 0) {
    const exists = await prisma.action.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw new HttpError(404, `No action ${id}`);
  }
  return {
    actionId: id,
    events: rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actor: r.actor,
      kind: KINDS[r.action] ?? 'update',
      changes: changesOf(r.action, r.details),
    })),
  };
}

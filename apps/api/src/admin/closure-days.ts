import {
  type ClosureDay,
  type ClosureImportResponse,
  type ClosureScope,
  GOVUK_DIVISIONS,
  type GovUkBankHolidaysFileBody,
} from '@ipo/contracts';
import {
  bankHolidays,
  type Division,
  dayOfWeek,
  GOVUK_DIVISION_KEYS,
  type GovUkBankHolidaysFile,
  type IsoDate,
  parseGovUkBankHolidays,
} from '@ipo/domain';
import type { PrismaClient } from '../db/prisma.js';
import type { RulesChange } from '../derive/recalculate.js';
import { HttpError } from '../plugins/errors.js';
import {
  deleteClosureDay,
  insertAdminClosureDay,
  insertImportedClosureDays,
} from '../queries/closure-days.js';
import { recordAudit } from './audit.js';

const DIVISION_SCOPES: readonly Division[] = ['england_and_wales', 'scotland', 'northern_ireland'];

function isDivision(scope: ClosureScope): scope is Division {
  return scope !== 'organisation';
}

const SCOPE_LABEL: Record<ClosureScope, string> = {
  england_and_wales: 'England and Wales',
  scotland: 'Scotland',
  northern_ireland: 'Northern Ireland',
  organisation: 'Organisation',
};

/** The date-holidays bank holiday of a division on a date, if there is one. */
export function dateHolidaysTitle(date: IsoDate, scope: ClosureScope): string | null {
  if (!isDivision(scope)) return null;
  const year = Number(date.slice(0, 4));
  return bankHolidays(scope, year, year).find((h) => h.date === date)?.title ?? null;
}

/** A DATE column comes back from Prisma as UTC midnight of the day. */
const isoDate = (d: Date): IsoDate => d.toISOString().slice(0, 10);
const dateOf = (s: IsoDate): Date => new Date(`${s}T00:00:00Z`);

interface StoredRow {
  date: Date;
  scope: ClosureScope;
  reason: string;
  source: ClosureDay['source'];
  createdBy: string;
  createdAt: Date;
}

const STORED = {
  date: true,
  scope: true,
  reason: true,
  source: true,
  createdBy: true,
  createdAt: true,
} as const;

function storedToDay(r: StoredRow): ClosureDay {
  return {
    date: isoDate(r.date),
    scope: r.scope,
    reason: r.reason,
    source: r.source,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    deletable: true,
  };
}

export async function findStoredClosureDay(
  prisma: PrismaClient,
  date: IsoDate,
  scope: ClosureScope,
): Promise<ClosureDay | null> {
  const row = await prisma.closureDay.findUnique({
    where: { date_scope: { date: dateOf(date), scope } },
    select: STORED,
  });
  return row ? storedToDay(row) : null;
}

/**
 * The closure calendar between two dates: the bank holidays date-holidays knows (not stored,
 * source `date_holidays`) merged with the days stored in closure_day, by date then scope.
 */
export async function listClosureDays(
  prisma: PrismaClient,
  range: { from: IsoDate; to: IsoDate; scope?: ClosureScope | undefined },
): Promise<ClosureDay[]> {
  const byKey = new Map<string, ClosureDay>();
  const fromYear = Number(range.from.slice(0, 4));
  const toYear = Number(range.to.slice(0, 4));
  for (const division of DIVISION_SCOPES) {
    if (range.scope && range.scope !== division) continue;
    for (const h of bankHolidays(division, fromYear, toYear)) {
      if (h.date < range.from || h.date > range.to) continue;
      byKey.set(`${h.date}/${division}`, {
        date: h.date,
        scope: division,
        reason: h.title,
        source: 'date_holidays',
        createdBy: null,
        createdAt: null,
        deletable: false,
      });
    }
  }
  const rows = await prisma.closureDay.findMany({
    where: {
      date: { gte: dateOf(range.from), lte: dateOf(range.to) },
      ...(range.scope ? { scope: range.scope } : {}),
    },
    select: STORED,
  });
  // A bank holiday date-holidays knows stays the source of truth (the API never stores one).
  for (const r of rows) {
    const day = storedToDay(r);
    const key = `${day.date}/${day.scope}`;
    if (!byKey.has(key)) byKey.set(key, day);
  }
  const order: ClosureScope[] = [...DIVISION_SCOPES, 'organisation'];
  return [...byKey.values()].sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? -1
        : 1
      : order.indexOf(a.scope) - order.indexOf(b.scope),
  );
}

/** Checks a new closure day before the job that records it is started. */
export async function checkNewClosureDay(
  prisma: PrismaClient,
  day: { date: IsoDate; scope: ClosureScope },
): Promise<void> {
  const weekday = dayOfWeek(day.date);
  if (weekday >= 6) {
    throw new HttpError(
      400,
      `date: ${day.date} is a ${weekday === 6 ? 'Saturday' : 'Sunday'}, which is never a working day; a closure day must be a weekday`,
      [{ field: 'date', message: 'must be a weekday (Monday to Friday)' }],
    );
  }
  const bankHoliday = dateHolidaysTitle(day.date, day.scope);
  if (bankHoliday) {
    throw new HttpError(
      409,
      `${day.date} is already a bank holiday (${bankHoliday}) for ${SCOPE_LABEL[day.scope]}, from date-holidays`,
    );
  }
  const stored = await findStoredClosureDay(prisma, day.date, day.scope);
  if (stored) {
    throw new HttpError(
      409,
      `${day.date} is already recorded as a ${SCOPE_LABEL[day.scope]} closure day (${stored.reason})`,
    );
  }
}

export function addClosureDayChange(
  day: { date: IsoDate; scope: ClosureScope; reason: string },
  actor: string,
): RulesChange {
  return {
    reason: `${SCOPE_LABEL[day.scope]} closure day ${day.date} added: ${day.reason}`,
    async apply(client, { jobId, rulesVersion }) {
      if (!(await insertAdminClosureDay(client, day, actor))) {
        throw new Error(`${day.date} was recorded as a ${day.scope} closure day meanwhile`);
      }
      await recordAudit(client, {
        actor,
        action: 'closure_day.create',
        entity: 'closure_day',
        entityId: `${day.date}/${day.scope}`,
        details: { ...day, recalculationJob: jobId, rulesVersion },
      });
      return { kind: 'closure_days', days: [{ date: day.date, scope: day.scope }] };
    },
  };
}

/** Checks a deletion: 404 for a day not stored, 409 for a date-holidays bank holiday. */
export async function checkClosureDayDeletion(
  prisma: PrismaClient,
  date: IsoDate,
  scope: ClosureScope,
): Promise<ClosureDay> {
  const stored = await findStoredClosureDay(prisma, date, scope);
  if (stored) return stored;
  const bankHoliday = dateHolidaysTitle(date, scope);
  if (bankHoliday) {
    throw new HttpError(
      409,
      `${date} (${bankHoliday}) is a ${SCOPE_LABEL[scope]} bank holiday from date-holidays, not a recorded closure day; bank holidays cannot be deleted`,
    );
  }
  throw new HttpError(404, `No ${SCOPE_LABEL[scope]} closure day is recorded on ${date}`);
}

export function deleteClosureDayChange(
  day: ClosureDay,
  actor: string,
  /** Why it is removed, as the administrator said (optional for API callers). */
  removalReason?: string | undefined,
): RulesChange {
  return {
    reason: `${SCOPE_LABEL[day.scope]} closure day ${day.date} removed (was: ${day.reason})${
      removalReason ? `: ${removalReason}` : ''
    }`,
    async apply(client, { jobId, rulesVersion }) {
      const row = await deleteClosureDay(client, day);
      if (!row) throw new Error(`the ${day.scope} closure day ${day.date} was deleted meanwhile`);
      await recordAudit(client, {
        actor,
        action: 'closure_day.delete',
        entity: 'closure_day',
        entityId: `${day.date}/${day.scope}`,
        details: {
          date: day.date,
          scope: day.scope,
          reason: row.reason,
          source: row.source,
          createdBy: row.created_by,
          removalReason: removalReason ?? null,
          recalculationJob: jobId,
          rulesVersion,
        },
      });
      return { kind: 'closure_days', days: [{ date: day.date, scope: day.scope }] };
    },
  };
}

export interface GovUkImportPlan {
  summary: Omit<ClosureImportResponse, 'recalculation'>;
  toAdd: { date: IsoDate; scope: Division; reason: string }[];
}

/**
 * Sorts a GOV.UK bank-holidays.json file into days already known (date-holidays has them, or
 * they are stored) and days to add. Duplicate events in a file count once.
 */
export async function planGovUkImport(
  prisma: PrismaClient,
  file: GovUkBankHolidaysFileBody,
): Promise<GovUkImportPlan> {
  const stored = await prisma.closureDay.findMany({
    where: { scope: { not: 'organisation' } },
    select: { date: true, scope: true },
  });
  const storedKeys = new Set(stored.map((r) => `${isoDate(r.date)}/${r.scope}`));
  const plan: GovUkImportPlan = {
    summary: { added: 0, alreadyKnown: 0, divisions: [], addedDays: [] },
    toAdd: [],
  };
  for (const division of DIVISION_SCOPES) {
    const key = GOVUK_DIVISION_KEYS[division];
    if (!GOVUK_DIVISIONS.includes(key as (typeof GOVUK_DIVISIONS)[number])) continue;
    if ((file as Record<string, unknown>)[key] === undefined) continue;
    // The domain's reader (dates already validated by the contract).
    const events = parseGovUkBankHolidays(file as GovUkBankHolidaysFile, division);
    const seen = new Set<string>();
    let added = 0;
    let alreadyKnown = 0;
    const years = events.map((e) => Number(e.date.slice(0, 4)));
    const known = new Set(
      years.length
        ? bankHolidays(division, Math.min(...years), Math.max(...years)).map((h) => h.date)
        : [],
    );
    for (const e of events) {
      if (seen.has(e.date)) continue;
      seen.add(e.date);
      if (known.has(e.date) || storedKeys.has(`${e.date}/${division}`)) {
        alreadyKnown++;
        continue;
      }
      added++;
      plan.toAdd.push({ date: e.date, scope: division, reason: e.title });
    }
    plan.summary.divisions.push({ division, added, alreadyKnown });
    plan.summary.added += added;
    plan.summary.alreadyKnown += alreadyKnown;
  }
  plan.summary.addedDays = plan.toAdd.map((d) => ({ ...d }));
  return plan;
}

export function importClosureDaysChange(plan: GovUkImportPlan, actor: string): RulesChange {
  const { toAdd } = plan;
  return {
    reason: `GOV.UK bank holidays imported: ${toAdd.length} new day${toAdd.length === 1 ? '' : 's'} (${toAdd
      .slice(0, 5)
      .map((d) => d.date)
      .join(', ')}${toAdd.length > 5 ? ', ...' : ''})`,
    async apply(client, { jobId, rulesVersion }) {
      const added = await insertImportedClosureDays(client, toAdd, actor);
      await recordAudit(client, {
        actor,
        action: 'closure_day.import',
        entity: 'closure_day',
        entityId: null,
        details: {
          source: 'GOV.UK bank-holidays.json',
          added,
          alreadyKnown: plan.summary.alreadyKnown,
          recalculationJob: jobId,
          rulesVersion,
        },
      });
      return { kind: 'closure_days', days: added };
    },
  };
}

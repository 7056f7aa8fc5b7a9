import {
  bankHolidays,
  type DerivedWorkItem,
  type Division,
  deriveWorkItem,
  type IsoDate,
  type Threshold,
  WorkingCalendar,
} from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import { closureDates, rulesVersion, workTypeRules } from '../queries/derivation-rules.js';

export type { Queryable } from '../db/queryable.js';

/** The calendar range every derivation can answer for. */
const CALENDAR_FROM: IsoDate = '2000-01-01';
const CALENDAR_TO: IsoDate = '2069-12-31';

// Bank holidays come from date-holidays and never change within a process: computed once.
const bankHolidayCache = new Map<Division, IsoDate[]>();
function divisionBankHolidays(division: Division): IsoDate[] {
  let days = bankHolidayCache.get(division);
  if (!days) {
    days = bankHolidays(
      division,
      Number(CALENDAR_FROM.slice(0, 4)),
      Number(CALENDAR_TO.slice(0, 4)),
    ).map((h) => h.date);
    bankHolidayCache.set(division, days);
  }
  return days;
}

export interface WorkTypeRule {
  workType: string;
  service: string;
  /** The timeliness standard that measures this work type, if any. */
  standardCode: string | null;
  threshold: Threshold | null;
  division: Division;
}

/**
 * Everything needed to derive a work item's stored values (measurement.md): each work type's
 * threshold and its standard's division calendar (bank holidays from date-holidays, plus closure
 * days recorded in the database). Loaded once per import or job, then O(1) per row.
 */
export class DerivationRules {
  constructor(
    readonly version: number,
    private readonly rules: ReadonlyMap<string, WorkTypeRule>,
    private readonly calendars: ReadonlyMap<Division, WorkingCalendar>,
  ) {}

  rule(workType: string): WorkTypeRule | undefined {
    return this.rules.get(workType);
  }

  get workTypes(): string[] {
    return [...this.rules.keys()];
  }

  calendar(division: Division): WorkingCalendar {
    const calendar = this.calendars.get(division);
    if (!calendar) throw new Error(`No calendar for division ${division}`);
    return calendar;
  }

  /** Throws a RangeError for an unknown work type, or a completion before receipt. */
  derive(workType: string, receivedAt: Date, completedAt: Date | null): DerivedWorkItem {
    const rule = this.rules.get(workType);
    if (!rule) throw new RangeError(`unknown work type ${JSON.stringify(workType)}`);
    return deriveWorkItem(
      { receivedAt, completedAt },
      rule.threshold,
      this.calendar(rule.division),
    );
  }
}

export async function loadDerivationRules(db: Queryable): Promise<DerivationRules> {
  // One query after another: the caller may pass a single client inside its transaction.
  const version = await rulesVersion(db);
  const workTypes = await workTypeRules(db);
  const closures = await closureDates(db);

  const rules = new Map<string, WorkTypeRule>();
  for (const r of workTypes) {
    if (rules.has(r.code)) {
      throw new Error(`work type ${r.code} is measured by more than one timeliness standard`);
    }
    rules.set(r.code, {
      workType: r.code,
      service: r.service_code,
      standardCode: r.standard_code,
      threshold:
        r.threshold_value !== null && r.threshold_unit !== null
          ? { value: r.threshold_value, unit: r.threshold_unit }
          : null,
      division: r.division ?? 'england_and_wales',
    });
  }

  const divisions: Division[] = ['england_and_wales', 'scotland', 'northern_ireland'];
  const calendars = new Map<Division, WorkingCalendar>();
  for (const division of divisions) {
    const days = [...divisionBankHolidays(division)];
    for (const c of closures) {
      if (c.scope === 'organisation' || c.scope === division) days.push(c.date);
    }
    calendars.set(
      division,
      new WorkingCalendar({ closures: days, from: CALENDAR_FROM, to: CALENDAR_TO }),
    );
  }
  return new DerivationRules(version ?? 1, rules, calendars);
}

let cached: { version: number; rules: DerivationRules } | null = null;

/**
 * The rules, reloaded only when the rules version changes (closure days and thresholds are
 * changed through the recalculation job, which bumps it).
 */
export async function currentRules(db: Queryable): Promise<DerivationRules> {
  const version = (await rulesVersion(db)) ?? 1;
  if (cached?.version !== version) cached = { version, rules: await loadDerivationRules(db) };
  return cached.rules;
}

/** Forget the cached rules (tests that edit closure days directly). */
export function clearRulesCache(): void {
  cached = null;
}

import type { FreshnessKind, FreshnessResponse, FreshnessSource } from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import { currentRules } from '../derive/rules.js';
import { freshnessSources } from '../queries/standard-freshness.js';

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

const NOUN: Record<FreshnessKind, string> = {
  work_items: 'work items',
  quality_checks: 'quality checks',
  feedback: 'feedback responses',
};

const days = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/**
 * When each source last changed and how old its newest event is (data_freshness, kept by the
 * rollup triggers). A source is stale when its latest event is more than `staleAfter` working
 * days (England and Wales calendar, with closure days) before today in London.
 */
export async function getFreshness(
  db: Queryable,
  staleAfter: number,
  now = new Date(),
): Promise<FreshnessResponse> {
  // The calendar is rebuilt only when the rules version moves (closure days change through it).
  const [rows, rules] = await Promise.all([freshnessSources(db), currentRules(db)]);
  const calendar = rules.calendar('england_and_wales');
  const today = londonDate(now);

  const sources: FreshnessSource[] = rows.map((r) => {
    const what = r.work_type_name ? `${r.work_type_name} ${NOUN[r.kind]}` : NOUN[r.kind];
    const What = what.charAt(0).toUpperCase() + what.slice(1);
    const base = {
      kind: r.kind,
      workType: r.work_type_name ? { code: r.work_type_code, name: r.work_type_name } : null,
      lastChangedAt: r.last_changed_at?.toISOString() ?? null,
      latestEventAt: r.latest_event_at?.toISOString() ?? null,
    };
    if (!r.latest_event_at) {
      return {
        ...base,
        workingDaysSinceLatestEvent: null,
        stale: true,
        message: `No ${what} have been received yet.`,
      };
    }
    const latest = londonDate(r.latest_event_at);
    const since = latest >= today ? 0 : calendar.elapsedWorkingDays(latest, today);
    const stale = since > staleAfter;
    const when = `${longDate.format(r.latest_event_at)}${since === 0 ? ' (today)' : `, ${days(since)} ago`}`;
    return {
      ...base,
      workingDaysSinceLatestEvent: since,
      stale,
      message: stale
        ? `${What} may be out of date: the latest is from ${when}, more than ${days(staleAfter)}.`
        : `${What} are up to date: the latest is from ${when}.`,
    };
  });
  return { asOf: now.toISOString(), staleAfterWorkingDays: staleAfter, sources };
}

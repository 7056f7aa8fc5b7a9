import {
  type DerivedWorkItem,
  fromDayNumber,
  type IsoDate,
  londonOffsetMs,
  toDayNumber,
  type WorkingCalendar,
} from '@ipo/domain';
import type { DerivationRules } from '../derive/rules.js';
import { DemoConditions, WEEKDAY } from './demo-conditions.js';
import { draftFeedback, type FeedbackDraft } from './demo-feedback.js';
import { QUALITY_SAMPLED, STORY, type Turnaround, WORK_PROFILES } from './demo-profiles.js';
import { Random } from './random.js';

const DAY_MS = 86_400_000;
const STREAM_QUALITY = 1000;
const STREAM_FEEDBACK = 2000;

/** Work types of one service share part of their drift (demo-conditions.ts). */
const SERVICE_STREAM: Record<string, number> = {
  'customer-support': 0,
  'trade-marks': 1,
  designs: 2,
  patents: 3,
  'customer-experience': 4,
};

const conditionsBySeed = new Map<number, DemoConditions>();
/** The conditions of a seed, made once. */
function conditionsFor(seed: number): DemoConditions {
  let conditions = conditionsBySeed.get(seed);
  if (!conditions) {
    conditions = new DemoConditions(seed);
    conditionsBySeed.set(seed, conditions);
  }
  return conditions;
}

export interface DemoOptions {
  seed: number;
  /** Multiplies every volume (benchmarks use 10). */
  scale: number;
  from: IsoDate;
  /** Items completing after this instant are still open; nothing is received after it. */
  now: Date;
  /** The office's working calendar (England and Wales), for completion dates. */
  calendar: WorkingCalendar;
  /** Thresholds and calendars from the database, for the derived values. */
  rules: DerivationRules;
}

export interface WorkItemRow {
  sourceRef: string;
  workType: string;
  service: string;
  team: string;
  channel: string;
  customerGroup: string;
  receivedAt: Date;
  completedAt: Date | null;
  derived: DerivedWorkItem;
}

export interface QualityCheckRow {
  sourceRef: string;
  workType: string;
  service: string;
  team: string;
  checkedAt: Date;
  passed: boolean;
  errorCategory: string | null;
}

export interface FeedbackRow extends FeedbackDraft {
  sourceRef: string;
  submittedAt: Date;
}

/** The instant of a Europe/London wall-clock time (seconds after local midnight) on a date. */
export function londonInstant(day: number, secondOfDay: number): Date {
  const naive = day * DAY_MS + secondOfDay * 1000;
  // Office hours never fall in the 01:00-02:00 changeover hour, so the offset at the naive
  // instant is the offset of the local time.
  return new Date(naive - londonOffsetMs(naive - 3_600_000));
}

function arrivalSecond(random: Random, hours: 'office' | 'extended'): number {
  return hours === 'office'
    ? random.int(9 * 3600, 17 * 3600 - 1)
    : random.int(7 * 3600, 22 * 3600 - 1);
}

/**
 * The completion instant for an item received at `receivedAt` (local `receivedDay`) that takes
 * `t`. Work is only completed on working days, during office hours, never before receipt.
 */
function completion(
  t: Turnaround,
  receivedAt: Date,
  receivedDay: number,
  calendar: WorkingCalendar,
  random: Random,
): Date {
  if (t.kind === 'seconds') return new Date(receivedAt.getTime() + t.seconds * 1000);
  const receivedIso = fromDayNumber(receivedDay);
  let day: number;
  if (t.kind === 'working_days') {
    let n = Math.max(0, t.days);
    // Received on a closed day, or too late to finish that day: the earliest answer is the next
    // working day (elapsed 1).
    const localSecond = (receivedAt.getTime() + londonOffsetMs(receivedAt.getTime())) % DAY_MS;
    if (n === 0 && (!calendar.isWorkingDay(receivedIso) || localSecond > 16.5 * 3600 * 1000)) n = 1;
    day = toDayNumber(calendar.nthWorkingDayAfter(receivedIso, n));
  } else {
    day = receivedDay + t.days;
    while (!calendar.isWorkingDayNumber(day)) day++;
  }
  const start =
    day === receivedDay
      ? Math.ceil(((receivedAt.getTime() + londonOffsetMs(receivedAt.getTime())) % DAY_MS) / 1000) +
        300
      : 9 * 3600;
  const end = 17.5 * 3600;
  return londonInstant(day, start >= end ? start : random.int(start, end));
}

/** Work items, day by day, in the order they were received. */
export function* generateWorkItems(options: DemoOptions): Generator<WorkItemRow> {
  const { calendar, now, scale } = options;
  const firstDay = toDayNumber(options.from);
  const lastDay = Math.floor((now.getTime() + londonOffsetMs(now.getTime())) / DAY_MS);
  const nowMs = now.getTime();
  const sequence = new Map<string, number>();
  const conditions = conditionsFor(options.seed);
  for (let day = firstDay; day <= lastDay; day++) {
    const iso = fromDayNumber(day);
    const month = Number(iso.slice(5, 7));
    const weekday = ((day + 3) % 7) + 1;
    const working = calendar.isWorkingDay(iso);
    const recent = lastDay - day < STORY.recentDays;
    // Gentle growth in demand: about 3% a year.
    const growth = 1 + 0.03 * ((day - firstDay) / 365);
    for (const [p, profile] of WORK_PROFILES.entries()) {
      const random = Random.for(options.seed, day, p);
      const openShare = working ? 1 : profile.closedDayShare;
      if (openShare === 0) continue;
      const { demand, pace } = conditions.work(
        profile.variation,
        p,
        SERVICE_STREAM[profile.service] ?? 0,
        day,
        recent,
        random,
      );
      const mean =
        profile.perWorkingDay *
        scale *
        openShare *
        demand *
        (working ? (WEEKDAY[weekday - 1] ?? 1) : 1) *
        growth;
      const count = random.count(mean);
      for (let i = 0; i < count; i++) {
        const receivedAt = londonInstant(day, arrivalSecond(random, profile.hours));
        if (receivedAt.getTime() > nowMs) continue;
        const team = random.weighted(profile.teams);
        const channel = random.weighted(profile.channels);
        const customerGroup = random.weighted(profile.groups);
        const t = profile.turnaround({ random, day, month, team, recent, pace });
        let completedAt: Date | null = completion(t, receivedAt, day, calendar, random);
        // A few hard cases stay open well past their deadline: the late backlog.
        const stuck =
          profile.workType !== 'phone_call' && lastDay - day < 150 && random.chance(0.004);
        if (stuck || completedAt.getTime() > nowMs) completedAt = null;
        const n = (sequence.get(profile.prefix) ?? 0) + 1;
        sequence.set(profile.prefix, n);
        yield {
          sourceRef: `${profile.prefix}-${iso.slice(0, 4)}-${String(n).padStart(8, '0')}`,
          workType: profile.workType,
          service: profile.service,
          team,
          channel,
          customerGroup,
          receivedAt,
          completedAt,
          derived: options.rules.derive(profile.workType, receivedAt, completedAt),
        };
      }
    }
  }
}

/** Quality checks sampled from completed examinations, a few working days after completion. */
export function qualityCheckFor(
  item: WorkItemRow,
  options: DemoOptions,
  index: number,
): QualityCheckRow | null {
  const sampling = QUALITY_SAMPLED[item.workType];
  if (!sampling || !item.completedAt || !item.derived.completedDate) return null;
  const random = Random.for(options.seed, STREAM_QUALITY, index);
  if (!random.chance(sampling.rate)) return null;
  const checkDay = toDayNumber(
    options.calendar.nthWorkingDayAfter(item.derived.completedDate, random.int(1, 5)),
  );
  const checkedAt = londonInstant(checkDay, random.int(9 * 3600, 17 * 3600));
  if (checkedAt.getTime() > options.now.getTime()) return null;
  // Quality drifts over the months like everything else; Team C also makes a few more errors.
  const pass =
    sampling.pass +
    conditionsFor(options.seed).quality(sampling.stream, checkDay) -
    (item.team === STORY.slowTeam ? 0.01 : 0);
  const passed = random.chance(pass);
  return {
    sourceRef: `QC-${item.sourceRef}`,
    workType: item.workType,
    service: item.service,
    team: item.team,
    checkedAt,
    passed,
    errorCategory: passed ? null : random.pick(sampling.errors),
  };
}

/**
 * About 60 feedback responses a working day (fewer at weekends), in submission order; volume and
 * satisfaction drift over the months.
 */
export function* generateFeedback(options: DemoOptions): Generator<FeedbackRow> {
  const { calendar, now, scale } = options;
  const firstDay = toDayNumber(options.from);
  const lastDay = Math.floor((now.getTime() + londonOffsetMs(now.getTime())) / DAY_MS);
  const conditions = conditionsFor(options.seed);
  let n = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const iso = fromDayNumber(day);
    const random = Random.for(options.seed, STREAM_FEEDBACK, day);
    const working = calendar.isWorkingDay(iso);
    const drift = conditions.feedback(day);
    const count = random.count(60 * scale * (working ? 1 : 0.1) * drift.volume);
    const strained = day >= STORY.callsSlipFrom && day <= STORY.callsSlipTo;
    for (let i = 0; i < count; i++) {
      const submittedAt = londonInstant(day, random.int(7 * 3600, 22 * 3600));
      if (submittedAt.getTime() > now.getTime()) continue;
      n++;
      yield {
        ...draftFeedback(random, strained, drift.satisfied),
        sourceRef: `FB-${String(n).padStart(9, '0')}`,
        submittedAt,
      };
    }
  }
}

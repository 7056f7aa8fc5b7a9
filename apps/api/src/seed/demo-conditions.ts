import { dayNumberToCivil, daysInMonth } from '@ipo/domain';
import { Random } from './random.js';

/**
 * The working conditions behind the demo data, so that figures move the way a real office's do:
 * demand and staffing by season, a slow month-by-month drift in workload (a seeded random walk),
 * short incidents and day-to-day noise. Every value is computed from the seed and the date alone,
 * never from where the data starts, so extending the date range leaves earlier days unchanged.
 */

const STREAM_WALK = 3000;
const STREAM_INCIDENT = 4000;

/** How much of a month's conditions carry into the next (the AR(1) coefficient). */
const PERSISTENCE = 0.7;
/** Terms of the moving sum: 0.7^40 is below 10^-6. */
const WALK_TERMS = 40;

/** Demand by month (January first): busy in January and March, quieter in August and December. */
export const SEASONAL = [1.1, 1.05, 1.1, 0.95, 1, 1, 0.95, 0.85, 1, 1.05, 1, 0.8];

/** Demand by weekday (Monday first). */
export const WEEKDAY = [1.2, 1.05, 1, 0.95, 0.85, 1, 1];

/**
 * Staff at work as a share of normal on a date: leave between Christmas and New Year, school
 * holidays in August and at Easter, and overtime to clear work before the financial year ends.
 */
export function staffing(month: number, dayOfMonth: number): number {
  if ((month === 12 && dayOfMonth >= 22) || (month === 1 && dayOfMonth <= 2)) return 0.72;
  if ((month === 12 && dayOfMonth >= 15) || (month === 1 && dayOfMonth <= 9)) return 0.88;
  if (month === 8) return 0.85;
  if (month === 7 && dayOfMonth >= 21) return 0.92;
  if (month === 4 && dayOfMonth <= 14) return 0.93;
  if (month === 3 && dayOfMonth >= 14) return 1.08;
  return 1;
}

/**
 * A slow random walk of unit variance by month: the stationary AR(1) series
 * `x[m] = φ·x[m-1] + √(1-φ²)·ε[m]`, written as its moving sum so that any month is computed on its
 * own. Between mid-months a day's value is interpolated, so conditions drift rather than jump.
 */
export class MonthlyWalk {
  private readonly months = new Map<number, number>();

  constructor(
    private readonly seed: number,
    private readonly stream: number,
  ) {}

  /** The walk in month `index` (months since January of year 0). */
  month(index: number): number {
    let value = this.months.get(index);
    if (value === undefined) {
      value = 0;
      let weight = Math.sqrt(1 - PERSISTENCE * PERSISTENCE);
      for (let k = 0; k < WALK_TERMS; k++) {
        value += weight * Random.for(this.seed, STREAM_WALK, this.stream, index - k).normal();
        weight *= PERSISTENCE;
      }
      this.months.set(index, value);
    }
    return value;
  }

  /** The walk on a day (days since 1970-01-01). */
  day(day: number): number {
    const { year, month, day: dayOfMonth } = dayNumberToCivil(day);
    const index = year * 12 + month - 1;
    const position = (dayOfMonth - 0.5) / daysInMonth(year, month) - 0.5;
    if (position < 0) {
      return lerp(this.month(index - 1), this.month(index), position + 1);
    }
    return lerp(this.month(index), this.month(index + 1), position);
  }
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Softly holds a drift within ±2: managers act before things drift much further. */
function held(drift: number): number {
  return 2 * Math.tanh(drift / 2);
}

/** How a work type's turnaround varies (log-scale spreads: 0.1 is about ±10%). */
export interface Variation {
  /** Spread of the month-level walk of the turnaround. */
  spread: number;
  /** How strongly turnaround follows seasonal demand over staffing (0: not at all). */
  elasticity: number;
  /** Spread of day-to-day noise. */
  daily: number;
  /** Short incidents (an outage, a system fault): a chance a day, days they last, slowdown. */
  incidents?: { rate: number; days: number; severity: number };
  /**
   * While a current story holds the figure (the last 100 days): a calmer drift and season, so
   * that the story reads the same whatever the time of year.
   */
  story?: { spread: number; elasticity: number };
}

export interface DayConditions {
  /** Multiplies the day's arrivals (before weekday and growth). */
  demand: number;
  /** Multiplies the day's turnaround: above 1 is slower. */
  pace: number;
  /** An incident slows this day's work. */
  incident: boolean;
}

/** Conditions for one seed: walks are made once and remember their months. */
export class DemoConditions {
  private readonly walks = new Map<number, MonthlyWalk>();

  constructor(readonly seed: number) {}

  walk(stream: number): MonthlyWalk {
    let walk = this.walks.get(stream);
    if (!walk) {
      walk = new MonthlyWalk(this.seed, stream);
      this.walks.set(stream, walk);
    }
    return walk;
  }

  /** True when an incident of the stream is under way on the day. */
  incident(stream: number, day: number, rate: number, days: number): boolean {
    for (let k = 0; k < days; k++) {
      const random = Random.for(this.seed, STREAM_INCIDENT, stream, day - k);
      if (random.chance(rate) && random.int(1, days) > k) return true;
    }
    return false;
  }

  /**
   * A work type's conditions on a day. `stream` names the work type and `serviceStream` its
   * service: work types of one service share part of their drift (the same people and systems).
   */
  work(
    variation: Variation,
    stream: number,
    serviceStream: number,
    day: number,
    story: boolean,
    random: Random,
  ): DayConditions {
    const { month, day: dayOfMonth } = dayNumberToCivil(day);
    const seasonal = SEASONAL[month - 1] ?? 1;
    const demandDrift = Math.exp(0.05 * this.walk(100 + stream).day(day));
    // Unit variance: partly the service's drift, partly the work type's own.
    const drift = held(
      0.6 * this.walk(200 + serviceStream).day(day) + 0.8 * this.walk(300 + stream).day(day),
    );
    const { spread, elasticity } = (story && variation.story) || variation;
    const incidents = variation.incidents;
    const incident = incidents ? this.incident(stream, day, incidents.rate, incidents.days) : false;
    const pace =
      (seasonal / staffing(month, dayOfMonth)) ** elasticity *
      Math.sqrt(demandDrift) *
      Math.exp(spread * drift + variation.daily * random.normal()) *
      (incident && incidents ? incidents.severity : 1);
    return { demand: seasonal * demandDrift, pace, incident };
  }

  /** Change in a quality check's chance of passing (about 2 points either way over the months). */
  quality(stream: number, day: number): number {
    return 0.018 * held(this.walk(400 + stream).day(day));
  }

  /** Change in a response's chance of being satisfied, and the day's share of responses. */
  feedback(day: number): { satisfied: number; volume: number } {
    const { month } = dayNumberToCivil(day);
    // Busy winters cost a little satisfaction; the drift is the rest of the story.
    const winter = month === 1 || month === 2 ? -0.012 : 0;
    return {
      satisfied: winter + 0.02 * held(this.walk(500).day(day)),
      volume: Math.exp(0.08 * this.walk(501).day(day)),
    };
  }
}

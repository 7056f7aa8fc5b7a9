import {
  type Figure,
  IsoDateSchema,
  type PublishedValue,
  type ScorecardEntry,
  type ScorecardResponse,
  StatusSchema,
  type ValueUnit,
  ValueUnitSchema,
} from '@ipo/contracts';
import { z } from 'zod';

/**
 * What a publication freezes of each standard (decision 13): the office's figures exactly as the
 * scorecard computed them, reduced to what the public may see. Team figures never come here, and a
 * satisfaction figure the scorecard withholds ('fewer than 10') stays withheld: no value, no n.
 */

/** One period of a standard's trend, as it stood when published. */
export const TrendPointSchema = z.object({
  period: z.string(),
  label: z.string(),
  start: IsoDateSchema,
  end: IsoDateSchema,
  value: z.number().nullable(),
  n: z.number().int().min(0),
  withheld: z.boolean(),
  status: StatusSchema,
  target: z.number().nullable(),
});
export type TrendPoint = z.infer<typeof TrendPointSchema>;

/** The jsonb column `publication_figure.trend`: checked when written and when read. */
export const TrendSchema = z.array(TrendPointSchema).max(12);

export const PublicFigureSchema = z.object({
  standardCode: z.string(),
  position: z.number().int(),
  title: z.string(),
  kind: z.string(),
  unit: ValueUnitSchema,
  value: z.number().nullable(),
  n: z.number().int().min(0),
  withheld: z.boolean(),
  status: StatusSchema,
  lowVolume: z.boolean(),
  targetValue: z.number().nullable(),
  targetTolerance: z.number().nullable(),
  targetWords: z.string(),
  ytd: z.object({
    start: IsoDateSchema,
    end: IsoDateSchema,
    value: z.number().nullable(),
    n: z.number().int().min(0),
    withheld: z.boolean(),
    status: StatusSchema,
  }),
  trend: TrendSchema,
});
export type PublicFigure = z.infer<typeof PublicFigureSchema>;

/** A figure as the public sees it: withheld figures carry neither value nor n. */
function publicValue(f: Pick<Figure, 'value' | 'n' | 'suppressed' | 'status'>): PublishedValue {
  if (f.suppressed) return { value: null, n: 0, status: 'no_data', withheld: true };
  return { value: f.value, n: f.n ?? 0, status: f.status, withheld: false };
}

/** '90%' or '10 working days' (the target's figure alone); 'No target' when none is in force. */
export function targetInWords(target: number | null, unit: ValueUnit): string {
  if (target === null) return 'No target';
  return unit === 'share' ? `${oneDecimal(target * 100)}%` : workingDays(target);
}

const oneDecimalFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function oneDecimal(n: number): string {
  return oneDecimalFormat.format(n);
}

function workingDays(n: number): string {
  return `${oneDecimal(n)} working ${n === 1 ? 'day' : 'days'}`;
}

/**
 * The number as shown on the dashboard, the public page and in the downloads: a percentage to 1
 * decimal place, or working days to 1 decimal place. Null when there is no figure.
 */
export function displayNumber(value: number | null, unit: ValueUnit): number | null {
  if (value === null) return null;
  const scaled = unit === 'share' ? value * 100 : value;
  return Math.round(scaled * 10) / 10;
}

/** The value in words: '94.2%', '8 working days', 'Fewer than 10 responses' or 'No data'. */
export function valueInWords(v: Pick<PublishedValue, 'value' | 'withheld'>, unit: ValueUnit) {
  if (v.withheld) return 'Fewer than 10 responses';
  const shown = displayNumber(v.value, unit);
  if (shown === null) return 'No data';
  return unit === 'share' ? `${oneDecimal(shown)}%` : workingDays(shown);
}

/**
 * Whether the public would see a difference between two figures: the value as displayed, the
 * status, n, or whether it is withheld.
 */
export function sameAsShown(a: PublishedValue, b: PublishedValue, unit: ValueUnit): boolean {
  return (
    displayNumber(a.value, unit) === displayNumber(b.value, unit) &&
    a.status === b.status &&
    a.n === b.n &&
    a.withheld === b.withheld
  );
}

export function headline(f: PublicFigure): PublishedValue {
  return { value: f.value, n: f.n, status: f.status, withheld: f.withheld };
}

function entryFigure(entry: ScorecardEntry, position: number): PublicFigure {
  const current = publicValue(entry);
  const ytd = publicValue(entry.yearToDate);
  return PublicFigureSchema.parse({
    standardCode: entry.code,
    position,
    title: entry.title,
    kind: entry.kind,
    unit: entry.unit,
    ...current,
    lowVolume: current.withheld ? false : entry.lowVolume,
    targetValue: entry.target?.value ?? null,
    targetTolerance: entry.target?.tolerance ?? null,
    targetWords: targetInWords(entry.target?.value ?? null, entry.unit),
    ytd: { start: entry.yearToDate.period.start, end: entry.yearToDate.period.end, ...ytd },
    trend: entry.sparkline.map((point) => ({
      period: point.period.id,
      label: point.period.label,
      start: point.period.start,
      end: point.period.end,
      ...publicValue(point),
      target: point.target,
    })),
  });
}

/**
 * The office's public figures of a scorecard, in its order. Refuses a team's scorecard: only
 * the whole office's figures are ever published.
 */
export function publicFigures(card: ScorecardResponse): PublicFigure[] {
  if (card.team) throw new Error('a team scorecard is never published');
  return card.standards.map(entryFigure);
}

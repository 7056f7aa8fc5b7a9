import { type Period, periodContaining, periodsBetween, type Tally } from '@ipo/domain';
import { type Figure as CubeFigure, M } from '../feedback/disclosure.js';
import type { StandardDef } from '../queries/standards.js';
import { figureOf } from './figures.js';

/** The calendar months that the periods cover, in order. */
export function monthsCovering(periods: Period[]): Period[] {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return [];
  return periodsBetween(
    periodContaining(first.start, 'month'),
    periodContaining(last.end, 'month'),
  );
}

/** A satisfaction figure: n is the responses with a score, successes those scoring 4 or 5. */
export function satisfactionFigure(standard: StandardDef, period: Period, f: CubeFigure) {
  const tally: Tally = {
    n: f.values[M.scored] as number,
    successes: f.values[M.satisfied] as number,
    histogram: null,
  };
  return figureOf(standard, period, tally, { hidden: f.hidden });
}

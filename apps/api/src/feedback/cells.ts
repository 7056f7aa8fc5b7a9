import type { Cell, ShareCell } from '@ipo/contracts';
import { SUPPRESSED_LABEL, suppress, wilsonInterval } from '@ipo/domain';
import { type Figure, M } from './disclosure.js';

/**
 * Figures of the feedback explorer (docs/measurement.md, 'Fairness and privacy'): every shown
 * figure carries its n; a hidden one carries nothing but the words 'fewer than 10'.
 */
export const hiddenCell = (): Cell => ({
  value: null,
  n: null,
  suppressed: true,
  label: SUPPRESSED_LABEL,
});

export const hiddenShare = (): ShareCell => ({
  ...hiddenCell(),
  successes: null,
  interval: null,
});

/**
 * A value over `n` responses of a figure: hidden with the figure, and when n itself is under 10
 * (no responses at all included, as measurement.md says 'fewer than 10' without exception).
 */
export function cell(figure: Figure, value: number | null, n: number): Cell {
  if (figure.hidden || suppress(n)) return hiddenCell();
  return { value, n, suppressed: false, label: null };
}

/** The figure's count of responses. */
export const countCell = (figure: Figure): Cell =>
  cell(figure, figure.values[M.responses] as number, figure.values[M.responses] as number);

/** A share of the figure's scored responses; hidden with the figure. */
export function shareCell(figure: Figure, successes: number, n: number): ShareCell {
  if (figure.hidden || suppress(n)) return hiddenShare();
  return {
    value: successes / n,
    n,
    suppressed: false,
    label: null,
    successes,
    interval: wilsonInterval(successes, n),
  };
}

/** The satisfied share (scores 4 and 5 of those with a score). */
export const satisfiedCell = (figure: Figure): ShareCell =>
  shareCell(figure, figure.values[M.satisfied] as number, figure.values[M.scored] as number);

import type { FigureUnit } from '@ipo/domain';

export interface TrendScale {
  min: number;
  max: number;
  /** Values with a grid line and a label, lowest first. */
  ticks: number[];
}

/**
 * The value axis of a trend chart: shares from a round tenth below the lowest value (or target)
 * up to 100%; working days from 0 up to a round step above the highest. Nothing to plot: the
 * whole range of a share, or 0 to 10 working days.
 */
export function trendScale(values: readonly (number | null)[], unit: FigureUnit): TrendScale {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (unit === 'share') {
    const lowest = present.length ? Math.min(...present) : 0;
    const min = Math.max(0, Math.floor((lowest - 0.05) * 10 + 1e-9) / 10);
    const span = 1 - min;
    const step = span > 0.5 ? 0.2 : span > 0.25 ? 0.1 : 0.05;
    return { min, max: 1, ticks: ticksOf(min, 1, step) };
  }
  const highest = present.length ? Math.max(...present) : 10;
  const step = niceStep(Math.max(highest, 1) / 4);
  const max = Math.max(step, Math.ceil((highest * 1.1) / step - 1e-9) * step);
  return { min: 0, max, ticks: ticksOf(0, max, step) };
}

function ticksOf(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + 1e-9; i++) {
    ticks.push(Math.round((min + i * step) * 1e6) / 1e6);
  }
  return ticks;
}

/** 1, 2 or 5 times a power of ten, at least `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * power >= rough) return m * power;
  return 10 * power;
}

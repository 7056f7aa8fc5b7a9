import type { Figure } from '@ipo/contracts';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline, sparklineSummary } from './sparkline';

function figure(month: number, value: number | null, target: number | null): Figure {
  const id = `2025-${String(month).padStart(2, '0')}`;
  return {
    period: { id, label: id },
    value,
    target,
    status: value === null ? 'no_data' : 'met',
    n: value === null ? 0 : 100,
    suppressed: false,
  } as unknown as Figure;
}

/** The y coordinates of the value line, in order. */
function lineYs(container: HTMLElement): number[] {
  const paths = container.querySelectorAll('path');
  const d = paths[1]?.getAttribute('d') ?? '';
  return [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
}

describe('Sparkline', () => {
  it('draws working days upright from zero: more days is higher, and says lower is better', () => {
    const points = [figure(1, 4, 10), figure(2, 8, 10), figure(3, 0, 10)];
    const { container } = render(<Sparkline points={points} unit="working_days" />);
    const [a, b, c] = lineYs(container) as [number, number, number];
    // SVG y grows downwards: the larger value sits higher, nearer the top.
    expect(b).toBeLessThan(a);
    expect(c).toBeGreaterThan(a);
    // Zero is the bottom edge (height 40, padding 6), not the lowest value's place by chance:
    expect(c).toBeCloseTo(34, 5);
    // 4 days sits at well under half the height (the axis reaches past the target of 10).
    expect(34 - a).toBeGreaterThan(0);
    expect(34 - a).toBeLessThan(14);
    expect(sparklineSummary(points, 'working_days')).toContain('(lower is better)');
  });

  it('draws shares on 0-100%, higher is higher', () => {
    const points = [figure(1, 0.5, 0.9), figure(2, 1, 0.9)];
    const { container } = render(<Sparkline points={points} unit="share" />);
    const [a, b] = lineYs(container) as [number, number];
    expect(b).toBeCloseTo(6, 5);
    expect(a).toBeCloseTo(20, 5);
    expect(sparklineSummary(points, 'share')).not.toContain('lower is better');
  });
});

import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SatisfactionTrendChart, type TrendPoint } from './feedback-charts';

// jsdom has no layout: the chart's responsive wrapper reads its size from the box it is drawn in,
// so here that box measures 600 by 280 pixels (restored after each test).
beforeEach(() => {
  const measure = HTMLElement.prototype.getBoundingClientRect;
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
    this: HTMLElement,
  ) {
    if (!this.classList.contains('recharts-wrapper')) return measure.call(this);
    return {
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      right: 600,
      bottom: 280,
      width: 600,
      height: 280,
    } as DOMRect;
  });
});

const points: TrendPoint[] = [
  { label: '2025-10', value: 88.4, target: 85, status: 'met' },
  { label: '2025-11', value: 83, target: 85, status: 'near' },
  { label: '2025-12', value: 91.2, target: 85, status: 'met' },
];

describe('the satisfaction trend chart', () => {
  it('runs upright from 0% to 100%, however high the values, and names its target in words', () => {
    const { container } = render(<SatisfactionTrendChart points={points} marks={[]} />);
    const ticks = [
      ...container.querySelectorAll(
        '.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value',
      ),
    ]
      .map((text) => ({ text: text.textContent ?? '', y: Number(text.getAttribute('y')) }))
      .sort((a, b) => a.y - b.y)
      .map((tick) => tick.text);
    // Top to bottom: 100% first, 0% last, falling all the way.
    expect(ticks[0]).toBe('100%');
    expect(ticks.at(-1)).toBe('0%');
    const values = ticks.map((text) => Number(text.replace('%', '')));
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(
      [...container.querySelectorAll('.app-chart__target-label')].map((l) => l.textContent),
    ).toEqual(['Target: 85% or more']);
  });
});

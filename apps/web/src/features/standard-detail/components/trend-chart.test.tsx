import type { ValueUnit } from '@ipo/contracts';
import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BreakdownRow, TrendRow } from '../utils/tables';
import { BreakdownChart } from './bar-charts';
import { TrendChart } from './trend-chart';

// jsdom has no layout: the charts' responsive wrapper reads its size from the box it is drawn in,
// so here that box measures 600 by 320 pixels (restored after each test). Anything else, such as
// the span the chart measures its tick labels with, keeps jsdom's size of nothing.
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
      bottom: 320,
      width: 600,
      height: 320,
    } as DOMRect;
  });
});

function trendRow(i: number, value: number | null, target: number | null): TrendRow {
  return {
    id: `2025-0${i + 1}`,
    period: `Month ${i + 1}`,
    value,
    target,
    status: value === null ? 'no_data' : 'met',
    n: value === null ? 0 : 100,
    suppressed: false,
    lowVolume: false,
    lower: null,
    upper: null,
  };
}

/** The value axis's ticks, top of the chart first: their labels and heights on the page. */
function valueTicks(container: HTMLElement): { text: string; y: number }[] {
  const ticks = [
    ...container.querySelectorAll(
      '.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value',
    ),
  ];
  return ticks
    .map((text) => ({ text: text.textContent ?? '', y: Number(text.getAttribute('y')) }))
    .sort((a, b) => a.y - b.y);
}

function drawTrend(rows: TrendRow[], unit: ValueUnit) {
  return render(<TrendChart rows={rows} unit={unit} onSelect={() => {}} />);
}

describe('the trend chart', () => {
  it('draws working days on an upright axis from zero, and says in the target line that lower is better', () => {
    // Working days to finish 90% of the work: fewer is better.
    const rows = [trendRow(0, 12, 10), trendRow(1, 9, 10), trendRow(2, 7.5, 8)];
    const { container } = drawTrend(rows, 'working_days');

    const ticks = valueTicks(container);
    expect(ticks.length).toBeGreaterThan(2);
    // Upright: read from the top down, the values fall, ending at 0 at the bottom.
    const values = ticks.map((tick) => Number(tick.text));
    expect(values.at(-1)).toBe(0);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    // The largest value (12) fits under the top of the axis, a round number of days.
    expect(values[0]).toBeGreaterThan(12);
    expect(values).toEqual([15, 10, 5, 0]);

    // The target is named in words on its line, at the latest period (8 working days then).
    const labels = [...container.querySelectorAll('.app-chart__target-label')];
    expect(labels.map((label) => label.textContent)).toEqual([
      'Target: 8 working days or fewer (lower is better)',
    ]);
  });

  it('draws a share from 0% to 100%, upright, with its target as "or more"', () => {
    const rows = [trendRow(0, 94.2, 90), trendRow(1, 88, 90), trendRow(2, null, 90)];
    const { container } = drawTrend(rows, 'share');

    const ticks = valueTicks(container);
    expect(ticks[0]?.text).toBe('100%');
    expect(ticks.at(-1)?.text).toBe('0%');
    const values = ticks.map((tick) => Number(tick.text.replace('%', '')));
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(
      [...container.querySelectorAll('.app-chart__target-label')].map((l) => l.textContent),
    ).toEqual(['Target: 90% or more']);
  });

  it('draws the value points higher up the chart the larger they are, whatever the measure', () => {
    const rows = [trendRow(0, 12, 10), trendRow(1, 6, 10)];
    const { container } = drawTrend(rows, 'working_days');
    // The value line's points: 12 working days is drawn above (a smaller y than) 6.
    const path = container.querySelectorAll('.recharts-line-curve')[1]?.getAttribute('d') ?? '';
    const ys = [...path.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[2]));
    expect(ys).toHaveLength(2);
    expect(ys[0]).toBeLessThan(ys[1] as number);
  });
});

describe('the breakdown chart', () => {
  const breakdownRow = (group: string, value: number): BreakdownRow => ({
    key: group,
    group,
    n: 100,
    suppressed: false,
    value,
    status: 'met',
    lowVolume: false,
    gap: null,
    flagged: null,
    reason: '',
  });

  it('labels the target line with which way is better, on an axis from zero', () => {
    const { container, unmount } = render(
      <BreakdownChart
        rows={[breakdownRow('Team A', 9), breakdownRow('Team B', 14)]}
        unit="working_days"
        target={10}
        onSelect={() => {}}
      />,
    );
    expect(container.querySelector('.app-chart__target-label')).toHaveTextContent(
      'Target: 10 working days or fewer (lower is better)',
    );
    const ticks = [
      ...container.querySelectorAll(
        '.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value',
      ),
    ]
      .sort((a, b) => Number(a.getAttribute('x')) - Number(b.getAttribute('x')))
      .map((text) => Number(text.textContent));
    expect(ticks[0]).toBe(0);
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
    unmount();

    const share = render(
      <BreakdownChart
        rows={[breakdownRow('Team A', 95)]}
        unit="share"
        target={90}
        onSelect={() => {}}
      />,
    );
    expect(share.container.querySelector('.app-chart__target-label')).toHaveTextContent(
      'Target: 90% or more',
    );
  });
});

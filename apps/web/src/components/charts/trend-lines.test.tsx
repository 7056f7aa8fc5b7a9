import { render } from '@testing-library/react';
import { ComposedChart, Line, XAxis, YAxis } from 'recharts';
import { describe, expect, it } from 'vitest';
import { annotationMarks, StatusDot, TargetStepLine } from './trend-lines';

const rows = [
  { label: 'Jan', value: 90, target: 85, status: 'met' as const },
  { label: 'Feb', value: 80, target: 85, status: 'missed' as const },
  { label: 'Mar', value: null, target: 90, status: 'no_data' as const },
];

function chart(children: React.ReactNode) {
  // A fixed size: jsdom has no layout, so a responsive chart would draw nothing.
  return render(
    <ComposedChart data={rows} width={400} height={200} accessibilityLayer={false}>
      <XAxis dataKey="label" />
      <YAxis domain={[0, 100]} />
      {children}
    </ComposedChart>,
  );
}

describe('TargetStepLine', () => {
  it('draws the target as one dashed step line through every period', () => {
    const { container } = chart(<TargetStepLine />);
    const paths = container.querySelectorAll('.recharts-line-curve');
    expect(paths).toHaveLength(1);
    const path = paths[0]!;
    expect(path).toHaveAttribute('stroke-dasharray', '6 4');
    expect(path).toHaveAttribute('stroke-width', '2');
    // A step: every segment is level or upright, never a slope, and the target's change from
    // 85 to 90 is one upright segment.
    const points = [...(path.getAttribute('d') ?? '').matchAll(/([\d.]+),([\d.]+)/g)].map(
      (m) => [Number(m[1]), Number(m[2])] as const,
    );
    expect(points.length).toBeGreaterThanOrEqual(rows.length);
    const segments = points.slice(1).map((to, i) => [points[i]!, to] as const);
    const level = segments.filter(([a, b]) => Math.abs(a[1] - b[1]) < 1e-6);
    const upright = segments.filter(
      ([a, b]) => Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) >= 1e-6,
    );
    expect(level.length + upright.length).toBe(segments.length);
    expect(upright).toHaveLength(1);
    expect(container.querySelectorAll('.recharts-line-dot')).toHaveLength(0);
  });
});

describe('StatusDot', () => {
  it('marks each point with its status shape, and no point without a value', () => {
    const { container } = chart(
      <Line
        dataKey="value"
        isAnimationActive={false}
        dot={(props) => (
          <StatusDot
            key={props.index}
            cx={props.cx}
            cy={props.cy}
            payload={props.payload}
            size={14}
            className="app-chart__point"
          />
        )}
      />,
    );
    expect(container.querySelectorAll('.app-chart__point')).toHaveLength(2);
  });
});

describe('annotationMarks', () => {
  it('draws a range as a labelled band and a single period as a labelled line, in text', () => {
    // Reference marks are drawn on a chart that has a series (here, the target).
    const { container } = chart(
      <>
        <TargetStepLine />
        {annotationMarks([
          { id: '1', from: 'Jan', to: 'Feb', label: 'Telephony outage' },
          {
            id: '2',
            from: 'Mar',
            to: 'Mar',
            label: 'A new case system for every examiner, in one go',
          },
        ])}
      </>,
    );
    const areas = container.querySelectorAll('.recharts-reference-area');
    const lines = container.querySelectorAll('.recharts-reference-line');
    expect(areas).toHaveLength(1);
    expect(lines).toHaveLength(1);
    // Each is labelled with its note (long notes cut short; the table has them whole).
    const labels = [...container.querySelectorAll('.app-chart__annotation-label')].map(
      (label) => label.textContent,
    );
    expect(labels).toEqual(['Telephony outage', 'A new case system for every exa…']);
    // A pattern as well as a colour: the edge is dotted.
    expect(areas[0]?.querySelector('path, rect')).toHaveAttribute('stroke-dasharray', '2 3');
    expect(lines[0]?.querySelector('line')).toHaveAttribute('stroke-dasharray', '2 3');
  });

  it('draws nothing without annotations', () => {
    const { container } = chart(
      <>
        <TargetStepLine />
        {annotationMarks([])}
      </>,
    );
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(1);
    expect(
      container.querySelectorAll('.recharts-reference-area, .recharts-reference-line'),
    ).toHaveLength(0);
  });
});

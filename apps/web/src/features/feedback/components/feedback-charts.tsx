import type { Status } from '@ipo/contracts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { palette } from '../../../components/charts/palette';
import { targetLabel } from '../../../components/charts/target-words';
import { StatusDot, TargetStepLine } from '../../../components/charts/trend-lines';

const tick = { fontSize: 14, fill: palette.text };

export interface TrendPoint {
  label: string;
  value: number | null;
  target: number;
  status: Status;
}

/**
 * Satisfied share (%) per month or quarter with the target as a dashed step line, labelled in
 * words ('Target: 85% or more'), on an upright axis from 0 to 100%.
 */
export function SatisfactionTrendChart({
  points,
  marks,
}: {
  points: readonly TrendPoint[];
  marks: readonly { label: string; title: string }[];
}) {
  const lastIndex = points.length - 1;
  const last = points[lastIndex];
  return (
    <ComposedChart
      data={points as TrendPoint[]}
      responsive
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 10, right: 16, bottom: 5, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={palette.grid} vertical={false} />
      <XAxis dataKey="label" tick={tick} interval="preserveStartEnd" minTickGap={16} />
      <YAxis domain={[0, 100]} tick={tick} width={48} tickFormatter={(v: number) => `${v}%`} />
      <Tooltip />
      {marks.map((m) => (
        <ReferenceLine
          key={`${m.label}-${m.title}`}
          x={m.label}
          stroke={palette.outline}
          strokeDasharray="2 2"
          label={{ value: '▲ action', position: 'insideTopLeft', fontSize: 12 }}
        />
      ))}
      <TargetStepLine
        label={last ? { text: targetLabel(last.target, 'share'), index: lastIndex } : undefined}
      />
      <Line
        type="linear"
        dataKey="value"
        name="Satisfied"
        stroke={palette.series}
        strokeWidth={2}
        connectNulls={false}
        dot={(props) => (
          <StatusDot
            key={props.index}
            cx={props.cx}
            cy={props.cy}
            payload={props.payload}
            size={12}
          />
        )}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}

/** Vertical bars of counts (suppressed bars are left out of the drawing, not drawn as zero). */
export function CountBarChart({
  rows,
  onSelect,
}: {
  rows: readonly { label: string; value: number | null; previous?: number | null }[];
  onSelect?: (index: number) => void;
}) {
  const hasPrevious = rows.some((r) => r.previous !== undefined);
  return (
    <BarChart
      data={rows as { label: string; value: number | null }[]}
      layout="vertical"
      responsive
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 5, right: 16, bottom: 5, left: 0 }}
      accessibilityLayer={false}
      onClick={(state) => {
        if (onSelect && state.activeIndex !== undefined) onSelect(Number(state.activeIndex));
      }}
      cursor={onSelect ? 'pointer' : 'default'}
    >
      <CartesianGrid stroke={palette.grid} horizontal={false} />
      <XAxis type="number" tick={tick} allowDecimals={false} />
      <YAxis type="category" dataKey="label" tick={tick} width={130} />
      <Tooltip />
      {hasPrevious ? (
        <Bar
          dataKey="previous"
          name="Previous period"
          fill={palette.beyond}
          stroke={palette.outline}
          isAnimationActive={false}
        />
      ) : null}
      <Bar
        dataKey="value"
        name="This period"
        fill={palette.series}
        stroke={palette.outline}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

import type { Status } from '@ipo/contracts';
import { Line } from 'recharts';
import { StatusShape } from '../status/status-shape';
import { palette } from './palette';

/** How a target is drawn, in the charts and in their keys: a dark dashed line. */
export const targetLineStyle = {
  stroke: palette.target,
  strokeDasharray: '6 4',
  strokeWidth: 2,
} as const;

/**
 * The target of each period as a step line: level across a period, a step where the target
 * changes. It reads each row's `target` (a number, or null where there is none). For any Recharts
 * chart with a category axis, such as the trend charts.
 */
export function TargetStepLine({ dataKey = 'target' }: { dataKey?: string }) {
  return (
    <Line
      type="stepAfter"
      dataKey={dataKey}
      name="Target"
      {...targetLineStyle}
      dot={false}
      activeDot={false}
      isAnimationActive={false}
    />
  );
}

/**
 * A trend's point drawn as its status shape (as well as its colour), for a Line's `dot` and
 * `activeDot`. A row with no value has no point.
 */
export function StatusDot({
  cx,
  cy,
  payload,
  size,
  className,
}: {
  cx?: number | undefined;
  cy?: number | undefined;
  /** The row of the point: its value and status. */
  payload?: unknown;
  size: number;
  className?: string | undefined;
}) {
  const row = payload as { value: number | null; status: Status } | undefined;
  if (cx == null || cy == null || !row || row.value === null) return null;
  return (
    <g transform={`translate(${cx} ${cy})`} className={className}>
      <StatusShape status={row.status} size={size} />
    </g>
  );
}

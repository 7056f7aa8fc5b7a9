import type { ValueUnit } from '@ipo/contracts';
import {
  Bar,
  BarChart,
  type BarShapeProps,
  CartesianGrid,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { palette, statusColours } from '../../../components/charts/palette';
import { targetLabel } from '../../../components/charts/target-words';
import { targetReferenceLabel } from '../../../components/charts/trend-lines';
import { StatusShape } from '../../../components/status/status-shape';
import type { AgeingRow, BreakdownRow, DistributionRow } from '../utils/tables';

const tick = { fontSize: 14, fill: palette.text };

/** Diagonal hatching for the 'not meeting' parts, so they differ by texture as well as colour. */
function Hatch({ id, colour }: { id: string; colour: string }) {
  return (
    <defs>
      <pattern
        id={id}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" fill={colour} />
        <line x1="0" y1="0" x2="0" y2="6" stroke={palette.outline} strokeWidth="1.5" />
      </pattern>
    </defs>
  );
}

function BreakdownBar(props: BarShapeProps) {
  const { x, y, width, height, payload } = props;
  const row = payload as BreakdownRow;
  // A group without a value (withheld, or no data) has no bar: the table says why.
  if (x == null || y == null || width == null || height == null || row.value === null) return null;
  return (
    <g className="app-chart__point">
      <rect
        x={x}
        y={y}
        width={Math.max(width, 1)}
        height={height}
        fill={statusColours[row.status]}
        stroke={palette.outline}
        strokeWidth={1}
      />
      <g transform={`translate(${x + Math.max(width, 1) + 12} ${y + height / 2})`}>
        <StatusShape status={row.status} size={14} />
      </g>
    </g>
  );
}

/** One bar per group, coloured and marked with its status shape, the target as a line. */
export function BreakdownChart({
  rows,
  unit,
  target,
  onSelect,
}: {
  rows: readonly BreakdownRow[];
  unit: ValueUnit;
  target: number | null;
  onSelect: (row: BreakdownRow) => void;
}) {
  const max = Math.max(
    unit === 'share' ? 100 : 1,
    ...rows.map((row) => row.value ?? 0),
    target ?? 0,
  );
  // From zero: bars compare by length. Lower is better for working days, said in the target's
  // label rather than by turning the axis round.
  const axisMax = unit === 'share' ? 100 : Math.ceil(max + 1);
  return (
    <BarChart
      data={rows as BreakdownRow[]}
      layout="vertical"
      responsive
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 20, right: 36, bottom: 5, left: 0 }}
      accessibilityLayer={false}
      barCategoryGap="25%"
    >
      <CartesianGrid stroke={palette.grid} horizontal={false} />
      <XAxis
        type="number"
        domain={[0, axisMax]}
        tick={tick}
        tickFormatter={(value: number) => (unit === 'share' ? `${value}%` : String(value))}
      />
      <YAxis
        type="category"
        dataKey="group"
        tick={tick}
        width={Math.min(260, 16 + 8 * Math.max(...rows.map((row) => row.group.length)))}
      />
      <Tooltip cursor={{ fill: '#f3f2f1' }} />
      <Bar
        dataKey="value"
        name="Value"
        shape={BreakdownBar}
        isAnimationActive={false}
        cursor="pointer"
        onClick={(_, index) => {
          const row = rows[index];
          if (row) onSelect(row);
        }}
      />
      {target === null ? null : (
        <ReferenceLine
          x={target}
          stroke={palette.target}
          strokeDasharray="6 4"
          strokeWidth={2}
          label={targetReferenceLabel(targetLabel(target, unit), target > axisMax / 2)}
        />
      )}
    </BarChart>
  );
}

/** How long things took, in bands; the part of each band meeting the standard is solid. */
export function DistributionChart({
  rows,
  thresholdBand,
}: {
  rows: readonly DistributionRow[];
  /** The band that holds the threshold, to mark it. */
  thresholdBand: string | null;
}) {
  return (
    <BarChart
      data={rows as DistributionRow[]}
      responsive
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 20, right: 16, bottom: 5, left: 0 }}
      accessibilityLayer={false}
      barCategoryGap="10%"
    >
      <Hatch id="app-hatch-beyond" colour={palette.beyond} />
      <CartesianGrid stroke={palette.grid} vertical={false} />
      <XAxis dataKey="band" tick={tick} interval="preserveStartEnd" minTickGap={12} />
      <YAxis tick={tick} width={56} allowDecimals={false} />
      <Tooltip cursor={{ fill: '#f3f2f1' }} />
      <Bar
        dataKey="within"
        name="Meeting the standard"
        stackId="count"
        fill={palette.within}
        stroke={palette.outline}
        isAnimationActive={false}
      />
      <Bar
        dataKey="beyond"
        name="Not meeting the standard"
        stackId="count"
        fill="url(#app-hatch-beyond)"
        stroke={palette.outline}
        isAnimationActive={false}
      />
      {thresholdBand === null ? null : (
        <ReferenceLine
          x={thresholdBand}
          stroke={palette.target}
          strokeDasharray="6 4"
          strokeWidth={2}
          label={{ value: 'Threshold', position: 'top', fill: palette.text, fontSize: 14 }}
        />
      )}
    </BarChart>
  );
}

/** Open items by age; the part already past the threshold is hatched. */
export function AgeingChart({ rows }: { rows: readonly AgeingRow[] }) {
  const data = rows.map((row) => ({ ...row, notLate: row.open - row.late }));
  return (
    <BarChart
      data={data}
      responsive
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 10, right: 16, bottom: 5, left: 0 }}
      accessibilityLayer={false}
    >
      <Hatch id="app-hatch-late" colour={palette.beyond} />
      <CartesianGrid stroke={palette.grid} vertical={false} />
      <XAxis dataKey="band" tick={tick} />
      <YAxis tick={tick} width={56} allowDecimals={false} />
      <Tooltip cursor={{ fill: '#f3f2f1' }} />
      <Bar
        dataKey="notLate"
        name="Not yet late"
        stackId="age"
        fill={palette.within}
        stroke={palette.outline}
        isAnimationActive={false}
      />
      <Bar
        dataKey="late"
        name="Already late"
        stackId="age"
        fill="url(#app-hatch-late)"
        stroke={palette.outline}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

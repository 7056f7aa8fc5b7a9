import type { ValueUnit } from '@ipo/contracts';
import {
  CartesianGrid,
  ComposedChart,
  type DotItemDotProps,
  Line,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { palette } from '../../../components/charts/palette';
import { targetLabel } from '../../../components/charts/target-words';
import {
  type AnnotationMark,
  annotationMarks,
  StatusDot,
  TargetStepLine,
} from '../../../components/charts/trend-lines';
import { statusWords } from '../../../lib/format';
import type { TrendRow } from '../utils/tables';

const tick = { fontSize: 14, fill: palette.text };

/**
 * The value axis: upright and from zero, so that heights compare truly. Shares run 0 to 100%;
 * working days from 0 to a round number above the largest value or target (lower is better, said
 * in words on the target line, its key, the summary and the table, never by turning the axis
 * over).
 */
function valueAxis(
  rows: readonly TrendRow[],
  unit: ValueUnit,
): { domain: [number, number]; ticks?: number[] } {
  if (unit === 'share') return { domain: [0, 100] };
  const values = rows
    .flatMap((row) => [row.value, row.target])
    .filter((v): v is number => v !== null);
  const max = Math.max(0, ...values);
  // About four round steps (1, 2, 5, 10, 20...), the top one above the largest value.
  const step =
    [1, 2, 5, 10, 20, 50, 100, 200, 500].find((s) => s * 4 >= max) ??
    10 ** Math.ceil(Math.log10(max / 4));
  const top = (Math.floor(max / step) + 1) * step;
  return { domain: [0, top], ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}

/** The target line's words, at the latest period with a target. */
function latestTargetLabel(rows: readonly TrendRow[], unit: ValueUnit) {
  const index = rows.findLastIndex((row) => row.target !== null);
  const row = rows[index];
  return row ? { text: targetLabel(row.target, unit), index } : undefined;
}

function TrendTooltip({ active, payload, unit }: TooltipContentProps & { unit: ValueUnit }) {
  const row = payload?.[0]?.payload as TrendRow | undefined;
  if (!active || !row) return null;
  const suffix = unit === 'share' ? '%' : ' working days';
  return (
    <div className="app-chart-tooltip">
      <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{row.period}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {row.suppressed
          ? 'Not shown: fewer than 10 responses'
          : `${row.value === null ? 'No data' : `${row.value}${suffix}`} (${statusWords[row.status].toLowerCase()}${row.lowVolume ? ', low volume' : ''})`}
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        Target {row.target === null ? 'none' : `${row.target}${suffix}`}
        {row.n === null ? '' : `; n = ${row.n}`}
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-0">Select to see the records</p>
    </div>
  );
}

/**
 * The value per period with the target as a step line (a target change shows as a step), each
 * point marked with its status shape as well as colour. Clicking a period drills to its records.
 */
export function TrendChart({
  rows,
  unit,
  onSelect,
  annotations = [],
}: {
  rows: readonly TrendRow[];
  unit: ValueUnit;
  onSelect: (row: TrendRow) => void;
  /** Notes marked on the trend (telephony outage, new case system), by period label. */
  annotations?: readonly AnnotationMark[];
}) {
  return (
    <ComposedChart
      data={rows as TrendRow[]}
      responsive
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 10, right: 16, bottom: 5, left: 0 }}
      accessibilityLayer={false}
      cursor="pointer"
      onClick={(state) => {
        const row = rows[Number(state.activeIndex)];
        if (row) onSelect(row);
      }}
    >
      <CartesianGrid stroke={palette.grid} vertical={false} />
      <XAxis dataKey="period" tick={tick} interval="preserveStartEnd" minTickGap={16} />
      <YAxis
        {...valueAxis(rows, unit)}
        tick={tick}
        width={unit === 'share' ? 48 : 40}
        tickFormatter={(value: number) => (unit === 'share' ? `${value}%` : String(value))}
      />
      <Tooltip content={(props) => <TrendTooltip {...props} unit={unit} />} />
      {annotationMarks(annotations)}
      <TargetStepLine label={latestTargetLabel(rows, unit)} />
      <Line
        type="linear"
        dataKey="value"
        name="Value"
        stroke={palette.series}
        strokeWidth={2}
        dot={(props: DotItemDotProps) => (
          <StatusDot
            key={props.index}
            cx={props.cx}
            cy={props.cy}
            payload={props.payload}
            size={14}
            className="app-chart__point"
          />
        )}
        activeDot={(props) => (
          <StatusDot
            cx={props.cx}
            cy={props.cy}
            payload={props.payload}
            size={14}
            className="app-chart__point"
          />
        )}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}

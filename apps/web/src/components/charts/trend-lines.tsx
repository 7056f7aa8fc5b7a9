import type { Status } from '@ipo/contracts';
import { type LabelProps, Line, ReferenceArea, ReferenceLine } from 'recharts';
import { StatusShape } from '../status/status-shape';
import { palette } from './palette';

/** How a target is drawn, in the charts and in their keys: a dark dashed line. */
export const targetLineStyle = {
  stroke: palette.target,
  strokeDasharray: '6 4',
  strokeWidth: 2,
} as const;

/** How a target line's label is drawn: dark text on a white halo, legible over the lines. */
const targetLabelStyle = {
  fill: palette.text,
  fontSize: 13,
  stroke: '#ffffff',
  strokeWidth: 4,
  paintOrder: 'stroke',
} as const;

/**
 * The target of each period as a step line: level across a period, a step where the target
 * changes. It reads each row's `target` (a number, or null where there is none). For any Recharts
 * chart with a category axis, such as the trend charts. `label` names the target in words
 * ('Target: 90% or more', 'Target: 10 working days or fewer (lower is better)'), written just
 * above the line at the period `label.index` (the latest with a target), ending there.
 */
export function TargetStepLine({
  dataKey = 'target',
  label,
}: {
  dataKey?: string;
  label?: { text: string; index: number } | undefined;
}) {
  return (
    <Line
      type="stepAfter"
      dataKey={dataKey}
      name="Target"
      {...targetLineStyle}
      dot={false}
      activeDot={false}
      isAnimationActive={false}
      {...(label ? { label: (props: LabelProps) => targetLabelAt(props, label) } : {})}
    />
  );
}

function targetLabelAt(props: LabelProps, label: { text: string; index: number }) {
  const box = props.viewBox as { x?: number; y?: number } | undefined;
  if (props.index !== label.index || typeof box?.x !== 'number' || typeof box.y !== 'number') {
    return null;
  }
  // Above the line, or below it when the line runs along the top of the chart.
  const above = box.y - 8;
  return (
    <text
      x={box.x}
      y={above < 16 ? box.y + 18 : above}
      textAnchor="end"
      className="app-chart__target-label"
      {...targetLabelStyle}
    >
      {label.text}
    </text>
  );
}

/**
 * A target drawn as a reference line across a value axis (the breakdown's bars), labelled in
 * words above the plot. The label ends at the line when the line is in the right half of the
 * axis (`fromRight`), else starts there, so that it stays inside the chart.
 */
export function targetReferenceLabel(text: string, fromRight: boolean) {
  return (props: LabelProps) => {
    const box = props.viewBox as { x?: number; y?: number } | undefined;
    if (typeof box?.x !== 'number' || typeof box.y !== 'number') return null;
    return (
      <text
        x={box.x + (fromRight ? -4 : 4)}
        y={box.y - 6}
        textAnchor={fromRight ? 'end' : 'start'}
        className="app-chart__target-label"
        {...targetLabelStyle}
      >
        {text}
      </text>
    );
  };
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

/** An annotation on a trend: from one category (period label) to another, with its note. */
export interface AnnotationMark {
  id: string;
  /** The first and last categories it covers (the same for one period). */
  from: string;
  to: string;
  label: string;
}

/** How annotations are drawn, in the charts and in their keys: a dark dotted edge, a light band. */
export const annotationStyle = {
  stroke: palette.outline,
  strokeDasharray: '2 3',
  fill: '#b1b4b6',
  fillOpacity: 0.25,
} as const;

/** Long notes are cut short on the chart; the table and the summary carry them whole. */
const MAX_LABEL = 32;
const shortLabel = (text: string) =>
  text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1).trimEnd()}…` : text;

/**
 * Annotations as Recharts marks, for any chart with a category axis: a band (ReferenceArea) over
 * the periods an annotation covers, or a line (ReferenceLine) on its one period, each labelled
 * with its note in text, never by colour alone. Called as a function (not a component) so that
 * the marks are the chart's direct children. Labels of successive marks are stacked so that
 * neighbours do not overwrite each other.
 */
export function annotationMarks(marks: readonly AnnotationMark[]) {
  return marks.map((mark, i) => {
    const label = {
      value: shortLabel(mark.label),
      position: 'insideTopLeft' as const,
      fill: palette.text,
      fontSize: 12,
      offset: 4 + (i % 3) * 14,
      className: 'app-chart__annotation-label',
    };
    return mark.from === mark.to ? (
      <ReferenceLine
        key={mark.id}
        x={mark.from}
        stroke={annotationStyle.stroke}
        strokeDasharray={annotationStyle.strokeDasharray}
        strokeWidth={2}
        label={label}
        ifOverflow="extendDomain"
        className="app-chart__annotation"
      />
    ) : (
      <ReferenceArea
        key={mark.id}
        x1={mark.from}
        x2={mark.to}
        stroke={annotationStyle.stroke}
        strokeDasharray={annotationStyle.strokeDasharray}
        fill={annotationStyle.fill}
        fillOpacity={annotationStyle.fillOpacity}
        label={label}
        ifOverflow="extendDomain"
        className="app-chart__annotation"
      />
    );
  });
}

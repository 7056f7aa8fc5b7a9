import type { Status } from '@ipo/contracts';
import { Line, ReferenceArea, ReferenceLine } from 'recharts';
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

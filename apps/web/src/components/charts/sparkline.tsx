import type { Figure, ValueUnit } from '@ipo/contracts';
import { formatValue, statusWords } from '../../lib/format';
import { StatusShape } from '../status/status-shape';
import { palette } from './palette';

const width = 160;
const height = 40;
const pad = 6;

/** The sparkline in words, for its text alternative. */
export function sparklineSummary(points: readonly Figure[], unit: ValueUnit): string {
  const withData = points.filter((point) => point.value !== null);
  const first = points[0];
  const last = points[points.length - 1];
  const withheld = points.filter((point) => point.suppressed).length;
  const withheldText =
    withheld === 0
      ? ''
      : ` ${withheld} ${withheld === 1 ? 'period' : 'periods'} not shown: fewer than 10 responses.`;
  if (!first || !last || withData.length === 0) {
    return `No data in the last 12 periods.${withheldText}`;
  }
  const met = points.filter((point) => point.status === 'met').length;
  const values = withData.map((point) => point.value as number);
  return (
    `${first.period.label} to ${last.period.label}: ` +
    `lowest ${formatValue(Math.min(...values), unit)}, highest ${formatValue(Math.max(...values), unit)}; ` +
    `latest ${last.suppressed ? 'not shown (fewer than 10 responses)' : `${formatValue(last.value, unit)} (${statusWords[last.status].toLowerCase()})`}; ` +
    `target met in ${met} of ${points.length} periods` +
    `${unit === 'share' ? '' : ' (lower is better)'}.${withheldText}`
  );
}

/**
 * A tiny line of the last 12 periods, hand-drawn in SVG (the chart library stays out of the home
 * page's download). The target is a dashed step line; the latest point carries its status shape.
 */
export function Sparkline({ points, unit }: { points: readonly Figure[]; unit: ValueUnit }) {
  const label = sparklineSummary(points, unit);
  const values = points.flatMap((point) => [point.value, point.target]).filter((v) => v !== null);
  if (values.length === 0) {
    return (
      <svg
        className="app-sparkline"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
      >
        <line x1={pad} x2={width - pad} y1={height / 2} y2={height / 2} stroke={palette.grid} />
      </svg>
    );
  }
  // Upright from zero, as every chart here: shares up to 100%, working days up to the largest
  // value or target (fewer working days are better: the text alternative says so).
  const max = unit === 'share' ? 1 : Math.max(...values, 1) * 1.1;
  const step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
  const x = (i: number) => pad + i * step;
  const y = (v: number) => height - pad - (Math.max(v, 0) / max) * (height - 2 * pad);

  const valuePath = segments(
    points.map((point, i) => (point.value === null ? null : [x(i), y(point.value)])),
  );
  const targetPath = points
    .map((point, i) => {
      if (point.target === null) return '';
      const ty = y(point.target);
      const x0 = i === 0 ? x(0) : x(i) - step / 2;
      const x1 = i === points.length - 1 ? x(i) : x(i) + step / 2;
      return `M${x0} ${ty} H${x1}`;
    })
    .join(' ');
  const lastIndex = points.length - 1;
  const last = points[lastIndex];

  return (
    <svg className="app-sparkline" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path
        d={targetPath}
        stroke={palette.target}
        strokeDasharray="3 2"
        strokeWidth={1}
        fill="none"
      />
      <path
        d={valuePath}
        stroke={palette.series}
        strokeWidth={2}
        fill="none"
        strokeLinejoin="round"
      />
      {last && last.value !== null ? (
        <g transform={`translate(${x(lastIndex)} ${y(last.value)})`}>
          <StatusShape status={last.status} size={10} />
        </g>
      ) : null}
    </svg>
  );
}

/** An SVG path through the points, broken where a period has no data. */
function segments(points: ([number, number] | null)[]): string {
  let d = '';
  let pen = false;
  for (const point of points) {
    if (!point) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${point[0].toFixed(1)} ${point[1].toFixed(1)} `;
    pen = true;
  }
  return d.trim();
}

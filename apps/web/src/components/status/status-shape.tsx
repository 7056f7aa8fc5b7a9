import type { Status } from '@ipo/contracts';
import { palette, statusColours } from '../charts/palette';

/**
 * The shape that stands for a status, centred on (0, 0) and `size` across: met a tick in a
 * circle, near a triangle with an exclamation mark, missed a cross in a square, no data a dash.
 * Shared by the status tags, the sparklines and the chart markers, so a shape means the same
 * everywhere.
 */
export function StatusShape({
  status,
  size = 16,
  fill,
  mark = '#ffffff',
  outline = palette.outline,
}: {
  status: Status;
  size?: number;
  /** Defaults to the status colour. */
  fill?: string;
  /** Colour of the tick, cross or exclamation mark. */
  mark?: string;
  outline?: string;
}) {
  const s = size / 16;
  const colour = fill ?? statusColours[status];
  const stroke = {
    stroke: outline,
    strokeWidth: 1 / s,
    vectorEffect: 'non-scaling-stroke',
  } as const;
  const markStroke = {
    stroke: mark,
    strokeWidth: 2,
    fill: 'none',
    strokeLinecap: 'round',
    strokeLinejoin: 'round',
  } as const;
  return (
    <g transform={`scale(${s})`}>
      {status === 'met' && (
        <>
          <circle r={7.5} fill={colour} {...stroke} />
          <path d="M-3.5 0.2 L-1 2.8 L3.8 -2.6" {...markStroke} />
        </>
      )}
      {status === 'near' && (
        <>
          <path d="M0 -7.8 L7.8 6.8 L-7.8 6.8 Z" fill={colour} {...stroke} />
          <path d="M0 -3.2 L0 1.4" {...markStroke} stroke={palette.outline} />
          <circle cy={4} r={1.1} fill={palette.outline} />
        </>
      )}
      {status === 'missed' && (
        <>
          <rect x={-7} y={-7} width={14} height={14} fill={colour} {...stroke} />
          <path d="M-3 -3 L3 3 M3 -3 L-3 3" {...markStroke} />
        </>
      )}
      {status === 'no_data' && (
        <rect x={-7} y={-2} width={14} height={4} fill={colour} {...stroke} />
      )}
    </g>
  );
}

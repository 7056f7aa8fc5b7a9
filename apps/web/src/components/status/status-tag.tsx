import type { Status } from '@ipo/contracts';
import { statusWords } from '../../lib/format';
import { StatusShape } from './status-shape';

const tagColours: Record<Status, string> = {
  met: 'govuk-tag--green',
  near: 'govuk-tag--yellow',
  missed: 'govuk-tag--red',
  no_data: 'govuk-tag--grey',
};

/** A status as an icon shape beside it (decorative: the word says it). */
export function StatusIcon({ status, size = 16 }: { status: Status; size?: number }) {
  return (
    <svg
      className="app-status-icon"
      width={size}
      height={size}
      viewBox={`${-size / 2} ${-size / 2} ${size} ${size}`}
      aria-hidden="true"
      focusable="false"
      data-status={status}
    >
      <StatusShape status={status} size={size - 1} />
    </svg>
  );
}

/** The GOV.UK tag for a status: shape and word, never colour alone. */
export function StatusTag({ status, prefix }: { status: Status; prefix?: string }) {
  return (
    <strong className={`govuk-tag ${tagColours[status]} app-status-tag`}>
      <StatusIcon status={status} />
      {prefix ? <span className="govuk-visually-hidden">{prefix} </span> : null}
      {statusWords[status]}
    </strong>
  );
}

/** A low-volume flag beside a status (measurement.md: n below the standard's minimum sample). */
export function LowVolumeTag({ minimumSample }: { minimumSample: number }) {
  return (
    <strong className="govuk-tag govuk-tag--grey app-low-volume-tag">
      Low volume<span className="govuk-visually-hidden">: fewer than {minimumSample}</span>
    </strong>
  );
}

import type { RecalculationJob } from '@ipo/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { errorMessage } from '../../../components/query-state';
import { SuccessBanner } from '../../../components/success-banner';
import { formatCount } from '../../../lib/format';
import { isFinished, useRecalculation } from '../api/recalculations-api';
import { refreshFigures } from '../api/standards-admin-api';
import './admin-pages.css';

const percentOf = (job: RecalculationJob) =>
  job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;

/** What a screen reader is told: once per state, not at every step of the bar. */
function announcement(job: RecalculationJob): string {
  switch (job.status) {
    case 'queued':
      return 'The recalculation is waiting for an earlier one to finish.';
    case 'running':
      return 'Recalculating…';
    case 'succeeded':
      return 'The recalculation has finished.';
    case 'failed':
      return 'The recalculation failed.';
  }
}

/**
 * A recalculation job from start to end: waiting, a progress bar while it runs (done of total
 * work items), then its outcome. When it has finished, the figures are read again and
 * `onFinished` is told.
 */
export function RecalculationProgress({
  job: initial,
  onFinished,
}: {
  job: RecalculationJob;
  onFinished?: (job: RecalculationJob) => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const query = useRecalculation(initial);
  const job = query.data;
  const finished = isFinished(job);
  const told = useRef(false);

  // The outcome is announced (the status message above), not focused: the user may be busy
  // elsewhere on the page by then.
  useEffect(() => {
    if (!finished || told.current) return;
    told.current = true;
    if (job.status === 'succeeded') void refreshFigures(client);
    onFinished?.(job);
  }, [finished, job, client, onFinished]);

  return (
    <div className="app-recalculation govuk-!-margin-bottom-6">
      <p className="govuk-visually-hidden" role="status">
        {announcement(job)}
      </p>
      {job.status === 'queued' ? (
        <p className="govuk-body">
          Recalculation {job.id} is waiting for an earlier recalculation to finish. The figures
          still follow the rules before the change.
        </p>
      ) : null}
      {job.status === 'running' ? (
        <>
          <label className="govuk-label" htmlFor={`${id}-progress`}>
            Recalculation progress
          </label>
          <progress
            id={`${id}-progress`}
            className="app-admin-progress"
            max={100}
            value={percentOf(job)}
            aria-describedby={`${id}-count`}
          >
            {percentOf(job)}%
          </progress>
          <p className="govuk-body" id={`${id}-count`}>
            {job.total > 0
              ? `${formatCount(job.done)} of ${formatCount(job.total)} work items recalculated (${percentOf(job)}%).`
              : 'Finding the work items to recalculate…'}{' '}
            The figures change when it has finished.
          </p>
        </>
      ) : null}
      {job.status === 'succeeded' ? (
        <SuccessBanner title="Recalculation finished">
          <p className="govuk-body">
            {formatCount(job.total)} work {job.total === 1 ? 'item was' : 'items were'}{' '}
            recalculated. The figures now follow the change.
          </p>
        </SuccessBanner>
      ) : null}
      {job.status === 'failed' ? (
        <div className="app-load-error">
          <h3 className="govuk-heading-s">The recalculation failed</h3>
          <p className="govuk-body">
            Nothing was changed: the figures still follow the rules before the change.
            {job.error ? ` The reason given: ${job.error}` : ''}
          </p>
        </div>
      ) : null}
      {query.isError && !finished ? (
        <p className="govuk-body app-load-error">
          The progress could not be read ({errorMessage(query.error)}). The recalculation goes on on
          the server; this page asks again.
        </p>
      ) : null}
    </div>
  );
}

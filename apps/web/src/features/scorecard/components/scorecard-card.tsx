import type { ForecastResponse, ScorecardEntry, StandardKind } from '@ipo/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { memo, type ReactNode } from 'react';
import { Sparkline } from '../../../components/charts/sparkline';
import { Skeleton } from '../../../components/query-state';
import { LowVolumeTag, StatusIcon, StatusTag } from '../../../components/status/status-tag';
import {
  changeInWords,
  formatCount,
  formatDateTime,
  formatFigure,
  formatTarget,
  formatValue,
  statusWords,
} from '../../../lib/format';
import { Link } from '../../../lib/router';
import { targetInWords } from '../../../lib/wording';
import { standardHref } from './standard-href';

const countedWords: Record<StandardKind, [one: string, many: string]> = {
  timeliness: ['item completed', 'items completed'],
  accuracy: ['check made', 'checks made'],
  satisfaction: ['response with a score', 'responses with a score'],
};

function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/**
 * One standard on the scorecard, as a GOV.UK summary card: the value against its target with the
 * status as a shape and a word, n, changes, the year to date, 12 periods, the late backlog and
 * the forecast for the quarter in progress. Its title is an h4: the page puts the cards under
 * 'Each standard in detail' (h2) and a heading for each kind of standard (h3).
 */
export const ScorecardCard = memo(
  function ScorecardCard({
    entry,
    periodId,
    teamId,
    forecast,
  }: {
    entry: ScorecardEntry;
    periodId: string;
    /** The scorecard's team filter: the standard's page opens filtered to it. */
    teamId?: number | undefined;
    forecast?: Pick<UseQueryResult<ForecastResponse>, 'data' | 'isPending' | 'isError'> | undefined;
  }) {
    const titleId = `scorecard-${entry.code}-title`;
    const { unit } = entry;
    const [one, many] = countedWords[entry.kind];
    const charterTarget = targetInWords(entry);
    const previousLabel =
      entry.previous.period.granularity === 'year' ? 'Previous year' : 'Previous period';

    return (
      <article
        className={`govuk-summary-card app-scorecard-card app-scorecard-card--${entry.status}`}
        aria-labelledby={titleId}
        data-code={entry.code}
      >
        <div className="govuk-summary-card__title-wrapper">
          <h4 className="govuk-summary-card__title" id={titleId}>
            <Link className="govuk-link" to={standardHref(entry, periodId, teamId)}>
              {entry.title}
            </Link>
          </h4>
        </div>
        {entry.noWorkForTeam ? (
          <div className="govuk-summary-card__content">
            <p className="govuk-body app-figure__status">
              <strong className="govuk-tag govuk-tag--grey">No work for this team</strong>
            </p>
            <p className="govuk-body govuk-!-margin-bottom-0">
              The team has no {countedWords[entry.kind][1]} for this standard in these periods, and
              nothing open.
            </p>
          </div>
        ) : (
          <div className="govuk-summary-card__content">
            <p className="govuk-body app-figure">
              <span className="app-figure__value">
                {entry.suppressed ? 'Not shown' : formatValue(entry.value, unit)}
              </span>{' '}
              <span className="app-figure__target">
                {formatTarget(entry.target?.value ?? null, unit)}
              </span>
            </p>
            <p className="govuk-body app-figure__status">
              <StatusTag status={entry.status} prefix="Status:" />
              {entry.lowVolume ? (
                <>
                  {' '}
                  <LowVolumeTag minimumSample={entry.minimumSample} />
                </>
              ) : null}
            </p>
            <dl className="govuk-summary-list app-scorecard-card__list">
              <SummaryRow label="Counted">
                {entry.suppressed || entry.n === null
                  ? `Fewer than 10 ${many}, so the figure is not shown`
                  : `${formatCount(entry.n)} ${entry.n === 1 ? one : many}`}
                {entry.lowVolume ? (
                  <span className="app-hint">
                    , below the minimum sample of {entry.minimumSample}
                  </span>
                ) : null}
                {entry.interval ? (
                  <span className="app-hint">
                    {' '}
                    (95% confidence interval {formatValue(entry.interval.lower, unit)} to{' '}
                    {formatValue(entry.interval.upper, unit)})
                  </span>
                ) : null}
              </SummaryRow>
              {charterTarget ? (
                <SummaryRow label="Charter target">{charterTarget}</SummaryRow>
              ) : null}
              <SummaryRow label={previousLabel}>
                {changeInWords(entry.value, entry.previous, unit)}
              </SummaryRow>
              <SummaryRow label="A year earlier">
                {changeInWords(entry.value, entry.lastYear, unit)}
              </SummaryRow>
              <SummaryRow label="Financial year to date">
                <span className="app-inline-status">
                  <StatusIcon status={entry.yearToDate.status} />
                  {entry.yearToDate.suppressed
                    ? formatFigure(entry.yearToDate, unit).toLowerCase()
                    : `${formatValue(entry.yearToDate.value, unit)}, ${statusWords[entry.yearToDate.status].toLowerCase()}`}
                </span>
                <span className="app-hint"> ({entry.yearToDate.period.label})</span>
              </SummaryRow>
              <SummaryRow label="Last 12 periods">
                <Sparkline points={entry.sparkline} unit={unit} />
              </SummaryRow>
              {entry.backlog !== null ? (
                <SummaryRow label="Backlog">
                  {formatCount(entry.backlog)} open
                  {entry.backlogLate !== null
                    ? `, ${formatCount(entry.backlogLate)} already late`
                    : ''}
                </SummaryRow>
              ) : null}
              {forecast ? (
                <SummaryRow label="This quarter">
                  {forecast.isPending ? (
                    <Skeleton height="1.25rem" />
                  ) : forecast.isError || !forecast.data ? (
                    'The forecast could not be loaded.'
                  ) : (
                    forecast.data.sentence
                  )}
                </SummaryRow>
              ) : null}
              <SummaryRow label="Data as of">
                {entry.dataAsOf ? formatDateTime(entry.dataAsOf) : 'No data yet'}
              </SummaryRow>
            </dl>
          </div>
        )}
      </article>
    );
  },
  // Each forecast arriving redraws its own card only (the query results are new objects each time).
  (before, after) =>
    before.entry === after.entry &&
    before.periodId === after.periodId &&
    before.teamId === after.teamId &&
    before.forecast?.data === after.forecast?.data &&
    before.forecast?.isPending === after.forecast?.isPending &&
    before.forecast?.isError === after.forecast?.isError,
);

import type { ScorecardResponse, Status } from '@ipo/contracts';
import { useSearchParams } from 'react-router';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { StatusIcon } from '../../../components/status/status-tag';
import { formatDateTime } from '../../../lib/format';
import { groupByKind } from '../../../lib/group-by-kind';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useQuarterForecasts, willMiss } from '../api/get-forecasts';
import { useScorecard } from '../api/get-scorecard';
import { PeriodForm } from './period-form';
import { ScorecardCard } from './scorecard-card';

export function ScorecardPage() {
  useDocumentTitle();
  const [searchParams, setSearchParams] = useSearchParams();
  const period = searchParams.get('period') || undefined;
  const query = useScorecard(period);
  const shown = query.data;

  return (
    <div className="app-scorecard">
      <h1 className="govuk-heading-xl">Service standards scorecard</h1>
      <PeriodForm
        selected={period ?? shown?.period.id}
        selectedLabel={shown?.period.label}
        onChange={(next) => setSearchParams({ period: next })}
      />
      <QueryState
        query={query}
        what="The scorecard"
        loadingText="Loading the scorecard…"
        skeleton={<ScorecardSkeleton />}
      >
        {(data) => (
          <div aria-busy={query.isPlaceholderData}>
            <p className="govuk-visually-hidden" role="status">
              {query.isPlaceholderData ? 'Loading the chosen period…' : ''}
            </p>
            <Scorecard data={data} stale={query.isPlaceholderData} />
          </div>
        )}
      </QueryState>
    </div>
  );
}

const summaryParts: [Status, keyof ScorecardResponse['summary'], string][] = [
  ['met', 'met', 'met'],
  ['near', 'near', 'near target'],
  ['missed', 'missed', 'missed'],
  ['no_data', 'noData', 'no data'],
];

function Scorecard({ data, stale }: { data: ScorecardResponse; stale: boolean }) {
  const { summary, period } = data;
  const forecasts = useQuarterForecasts(data.standards.map((entry) => entry.code));
  const forecastByCode = new Map(data.standards.map((entry, i) => [entry.code, forecasts[i]]));

  if (data.standards.length === 0) {
    return <EmptyState>No standards have been set up, so there is nothing to show.</EmptyState>;
  }

  return (
    <div className={stale ? 'app-stale' : undefined}>
      {data.recalculating ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Figures are being recalculated after a change to working days or a threshold. They may
            change in the next few minutes.
          </strong>
        </div>
      ) : null}
      <p className="govuk-body-l app-scorecard__headline">
        {summary.met} of {summary.total} standards met in {period.label}
      </p>
      <ul className="govuk-list app-status-counts" aria-label="Standards by status">
        {summaryParts.map(([status, key, words]) => (
          <li key={status}>
            <StatusIcon status={status} /> {data.summary[key]} {words}
          </li>
        ))}
      </ul>
      <AtRisk data={data} forecasts={forecasts} />
      <p className="govuk-body-s app-hint">
        Data as of {data.dataAsOf ? formatDateTime(data.dataAsOf) : 'no data yet'}.
      </p>
      {data.summary.total > 0 && data.standards.every((entry) => entry.status === 'no_data') ? (
        <EmptyState>No data for this period.</EmptyState>
      ) : null}
      {groupByKind(data.standards).map((group) => (
        <section
          key={group.kind}
          className="app-scorecard__group"
          aria-labelledby={`kind-${group.kind}`}
        >
          <h2 className="govuk-heading-l" id={`kind-${group.kind}`}>
            {group.heading}
          </h2>
          <div className="app-scorecard__grid">
            {group.standards.map((entry) => (
              <ScorecardCard
                key={entry.code}
                entry={entry}
                periodId={period.id}
                forecast={forecastByCode.get(entry.code)}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function AtRisk({
  data,
  forecasts,
}: {
  data: ScorecardResponse;
  forecasts: ReturnType<typeof useQuarterForecasts>;
}) {
  if (forecasts.some((forecast) => forecast.isPending)) {
    return (
      <div className="app-at-risk">
        <Skeleton height="1.5rem" />
      </div>
    );
  }
  const loaded = forecasts.flatMap((forecast) => (forecast.data ? [forecast.data] : []));
  const failed = forecasts.length - loaded.length;
  const quarter = loaded.find((forecast) => forecast.hasForecast)?.period.label;
  const missing = data.standards.filter((entry) => {
    const forecast = loaded.find((item) => item.code === entry.code);
    return forecast ? willMiss(forecast) : false;
  });
  return (
    <div className="app-at-risk">
      <p className="govuk-body govuk-!-margin-bottom-1">
        {quarter === undefined
          ? 'There is no forecast for the quarter in progress.'
          : missing.length === 0
            ? `At the current pace, every standard with a forecast ends ${quarter} on target.`
            : `At the current pace, ${missing.length} ${missing.length === 1 ? 'standard' : 'standards'} will miss ${missing.length === 1 ? 'its' : 'their'} target in ${quarter}:`}
      </p>
      {missing.length > 0 ? (
        <ul className="govuk-list govuk-list--bullet">
          {missing.map((entry) => (
            <li key={entry.code}>
              <a className="govuk-link" href={`#scorecard-${entry.code}-title`}>
                {entry.title}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {failed > 0 ? (
        <p className="govuk-body-s app-hint">
          The forecast could not be loaded for {failed} {failed === 1 ? 'standard' : 'standards'}.
        </p>
      ) : null}
    </div>
  );
}

function ScorecardSkeleton() {
  return (
    <div className="app-scorecard-skeleton">
      <Skeleton height="2.5rem" width="60%" className="govuk-!-margin-bottom-4" />
      <Skeleton height="1.5rem" width="40%" className="govuk-!-margin-bottom-6" />
      <div className="app-scorecard__grid">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} height="34rem" className="app-skeleton--card" />
        ))}
      </div>
    </div>
  );
}

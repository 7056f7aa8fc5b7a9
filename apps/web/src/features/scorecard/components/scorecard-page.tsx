import type { ScorecardResponse, Status } from '@ipo/contracts';
import { forecastMisses } from '@ipo/domain/forecast';
import { lazy, Suspense } from 'react';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { StatusIcon } from '../../../components/status/status-tag';
import { formatDateTime } from '../../../lib/format';
import { useSearchParams } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { StaleDataWarning } from '../../freshness/components/stale-data-warning';
import { useQuarterForecasts } from '../api/get-forecasts';
import { useScorecard } from '../api/get-scorecard';
import { findTeam, teamParam, useTeams } from '../api/get-teams';
import { PeriodForm, type ScorecardChoice } from './period-form';
import { ScorecardGlance } from './scorecard-glance';

// The cards below the table at a glance load after the first paint, in their own chunk.
const ScorecardDetail = lazy(() =>
  import('./scorecard-detail').then((m) => ({ default: m.ScorecardDetail })),
);

// Managers' download of the board's report pack: after the first paint too.
const ReportDownload = lazy(() =>
  import('../../reports/report-download').then((m) => ({ default: m.ReportDownload })),
);

export function ScorecardPage() {
  useDocumentTitle();
  const [searchParams, setSearchParams] = useSearchParams();
  const period = searchParams.get('period') || undefined;
  // The team filter lives in the URL too (`?team=`), so a reload or a link keeps it.
  const team = teamParam(searchParams.get('team'));
  const query = useScorecard(period, team);
  const teams = useTeams();
  const shown = query.data;
  const teamName = shown?.team?.name ?? findTeam(teams.data, team)?.name;

  function choose(choice: ScorecardChoice) {
    const next: Record<string, string> = {};
    const chosenPeriod = choice.period ?? period;
    if (chosenPeriod) next.period = chosenPeriod;
    if (choice.team !== undefined) next.team = String(choice.team);
    setSearchParams(next);
  }

  return (
    <div className="app-scorecard">
      <h1 className="govuk-heading-xl">Service standards scorecard</h1>
      <PeriodForm
        selected={period ?? shown?.period.id}
        selectedLabel={shown?.period.label}
        team={{ selected: team, selectedLabel: teamName, services: teams.data?.services }}
        onChange={choose}
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

const summaryParts: [Status, 'met' | 'near' | 'missed' | 'noData', string][] = [
  ['met', 'met', 'met'],
  ['near', 'near', 'near target'],
  ['missed', 'missed', 'missed'],
  ['no_data', 'noData', 'no data'],
];

function Scorecard({ data, stale }: { data: ScorecardResponse; stale: boolean }) {
  const { summary, period, team } = data;
  const codes = data.standards.map((entry) => entry.code);
  // Forecasts are for the whole office: not asked for, nor shown, for one team's figures.
  const forecasts = useQuarterForecasts(team ? [] : codes);
  const forecastByCode = new Map(data.standards.map((entry, i) => [entry.code, forecasts[i]]));
  const noWork = summary.noWorkForTeam ?? 0;
  const counted = summary.total - noWork;

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
      <StaleDataWarning codes={codes} />
      <p className="govuk-body-l app-scorecard__headline">
        {team
          ? `${summary.met} of ${counted} standards met by ${team.name} in ${period.label}`
          : `${summary.met} of ${summary.total} standards met in ${period.label}`}
      </p>
      {team ? (
        <p className="govuk-body">
          Figures for the work of {team.name} ({team.service.name}) only.
          {noWork > 0
            ? ` ${noWork} ${noWork === 1 ? 'standard has' : 'standards have'} no work for this team, shown as ‘No work for this team’.`
            : ''}
        </p>
      ) : null}
      <ul className="govuk-list app-status-counts" aria-label="Standards by status">
        {summaryParts.map(([status, key, words]) => (
          <li key={status}>
            <StatusIcon status={status} />{' '}
            {status === 'no_data' ? data.summary[key] - noWork : data.summary[key]} {words}
          </li>
        ))}
        {team ? <li>{noWork} no work for this team</li> : null}
      </ul>
      <p className="govuk-body-s app-hint">
        Data as of {data.dataAsOf ? formatDateTime(data.dataAsOf) : 'no data yet'}.
      </p>
      {data.summary.total > 0 && data.standards.every((entry) => entry.status === 'no_data') ? (
        <EmptyState>No data for this period.</EmptyState>
      ) : null}
      <ScorecardGlance data={data} />
      {/* Below the table, so that what loads after it (forecasts, the download) moves nothing
          already on screen. */}
      {team ? (
        <p className="govuk-body app-at-risk">
          Forecasts for the quarter in progress are for the whole office, so they are not shown for
          a team.
        </p>
      ) : (
        <AtRisk data={data} forecasts={forecasts} />
      )}
      {/* The board's report pack is of the whole office's figures: not offered for one team. */}
      {team ? null : (
        <Suspense fallback={null}>
          <ReportDownload period={period.id} />
        </Suspense>
      )}
      <Suspense fallback={<Skeleton height="12rem" />}>
        <ScorecardDetail data={data} forecastByCode={forecastByCode} />
      </Suspense>
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
    return forecast ? forecastMisses(forecast) : false;
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

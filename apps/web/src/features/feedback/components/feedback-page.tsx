import { useEffect } from 'react';
import { LoadError, QueryState, Skeleton } from '../../../components/query-state';
import { Link, useLocation, useNavigate, useSearchParams } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCan } from '../../session/access';
import {
  useFeedbackGroups,
  useFeedbackOptions,
  useFeedbackSeries,
  useFeedbackSummary,
  useFeedbackThemes,
} from '../api/feedback-api';
import {
  type FeedbackState,
  feedbackSearch,
  readFeedbackUrl,
  splitNames,
  type TrendGranularity,
  type UrlAdjustments,
  withSplit,
} from '../utils/url-state';
import { ActionsSection } from './actions-section';
import { CommentsSection } from './comments-section';
import { FiltersForm } from './filters-form';
import { PerformanceSection } from './performance-section';
import {
  DistributionSection,
  GroupsSection,
  SummarySection,
  ThemeLinks,
  ThemesSection,
  TrendSection,
  trendRange,
} from './sections';

/** The team leads' feedback explorer. Every filter lives in the URL. */
export function FeedbackPage() {
  useDocumentTitle('Customer feedback');
  const [params] = useSearchParams();
  const { state, adjustments } = readFeedbackUrl(params);
  const navigate = useNavigate();
  const location = useLocation();
  const options = useFeedbackOptions();
  const summary = useFeedbackSummary(state);
  const series = useFeedbackSeries(state, trendRange(summary.data, state.trend));
  const themes = useFeedbackThemes(state);
  const groups = useFeedbackGroups(state);
  // Comments are records: shown to those who may read them ('read-records') only.
  const readsComments = useCan('read-records');
  const themeName = state.theme
    ? (options.data?.themes.find((t) => t.code === state.theme)?.name ?? state.theme)
    : null;

  const go = (next: FeedbackState, hash = '') =>
    navigate(`/feedback${feedbackSearch(next)}${hash}`);

  // Drilling to a theme's comments moves focus to them.
  useEffect(() => {
    if (location.hash === '#comments') document.getElementById('comments')?.focus();
  }, [location.hash, location.search]);

  return (
    <>
      <h1 className="govuk-heading-l">Customer feedback</h1>
      <p className="govuk-body-l">
        What customers told us: satisfaction against the 85% target, the themes in their comments
        and what we did about them.
      </p>
      {options.isError ? (
        <LoadError
          what="The filters"
          error={options.error}
          retrying={options.isFetching}
          onRetry={() => options.refetch()}
        />
      ) : null}
      <UrlNotice adjustments={adjustments} />
      <FiltersForm state={state} options={options.data} onApply={(next) => go(next)} />
      {state.theme ? (
        <p className="govuk-body">
          Showing feedback whose comments mention <strong>{themeName}</strong>.{' '}
          <button
            type="button"
            className="govuk-link app-link-button"
            onClick={() => go({ ...state, theme: undefined })}
          >
            Show all themes
          </button>
        </p>
      ) : null}

      <QueryState
        query={summary}
        what="The satisfaction summary"
        loadingText="Loading the satisfaction summary"
        skeleton={<Skeleton height={320} />}
      >
        {(data) => (
          <>
            <SummarySection summary={data} />
            <DistributionSection summary={data} />
          </>
        )}
      </QueryState>

      <section aria-label="Satisfaction trend">
        <TrendSwitch state={state} />
        {series.isPending && summary.isSuccess ? (
          <Skeleton height={360} />
        ) : series.isError ? (
          <LoadError
            what="The trend"
            error={series.error}
            retrying={series.isFetching}
            onRetry={() => series.refetch()}
          />
        ) : series.data ? (
          <TrendSection series={series.data} themeName={themeName} />
        ) : null}
      </section>

      {/* Satisfaction beside the share of work on time, for the service or team chosen. */}
      <PerformanceSection
        filters={{ service: state.service, team: state.team }}
        range={trendRange(summary.data, 'month')}
      />

      <QueryState
        query={themes}
        what="The themes"
        loadingText="Loading themes"
        skeleton={<Skeleton height={400} />}
      >
        {(data) => (
          <>
            <ThemesSection
              themes={data}
              state={state}
              readsComments={readsComments}
              onSelect={(code) =>
                go(
                  { ...withSplit(state, 'theme', code), q: undefined },
                  readsComments ? '#comments' : '',
                )
              }
            />
            {readsComments && data.themes.length > 0 ? (
              <>
                <h3 className="govuk-heading-s">Read comments by theme</h3>
                <ThemeLinks themes={data} state={state} />
              </>
            ) : null}
          </>
        )}
      </QueryState>

      {readsComments ? (
        <CommentsSection
          state={state}
          options={options.data}
          onSearch={(q) => go({ ...state, q }, '#comments')}
        />
      ) : null}

      <QueryState
        query={groups}
        what="The customer group comparison"
        loadingText="Loading the customer group comparison"
        skeleton={<Skeleton height={260} />}
      >
        {(data) => <GroupsSection groups={data} />}
      </QueryState>

      <ActionsSection options={options.data} theme={state.theme} team={state.team} />
    </>
  );
}

const trendChoices: [TrendGranularity, string][] = [
  ['month', 'Month'],
  ['quarter', 'Quarter'],
];

/** The trend by month or by quarter: links, so the choice lives in the URL. */
function TrendSwitch({ state }: { state: FeedbackState }) {
  const current = state.trend ?? 'month';
  return (
    <nav className="app-switch" aria-label="Trend by">
      <span className="govuk-body-s app-switch__label" aria-hidden="true">
        Show by:
      </span>
      <ul className="app-switch__list">
        {trendChoices.map(([granularity, label]) => (
          <li key={granularity}>
            <Link
              className="govuk-link app-switch__link"
              to={`/feedback${feedbackSearch({ ...state, trend: granularity })}`}
              aria-current={current === granularity ? 'true' : undefined}
              aria-label={`Trend by ${label.toLowerCase()}`}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const listOf = (words: string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

/** Says what a link asked for that the explorer left out, and why. */
function UrlNotice({ adjustments }: { adjustments: UrlAdjustments }) {
  const { droppedSplits, keptSplit, droppedPeriod, droppedTrend } = adjustments;
  if (droppedSplits.length === 0 && !droppedPeriod && !droppedTrend) return null;
  return (
    <div className="govuk-inset-text app-url-notice">
      {keptSplit && droppedSplits.length > 0 ? (
        <p className="govuk-body">
          This link asked for more than one of channel, customer group, type and theme. Feedback
          figures take one of them at a time, so that smaller groups cannot be worked out: this page
          uses the {splitNames[keptSplit]} and leaves out the{' '}
          {listOf(droppedSplits.map((split) => splitNames[split]))}.
        </p>
      ) : null}
      {droppedPeriod ? (
        <p className="govuk-body">
          Feedback figures cover whole months, quarters or financial years, not ‘{droppedPeriod}’:
          this page shows the latest complete month.
        </p>
      ) : null}
      {droppedTrend ? (
        <p className="govuk-body">
          The trend is shown by month or by quarter, not by ‘{droppedTrend}’: this page shows
          months.
        </p>
      ) : null}
    </div>
  );
}

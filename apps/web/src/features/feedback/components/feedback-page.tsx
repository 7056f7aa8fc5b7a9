import { useEffect } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoadError, QueryState, Skeleton } from '../../../components/query-state';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  useFeedbackGroups,
  useFeedbackOptions,
  useFeedbackSeries,
  useFeedbackSummary,
  useFeedbackThemes,
} from '../api/feedback-api';
import { type FeedbackState, feedbackSearch, parseFeedbackState } from '../utils/url-state';
import { ActionsSection } from './actions-section';
import { CommentsSection } from './comments-section';
import { FiltersForm } from './filters-form';
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
  const state = parseFeedbackState(params);
  const navigate = useNavigate();
  const location = useLocation();
  const options = useFeedbackOptions();
  const summary = useFeedbackSummary(state);
  const series = useFeedbackSeries(state, trendRange(summary.data));
  const themes = useFeedbackThemes(state);
  const groups = useFeedbackGroups(state);
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
              onSelect={(code) => go({ ...state, theme: code, q: undefined }, '#comments')}
            />
            <h3 className="govuk-heading-s">Read comments by theme</h3>
            <ThemeLinks themes={data} state={state} />
          </>
        )}
      </QueryState>

      <CommentsSection
        state={state}
        options={options.data}
        onSearch={(q) => go({ ...state, q }, '#comments')}
      />

      <QueryState
        query={groups}
        what="The customer group comparison"
        loadingText="Loading the customer group comparison"
        skeleton={<Skeleton height={260} />}
      >
        {(data) => <GroupsSection groups={data} />}
      </QueryState>

      <ActionsSection options={options.data} theme={state.theme} />
    </>
  );
}

import type { StandardDetailResponse } from '@ipo/contracts';
import { useEffect, useRef } from 'react';
import { QueryState, Skeleton } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import {
  Link,
  useLocation,
  useNavigationType,
  useParams,
  useSearchParams,
} from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { StaleDataWarning } from '../../freshness/components/stale-data-warning';
import { useStandard } from '../api/get-standard';
import {
  type DetailState,
  parseDetailState,
  type SatisfactionAdjustments,
  satisfactionState,
} from '../utils/url-state';
import { AgeingSection } from './ageing-section';
import { BreakdownSection } from './breakdown-section';
import { type drillState, useDetailContext } from './detail-context';
import { DistributionSection } from './distribution-section';
import { FiltersForm } from './filters-form';
import { ForecastSection } from './forecast-section';
import { ItemsSection } from './items-section';
import { StandardHeader } from './standard-header';
import { TrendSection } from './trend-section';

export function StandardPage() {
  const { code = '' } = useParams();
  const [searchParams] = useSearchParams();
  const state = parseDetailState(searchParams);
  const standard = useStandard(code);
  useDocumentTitle(standard.data?.title ?? (standard.isError ? 'Standard not found' : 'Standard'));

  const notFound = standard.isError && isApiError(standard.error) && standard.error.status === 404;

  return (
    <>
      <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
        <ol className="govuk-breadcrumbs__list">
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/">
              Scorecard
            </Link>
          </li>
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/standards">
              Standards
            </Link>
          </li>
        </ol>
      </nav>
      {notFound ? (
        <>
          <h1 className="govuk-heading-l">Standard not found</h1>
          <p className="govuk-body">
            There is no customer service standard with the code ‘{code}’.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/standards">
              See all the customer service standards
            </Link>
          </p>
        </>
      ) : (
        <QueryState
          query={standard}
          what="The standard"
          loadingText="Loading the standard…"
          skeleton={
            <div className="app-standard-skeleton">
              <Skeleton height="3rem" width="70%" className="govuk-!-margin-bottom-6" />
              {/* Tall enough that the footer starts below the fold: nothing in view moves. */}
              <Skeleton height="100vh" />
            </div>
          }
        >
          {(data) => <StandardDetail code={code} standard={data} state={state} />}
        </QueryState>
      )}
    </>
  );
}

function StandardDetail({
  code,
  standard,
  state: asked,
}: {
  code: string;
  standard: StandardDetailResponse;
  state: DetailState;
}) {
  // Satisfaction figures are protected: whole months, one of channel and customer group.
  const { state, adjustments } = satisfactionState(asked, standard.measure);
  const context = useDetailContext(code, standard, state);
  const location = useLocation();
  const navigationType = useNavigationType();
  const itemsHeading = useRef<HTMLHeadingElement>(null);

  // After a drill (a new history entry), take keyboard and screen reader users to the records.
  const focusItems =
    navigationType === 'PUSH' && (location.state as typeof drillState | null)?.focus === 'items';
  useEffect(() => {
    if (!focusItems) return;
    itemsHeading.current?.focus();
    itemsHeading.current?.scrollIntoView?.({ block: 'start' });
  }, [location.key]);

  return (
    <>
      <StandardHeader standard={standard} />
      {/* A stale source this standard reads from: named, with its last update. */}
      <StaleDataWarning codes={[code]} withStandards={false} />
      <ForecastSection code={code} />
      <AdjustmentsNotice adjustments={adjustments} />
      <FiltersForm context={context} />
      <TrendSection context={context} />
      <BreakdownSection context={context} />
      <DistributionSection context={context} />
      {/* Both list records ('read-records'): left out for anyone who may not read them. */}
      {context.readsRecords && standard.kind === 'timeliness' && standard.threshold ? (
        <AgeingSection context={context} threshold={standard.threshold} />
      ) : null}
      {context.readsRecords ? <ItemsSection context={context} headingRef={itemsHeading} /> : null}
    </>
  );
}

/** Says what a link asked of a satisfaction standard that the page left out, and why. */
function AdjustmentsNotice({ adjustments }: { adjustments: SatisfactionAdjustments }) {
  const { droppedCustomerGroup, droppedWeeks, droppedPeriod } = adjustments;
  if (!droppedCustomerGroup && !droppedWeeks && !droppedPeriod) return null;
  return (
    <div className="govuk-inset-text app-url-notice">
      {droppedCustomerGroup ? (
        <p className="govuk-body">
          Satisfaction takes a channel or a customer group, not both, so that smaller groups of
          respondents cannot be worked out: this page uses the channel and leaves out the customer
          group.
        </p>
      ) : null}
      {droppedWeeks ? (
        <p className="govuk-body">
          Satisfaction is reported by month, quarter or year, not by week: the trend shows months.
        </p>
      ) : null}
      {droppedPeriod ? (
        <p className="govuk-body">
          Satisfaction is reported for whole months, not for the week ‘{droppedPeriod}’: this page
          shows the latest complete month.
        </p>
      ) : null}
    </div>
  );
}

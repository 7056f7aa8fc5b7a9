import { QueryState, Skeleton } from '../../../components/query-state';
import { useForecast } from '../api/get-forecast';

/** The period in progress, in the API's own words (measurement.md 'forecast and allowance'). */
export function ForecastSection({ code }: { code: string }) {
  const forecast = useForecast(code, 'quarter');
  return (
    <section className="app-section" aria-labelledby="forecast-heading">
      <h2 className="govuk-heading-m" id="forecast-heading">
        This quarter so far
      </h2>
      <QueryState
        query={forecast}
        what="The forecast"
        loadingText="Loading the forecast…"
        headingLevel={3}
        skeleton={<Skeleton height="4.5rem" />}
      >
        {(data) => (
          <div className="govuk-inset-text app-forecast">
            <p className="govuk-body govuk-!-margin-bottom-0">{data.sentence}</p>
          </div>
        )}
      </QueryState>
    </section>
  );
}

import type { DistributionResponse } from '@ipo/contracts';
import { ChartFigure } from '../../../components/charts/chart-figure';
import { palette } from '../../../components/charts/palette';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { fileName } from '../../../lib/download';
import { useDistribution } from '../api/get-distribution';
import { scopeInWords } from '../utils/labels';
import { distributionColumns, distributionRows, distributionSummary } from '../utils/tables';
import { filtersOf, scorecardPeriodOf } from '../utils/url-state';
import { DistributionChart } from './bar-charts';
import type { DetailContext } from './detail-context';

const chartHeight = 300;

const titles: Record<DistributionResponse['unit'], string> = {
  seconds: 'Time to answer',
  working_days: 'Turnaround in working days',
  calendar_months: 'Turnaround in calendar months',
  score: 'Satisfaction scores',
  outcome: 'Check outcomes',
};

/** The band that contains the threshold (bounds are inclusive), to mark it on the chart. */
export function thresholdBand(data: DistributionResponse): string | null {
  if (data.threshold === null) return null;
  const threshold = data.threshold;
  const bin = data.bins.find(
    (b) => b.lower !== null && b.lower <= threshold && (b.upper === null || threshold <= b.upper),
  );
  return bin?.label ?? null;
}

export function DistributionSection({ context }: { context: DetailContext }) {
  const { code, standard, state } = context;
  const filters = filtersOf(state);
  const distribution = useDistribution(code, {
    period: scorecardPeriodOf(state.period),
    ...filters,
  });
  const scope = scopeInWords(filters, standard.teams);

  return (
    <section className="app-section" aria-labelledby="distribution-heading">
      <h2 className="govuk-heading-m" id="distribution-heading">
        Distribution
        {distribution.data ? (
          <span className="govuk-caption-m">{distribution.data.period.label}</span>
        ) : null}
      </h2>
      <QueryState
        query={distribution}
        what="The distribution"
        loadingText="Loading the distribution…"
        headingLevel={3}
        skeleton={<Skeleton height={chartHeight + 140} />}
      >
        {(data) => {
          if (data.suppressed || data.n === null)
            return (
              <EmptyState>
                Fewer than 10 responses with a score in {data.period.label} {scope} (or a group
                hidden to protect another small group), so the scores are not shown.
              </EmptyState>
            );
          if (data.n === 0)
            return (
              <EmptyState>
                No data for {data.period.label} {scope}.
              </EmptyState>
            );
          const rows = distributionRows(data);
          return (
            <div aria-busy={distribution.isPlaceholderData}>
              <ChartFigure
                title={`${titles[data.unit]}, ${data.period.label}, ${scope}`}
                summary={distributionSummary(data)}
                columns={distributionColumns(data)}
                rows={rows}
                rowKey={(row) => row.key}
                csvFileName={fileName(
                  code,
                  'distribution',
                  data.period.id,
                  scope.replace(/^for /, ''),
                )}
                chartHeight={chartHeight}
                legend={
                  <ul className="app-legend" aria-label="Key">
                    <li>
                      <span
                        className="app-swatch"
                        style={{ background: palette.within }}
                        aria-hidden="true"
                      />
                      Meeting the standard
                    </li>
                    <li>
                      <span className="app-swatch app-swatch--hatched" aria-hidden="true" />
                      Not meeting the standard (hatched)
                    </li>
                    {data.threshold === null ? null : (
                      <li>
                        <svg width="24" height="12" aria-hidden="true" focusable="false">
                          <line
                            x1="12"
                            x2="12"
                            y1="0"
                            y2="12"
                            stroke={palette.target}
                            strokeWidth="2"
                            strokeDasharray="3 2"
                          />
                        </svg>
                        Threshold
                      </li>
                    )}
                  </ul>
                }
              >
                <DistributionChart rows={rows} thresholdBand={thresholdBand(data)} />
              </ChartFigure>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

import type { BreakdownDimension } from '@ipo/contracts';
import { ChartFigure } from '../../../components/charts/chart-figure';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { fileName } from '../../../lib/download';
import { formatValue } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { useBreakdown } from '../api/get-breakdown';
import { dimensionLabels, shortfallWords } from '../utils/labels';
import {
  type BreakdownRow,
  breakdownColumns,
  breakdownRows,
  breakdownSummary,
} from '../utils/tables';
import { type DetailState, scorecardPeriodOf } from '../utils/url-state';
import { BreakdownChart } from './bar-charts';
import { type DetailContext, drillState } from './detail-context';

const dimensions: BreakdownDimension[] = ['team', 'channel', 'customerGroup'];

/**
 * The filter that selects a group of a dimension. Satisfaction takes a channel or a customer
 * group, not both (`oneOf`): choosing one clears the other.
 */
function filterFor(by: BreakdownDimension, key: string, oneOf: boolean): Partial<DetailState> {
  if (by === 'team') return { team: Number(key) };
  if (by === 'channel') {
    return {
      channel: key as DetailState['channel'],
      ...(oneOf ? { customerGroup: undefined } : {}),
    };
  }
  return {
    customerGroup: key as DetailState['customerGroup'],
    ...(oneOf ? { channel: undefined } : {}),
  };
}

export function BreakdownSection({ context }: { context: DetailContext }) {
  const { code, standard, state, searchWith, drill, readsRecords } = context;
  const period = scorecardPeriodOf(state.period);
  const breakdown = useBreakdown(code, state.by, period);
  const label = dimensionLabels[state.by];
  const late = shortfallWords[standard.kind].late.toLowerCase();

  return (
    <section className="app-section" aria-labelledby="breakdown-heading">
      <h2 className="govuk-heading-m" id="breakdown-heading">
        Breakdown
        {breakdown.data ? (
          <span className="govuk-caption-m">{breakdown.data.period.label}</span>
        ) : null}
      </h2>
      {state.period && !period ? (
        <p className="govuk-body-s app-hint">
          Breakdowns are for months, quarters and years, so this shows the latest complete month.
        </p>
      ) : null}
      <div className="govuk-frontend-supported">
        <div className="govuk-tabs app-tabs">
          <nav aria-label="Break down by">
            <ul className="govuk-tabs__list">
              {dimensions.map((by) => (
                <li
                  key={by}
                  className={`govuk-tabs__list-item${state.by === by ? ' govuk-tabs__list-item--selected' : ''}`}
                >
                  <Link
                    className="govuk-tabs__tab"
                    to={searchWith({ by })}
                    aria-current={state.by === by ? 'true' : undefined}
                    aria-label={`Break down by ${dimensionLabels[by].toLowerCase()}`}
                  >
                    {dimensionLabels[by]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="govuk-tabs__panel app-tabs__panel">
            <QueryState
              query={breakdown}
              what="The breakdown"
              loadingText="Loading the breakdown…"
              headingLevel={3}
              skeleton={<Skeleton height={360} />}
            >
              {(data) => {
                if (data.groups.length === 0 || data.groups.every((group) => group.n === 0)) {
                  return <EmptyState>No data for {data.period.label}.</EmptyState>;
                }
                const rows = breakdownRows(data.groups, data.unit);
                const select = (row: BreakdownRow) => ({
                  period: data.period.id,
                  status: 'late' as const,
                  ...filterFor(data.by, row.key, standard.measure === 'satisfied_share'),
                });
                const flagged = data.groups.filter((group) => group.fairness?.flagged);
                return (
                  <div aria-busy={breakdown.isPlaceholderData}>
                    <ChartFigure
                      title={`${standard.title} by ${label.toLowerCase()}, ${data.period.label}`}
                      summary={breakdownSummary(data, label)}
                      columns={breakdownColumns(data.unit)}
                      rows={rows}
                      rowKey={(row) => row.key}
                      // A withheld group has no records to list: no link.
                      rowLink={(row) =>
                        row.suppressed || !readsRecords
                          ? null
                          : {
                              to: searchWith(select(row)),
                              label: `${row.group}: see the ${late}`,
                              state: drillState,
                            }
                      }
                      csvFileName={fileName(code, 'breakdown', data.by, data.period.id)}
                      chartHeight={Math.max(160, 60 + rows.length * 48)}
                    >
                      <BreakdownChart
                        rows={rows}
                        unit={data.unit}
                        target={
                          data.target === null
                            ? null
                            : data.unit === 'share'
                              ? data.target * 100
                              : data.target
                        }
                        onSelect={(row) => {
                          if (!row.suppressed && readsRecords) drill(select(row));
                        }}
                      />
                    </ChartFigure>
                    <h3 className="govuk-heading-s">Fairness</h3>
                    <p className="govuk-body-s">
                      Each group is compared with all the others on the share meeting the standard.
                      A group is flagged when the difference is at least 5 percentage points, both
                      sides have at least 30 records, and a difference that large would happen by
                      chance less than 1 time in 20.
                    </p>
                    {flagged.length === 0 ? (
                      <p className="govuk-body">No group is flagged in {data.period.label}.</p>
                    ) : (
                      <ul className="govuk-list app-fairness">
                        {flagged.map((group) => (
                          <li key={group.key}>
                            <strong className="govuk-tag govuk-tag--orange">Flagged</strong>{' '}
                            <span className="govuk-!-font-weight-bold">{group.label}</span> (
                            {formatValue(group.value, data.unit)}): {group.fairness?.reason}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              }}
            </QueryState>
          </div>
        </div>
      </div>
    </section>
  );
}

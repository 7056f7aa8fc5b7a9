import { ChartFigure } from '../../../components/charts/chart-figure';
import { palette } from '../../../components/charts/palette';
import { targetLabel } from '../../../components/charts/target-words';
import { annotationStyle, targetLineStyle } from '../../../components/charts/trend-lines';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { StatusIcon } from '../../../components/status/status-tag';
import { fileName } from '../../../lib/download';
import { Link } from '../../../lib/router';
import { useAnnotations } from '../api/annotations-api';
import { useSeries } from '../api/get-series';
import { annotationMarks, annotationsSummary, noteColumn } from '../utils/annotations';
import { granularityLabels, scopeInWords, shortfallWords } from '../utils/labels';
import { trendColumns, trendRows, trendSummary } from '../utils/tables';
import { filtersOf } from '../utils/url-state';
import { AnnotationsPanel } from './annotations-panel';
import { type DetailContext, drillState } from './detail-context';
import { TrendChart } from './trend-chart';

const chartHeight = 320;

export function TrendSection({ context }: { context: DetailContext }) {
  const { code, standard, state, searchWith, drill, readsRecords } = context;
  const filters = filtersOf(state);
  const series = useSeries(code, {
    granularity: state.granularity,
    from: state.from,
    to: state.to,
    ...filters,
  });
  // Notes on the trend (a telephony outage, a new case system): on the chart, in its table and
  // CSV. Without them (still loading, or refused) the trend is shown all the same.
  const annotations = useAnnotations(code).data?.annotations ?? [];
  const scope = scopeInWords(filters, standard.teams);
  // Satisfaction figures cover whole months: no weekly trend (the API answers 400).
  const granularities =
    standard.measure === 'satisfied_share'
      ? (['month', 'quarter'] as const)
      : (['week', 'month', 'quarter'] as const);
  const late = shortfallWords[standard.kind].late.toLowerCase();

  return (
    <section className="app-section" aria-labelledby="trend-heading">
      <h2 className="govuk-heading-m" id="trend-heading">
        Trend
      </h2>
      <nav className="app-switch" aria-label="Trend by">
        <span className="govuk-body-s app-switch__label" aria-hidden="true">
          Show by:
        </span>
        <ul className="app-switch__list">
          {granularities.map((granularity) => (
            <li key={granularity}>
              <Link
                className="govuk-link app-switch__link"
                to={searchWith({ granularity })}
                aria-current={state.granularity === granularity ? 'true' : undefined}
                aria-label={`Trend by ${granularityLabels[granularity].toLowerCase()}`}
              >
                {granularityLabels[granularity]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <QueryState
        query={series}
        what="The trend"
        loadingText="Loading the trend…"
        headingLevel={3}
        skeleton={<Skeleton height={chartHeight + 170} />}
      >
        {(data) => {
          const rows = trendRows(data.points, data.unit);
          const periods = data.points.map((point) => point.period);
          const marks = annotationMarks(periods, annotations);
          if (data.points.length === 0 || data.points.every((point) => point.n === 0)) {
            return <EmptyState>No data for this period {scope}.</EmptyState>;
          }
          return (
            <div aria-busy={series.isPlaceholderData}>
              <ChartFigure
                title={`${standard.title}: ${granularityLabels[state.granularity].toLowerCase()}ly trend ${scope}`}
                summary={
                  trendSummary(data.points, data.unit, scope) +
                  annotationsSummary(periods, annotations)
                }
                columns={[...trendColumns(data.unit), ...noteColumn(periods, annotations)]}
                rows={rows}
                rowKey={(row) => row.id}
                // A withheld period has no records to list: no link.
                rowLink={(row) =>
                  row.suppressed || !readsRecords
                    ? null
                    : {
                        to: searchWith({ period: row.id, status: 'late' }),
                        label: `${row.period}: see the ${late}`,
                        state: drillState,
                      }
                }
                csvFileName={fileName(code, 'trend', state.granularity, scope.replace(/^for /, ''))}
                chartHeight={chartHeight}
                legend={
                  <TrendLegend
                    annotated={marks.length > 0}
                    target={targetLabel(
                      rows.findLast((row) => row.target !== null)?.target ?? null,
                      data.unit,
                    )}
                  />
                }
              >
                <TrendChart
                  rows={rows}
                  unit={data.unit}
                  annotations={marks}
                  onSelect={(row) => {
                    if (!row.suppressed && readsRecords) drill({ period: row.id, status: 'late' });
                  }}
                />
              </ChartFigure>
            </div>
          );
        }}
      </QueryState>
      <AnnotationsPanel code={code} standardTitle={standard.title} />
    </section>
  );
}

function TrendLegend({
  annotated,
  target,
}: {
  annotated: boolean;
  /** The target line's words: 'Target: 10 working days or fewer (lower is better)'. */
  target: string;
}) {
  return (
    <ul className="app-legend" aria-label="Key">
      <li>
        <svg width="24" height="12" aria-hidden="true" focusable="false">
          <line x1="0" x2="24" y1="6" y2="6" stroke={palette.series} strokeWidth="3" />
        </svg>
        Value
      </li>
      <li>
        <svg width="24" height="12" aria-hidden="true" focusable="false">
          <line x1="0" x2="24" y1="6" y2="6" {...targetLineStyle} />
        </svg>
        {target}
      </li>
      <li>
        <StatusIcon status="met" /> Met
      </li>
      <li>
        <StatusIcon status="near" /> Near target
      </li>
      <li>
        <StatusIcon status="missed" /> Missed
      </li>
      {annotated ? (
        <li>
          <svg width="24" height="12" aria-hidden="true" focusable="false">
            <rect
              x="1"
              y="1"
              width="22"
              height="10"
              fill={annotationStyle.fill}
              fillOpacity={annotationStyle.fillOpacity}
              stroke={annotationStyle.stroke}
              strokeDasharray={annotationStyle.strokeDasharray}
            />
          </svg>
          Note (labelled on the chart; in full in the table)
        </li>
      ) : null}
    </ul>
  );
}

import type { FeedbackPerformance } from '@ipo/contracts';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '../../../components/charts/chart-figure';
import { palette } from '../../../components/charts/palette';
import { EmptyState, LoadError, Skeleton } from '../../../components/query-state';
import { fileName } from '../../../lib/download';
import { type PerformanceParams, useFeedbackPerformance } from '../api/performance-api';
import { nValue, shareValue } from '../utils/cells';
import {
  correlationSentence,
  monthName,
  type PerformanceRow,
  performanceRows,
} from '../utils/performance';

const tick = { fontSize: 14, fill: palette.text };

/** Satisfied share and share on time (%) per month: two lines, told apart by dash and marker. */
function BesideChart({ rows }: { rows: readonly PerformanceRow[] }) {
  return (
    <LineChart
      data={rows as PerformanceRow[]}
      responsive
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 10, right: 16, bottom: 5, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={palette.grid} vertical={false} />
      <XAxis dataKey="month" tick={tick} interval="preserveStartEnd" minTickGap={16} />
      <YAxis domain={[0, 100]} tick={tick} width={48} tickFormatter={(v: number) => `${v}%`} />
      <Tooltip />
      <Line
        type="linear"
        dataKey="satisfiedPct"
        name="Satisfied"
        stroke={palette.series}
        strokeWidth={2}
        dot={{ r: 4, fill: palette.series, stroke: palette.outline }}
        connectNulls={false}
        isAnimationActive={false}
      />
      <Line
        type="linear"
        dataKey="onTimePct"
        name="On time"
        stroke={palette.beyond}
        strokeWidth={2}
        strokeDasharray="6 4"
        dot={{ r: 4, fill: palette.beyond, stroke: palette.outline, strokeDasharray: '' }}
        connectNulls={false}
        isAnimationActive={false}
      />
    </LineChart>
  );
}

/** One standard's share on time beside the satisfaction of the same service or team. */
function BesideFigure({
  performance,
  standard,
}: {
  performance: FeedbackPerformance;
  standard: FeedbackPerformance['standards'][number];
}) {
  const rows = performanceRows(performance, standard);
  const who = performance.team?.name ?? performance.service.name;
  const first = rows[0]?.month;
  const last = rows.at(-1)?.month;
  const span = first && last ? `${monthName(first)} to ${monthName(last)}` : '';
  return (
    <ChartFigure
      title={`Satisfaction beside ‘${standard.title}’, ${who}, ${span}`}
      summary={correlationSentence(standard.correlation, standard.n, rows.length)}
      columns={[
        { header: 'Month', value: (r) => r.label },
        { header: 'Satisfied (%)', value: (r) => shareValue(r.satisfied), numeric: true },
        { header: 'Responses with a score (n)', value: (r) => nValue(r.satisfied), numeric: true },
        {
          header: 'On time (%)',
          value: (r) => (r.onTimePct === null ? 'no data' : r.onTimePct),
          numeric: true,
        },
        { header: 'Items completed (n)', value: (r) => r.onTimeN, numeric: true },
      ]}
      rows={rows}
      rowKey={(r) => r.month}
      csvFileName={fileName(`satisfaction-beside-${standard.code}`, performance.to)}
      chartHeight={280}
      legend={
        <p className="govuk-body-s app-chart__legend">
          Solid line with round markers: share of customers satisfied. Dashed line: share of work
          done on time. A month whose satisfaction is withheld (fewer than 10 responses with a
          score) has no point.
        </p>
      }
    >
      <BesideChart rows={rows} />
    </ChartFigure>
  );
}

/**
 * Feedback beside performance: for the service or team chosen, monthly satisfaction beside the
 * share of work done on time for each of the service's timeliness standards, with n for each and
 * the correlation in words that claim no cause; a table of the same numbers.
 */
export function PerformanceSection({
  filters,
  range,
}: {
  filters: Pick<PerformanceParams, 'service' | 'team'>;
  /** The twelve whole months to compare; null until the page knows its range. */
  range: Pick<PerformanceParams, 'from' | 'to'> | null;
}) {
  const chosen = filters.service !== undefined || filters.team !== undefined;
  const query = useFeedbackPerformance(
    chosen && range
      ? { service: filters.service, team: filters.team, from: range.from, to: range.to }
      : null,
  );
  return (
    <section className="app-section" aria-labelledby="feedback-performance-heading">
      <h2 className="govuk-heading-m" id="feedback-performance-heading">
        Satisfaction beside work done on time
      </h2>
      {!chosen ? (
        <EmptyState>
          Choose a service or a team in the filters to see its customers’ satisfaction beside the
          share of its work done on time, month by month.
        </EmptyState>
      ) : query.isPending ? (
        <Skeleton height={360} />
      ) : query.isError ? (
        <LoadError
          what="Satisfaction beside work on time"
          error={query.error}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
          headingLevel={3}
        />
      ) : query.data.standards.length === 0 ? (
        <EmptyState>
          {query.data.service.name} has no standard with a time limit to compare satisfaction with.
        </EmptyState>
      ) : (
        <div aria-busy={query.isPlaceholderData}>
          <p className="govuk-body">
            Months are compared, not causes: a month with more work on time and more satisfied
            customers may have both for other reasons.
          </p>
          {query.data.standards.map((standard) => (
            <BesideFigure key={standard.code} performance={query.data} standard={standard} />
          ))}
        </div>
      )}
    </section>
  );
}

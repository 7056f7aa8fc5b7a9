import type { StandardDetailResponse } from '@ipo/contracts';
import { ChartFigure } from '../../../components/charts/chart-figure';
import { palette } from '../../../components/charts/palette';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { fileName } from '../../../lib/download';
import { formatCount } from '../../../lib/format';
import { thresholdInWords } from '../../../lib/wording';
import { useItems } from '../api/get-items';
import { scopeInWords } from '../utils/labels';
import { ageingColumns, ageingRows } from '../utils/tables';
import { AgeingChart } from './bar-charts';
import type { DetailContext } from './detail-context';
import { useRecordsFilters } from './records-scope';

const chartHeight = 260;
/** The most the items endpoint gives in one page. */
const sample = 200;

/** Open items by age against the threshold (measurement.md 'Open work'). */
export function AgeingSection({
  context,
  threshold,
}: {
  context: DetailContext;
  threshold: NonNullable<StandardDetailResponse['threshold']>;
}) {
  const { code } = context;
  // Built from the open records: a team lead's are those of one of their teams (the title names
  // it; the records section below says why), and a team lead of no team has none to show.
  const { filters, teams } = useRecordsFilters(context);
  const open = useItems(code, { status: 'open', limit: sample, ...filters }, filters !== null);
  const scope = scopeInWords(filters ?? {}, teams);
  const query = { ...open, data: open.data?.pages[0] };
  if (filters === null) return null;

  return (
    <section className="app-section" aria-labelledby="ageing-heading">
      <h2 className="govuk-heading-m" id="ageing-heading">
        Backlog ageing
      </h2>
      <QueryState
        query={query}
        what="The backlog"
        loadingText="Loading the backlog…"
        headingLevel={3}
        skeleton={<Skeleton height={chartHeight + 140} />}
      >
        {(page) => {
          if (!page || page.total === 0) return <EmptyState>No open items {scope}.</EmptyState>;
          const rows = ageingRows(page.items, threshold.value, threshold.unit);
          const late = rows.reduce((sum, row) => sum + row.late, 0);
          const partial = page.total > page.items.length;
          const summary =
            `${formatCount(page.total)} open ${page.total === 1 ? 'item' : 'items'} ${scope}. ` +
            (partial ? `Of the ${formatCount(page.items.length)} shown here, ` : 'Of these, ') +
            `${formatCount(late)} ${late === 1 ? 'is' : 'are'} already older than the threshold of ${thresholdInWords(threshold)}.`;
          return (
            <ChartFigure
              title={`Age of open items ${scope}${partial ? `, first ${formatCount(page.items.length)} of ${formatCount(page.total)}` : ''}`}
              summary={summary}
              columns={ageingColumns}
              rows={rows}
              rowKey={(row) => row.key}
              csvFileName={fileName(code, 'backlog-ageing', scope.replace(/^for /, ''))}
              chartHeight={chartHeight}
              legend={
                <ul className="app-legend" aria-label="Key">
                  <li>
                    <span
                      className="app-swatch"
                      style={{ background: palette.within }}
                      aria-hidden="true"
                    />
                    Not yet late
                  </li>
                  <li>
                    <span className="app-swatch app-swatch--hatched" aria-hidden="true" />
                    Already late (hatched)
                  </li>
                </ul>
              }
            >
              <AgeingChart rows={rows} />
            </ChartFigure>
          );
        }}
      </QueryState>
    </section>
  );
}

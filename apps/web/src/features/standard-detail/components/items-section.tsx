import { CHANNEL_LABELS, CUSTOMER_GROUP_LABELS } from '@ipo/contracts';
import type { RefObject } from 'react';
import { DataTable, tableCsv } from '../../../components/charts/data-table';
import { EmptyState, LoadError, Skeleton } from '../../../components/query-state';
import { downloadText, fileName } from '../../../lib/download';
import { formatCount } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { useItems } from '../api/get-items';
import { shortfallWords } from '../utils/labels';
import { itemColumns } from '../utils/tables';
import type { DetailState } from '../utils/url-state';
import type { DetailContext } from './detail-context';
import { RecordsScopeNotice, useRecordsFilters } from './records-scope';

const pageSize = 50;

/** The records behind a figure, a page at a time (the API's cursor). */
export function ItemsSection({
  context,
  headingRef,
}: {
  context: DetailContext;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { code, standard, state, searchWith } = context;
  // A team lead's records are those of one of their teams; null: none they may read.
  const { scope, filters, teams } = useRecordsFilters(context);
  const words = shortfallWords[standard.kind];
  const items = useItems(
    code,
    { period: state.period, status: state.status, limit: pageSize, ...filters },
    filters !== null,
  );
  const first = items.data?.pages[0];
  const rows = items.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = itemColumns(standard.kind, standard.threshold?.unit ?? null);
  const statuses: [DetailState['status'], string][] = [
    ['late', words.late],
    ...(standard.kind === 'timeliness'
      ? ([['open', 'Open items']] as [DetailState['status'], string][])
      : []),
    ['all', `All ${words.many}`],
  ];
  const statusLabel = statuses.find(([status]) => status === state.status)?.[1] ?? words.late;

  // Each filter, and how to remove it (a team lead's team cannot be: they read one at a time).
  const activeFilters: [string, Partial<DetailState> | null][] = [];
  if (filters?.team !== undefined) {
    const name = teams.find((team) => team.id === filters.team)?.name ?? `Team ${filters.team}`;
    activeFilters.push([name, scope.kind === 'team' ? null : { team: undefined }]);
  }
  if (state.channel) activeFilters.push([CHANNEL_LABELS[state.channel], { channel: undefined }]);
  if (state.customerGroup) {
    activeFilters.push([CUSTOMER_GROUP_LABELS[state.customerGroup], { customerGroup: undefined }]);
  }

  const title = `${statusLabel}${first ? `, ${first.period.label}` : ''}`;

  return (
    <section className="app-section" aria-labelledby="items-heading">
      <h2 className="govuk-heading-m" id="items-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <nav className="app-switch" aria-label="Which records">
        <ul className="app-switch__list">
          {statuses.map(([status, label]) => (
            <li key={status}>
              <Link
                className="govuk-link app-switch__link"
                to={searchWith({ status })}
                aria-current={state.status === status ? 'true' : undefined}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {activeFilters.length > 0 ? (
        <div className="app-active-filters">
          <p className="govuk-body-s govuk-!-margin-bottom-1">Showing only:</p>
          <ul className="govuk-list app-active-filters__list">
            {activeFilters.map(([label, remove]) => (
              <li key={label}>
                <span className="govuk-tag govuk-tag--grey">{label}</span>{' '}
                {remove ? (
                  <Link className="govuk-link govuk-body-s" to={searchWith(remove)}>
                    Remove<span className="govuk-visually-hidden"> the filter {label}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <RecordsScopeNotice scope={scope} context={context} />
      {filters === null ? null : (
        <div className="app-query-state" aria-busy={items.isPending || items.isFetching}>
          {items.isPending ? (
            <>
              <p className="govuk-visually-hidden" role="status">
                Loading the records…
              </p>
              <Skeleton height={420} />
            </>
          ) : items.isError && rows.length === 0 ? (
            <LoadError
              what="The records"
              error={items.error}
              retrying={items.isFetching}
              onRetry={() => void items.refetch()}
              headingLevel={3}
            />
          ) : first?.withheld ? (
            <EmptyState>
              Responses are not listed for fewer than 10 responses (or for a group hidden to protect
              another small group), so that no one’s answers can be picked out.
            </EmptyState>
          ) : !first || first.total === 0 ? (
            <EmptyState>
              No {statusLabel.toLowerCase()} for {first?.period.label ?? 'this period'}.
            </EmptyState>
          ) : (
            <>
              <p className="govuk-body" role="status">
                Showing {formatCount(rows.length)} of {formatCount(first.total)}{' '}
                {first.total === 1 ? words.one : words.many}.
              </p>
              <DataTable
                className="app-data-table--records"
                caption={title}
                columns={columns}
                rows={rows}
                rowKey={(row) => row.id}
              />
              {items.isFetchNextPageError ? (
                <LoadError
                  what="More records"
                  error={items.error}
                  retrying={items.isFetchingNextPage}
                  onRetry={() => void items.fetchNextPage()}
                  headingLevel={3}
                />
              ) : null}
              <div className="govuk-button-group">
                {items.hasNextPage ? (
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary"
                    onClick={() => void items.fetchNextPage()}
                    disabled={items.isFetchingNextPage}
                  >
                    {items.isFetchingNextPage ? 'Loading…' : `Show ${pageSize} more`}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() =>
                    downloadText(
                      fileName(code, state.status, first.period.id, 'records'),
                      tableCsv(columns, rows),
                    )
                  }
                >
                  Download CSV<span className="govuk-visually-hidden"> of {title}</span>
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

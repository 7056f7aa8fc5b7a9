import type { Publication } from '@ipo/contracts';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { formatDateTime } from '../../../lib/format';
import { usePublications } from '../api/publications-api';

/** A publication's version in words: '1', '2, revised'; and whether a later one replaced it. */
export function versionInWords(publication: Publication): string {
  const version =
    publication.version > 1 ? `${publication.version}, revised` : String(publication.version);
  return publication.current ? version : `${version} (replaced by a later version)`;
}

/** Every publication made, newest first, each period linked to its page on the public site. */
export function PublicationsList() {
  const publications = usePublications();
  return (
    <section aria-labelledby="publications-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="publications-heading">
        Published periods
      </h2>
      <QueryState
        query={publications}
        what="The publications"
        loadingText="Loading the publications…"
        skeleton={<Skeleton height="12rem" />}
        headingLevel={3}
      >
        {({ publications: list }) =>
          list.length === 0 ? (
            <EmptyState>
              <p className="govuk-body">No period has been published yet.</p>
            </EmptyState>
          ) : (
            <Table
              caption="Publications, newest first"
              captionHidden
              columns={['Period', 'Version', 'Published', 'Data as of', 'Reason']}
              scrollLabel="Published periods"
            >
              {list.map((publication) => (
                <tr className="govuk-table__row" key={publication.id}>
                  <th scope="row" className="govuk-table__header">
                    {/* The public page is served by the server, not the dashboard: a plain link. */}
                    <a className="govuk-link" href={`/performance/${publication.period}`}>
                      {publication.periodLabel}
                    </a>
                  </th>
                  <td className="govuk-table__cell">{versionInWords(publication)}</td>
                  <td className="govuk-table__cell">
                    {formatDateTime(publication.publishedAt)} by {publication.publishedBy}
                  </td>
                  <td className="govuk-table__cell">
                    {publication.dataAsOf ? formatDateTime(publication.dataAsOf) : 'No data yet'}
                  </td>
                  <td className="govuk-table__cell">{publication.reason ?? 'First publication'}</td>
                </tr>
              ))}
            </Table>
          )
        }
      </QueryState>
    </section>
  );
}

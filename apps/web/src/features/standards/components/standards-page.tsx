import { NoAccess } from '../../../components/no-access';
import { isForbidden } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { groupByKind } from '../../../lib/group-by-kind';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useStandards } from '../api/get-standards';
import { StandardsTable } from './standards-table';

export function StandardsPage() {
  useDocumentTitle('Customer service standards');
  const { data, error, isPending, isError, isFetching, refetch } = useStandards();

  return (
    <>
      <h1 className="govuk-heading-xl">Customer service standards</h1>
      <p className="govuk-body-l">
        The standards the Intellectual Property Office sets itself in its customer charter, and the
        target in force for each today.
      </p>
      <div
        className={`app-standards${isPending ? ' app-standards--pending' : ''}`}
        aria-busy={isPending || (isError && isFetching)}
      >
        {isPending ? (
          <p className="govuk-body" role="status">
            Loading the standards…
          </p>
        ) : isError && isForbidden(error) ? (
          <NoAccess message={isApiError(error) ? error.message : ''} />
        ) : isError ? (
          <LoadError
            message={isApiError(error) ? error.message : 'Something went wrong.'}
            retrying={isFetching}
            onRetry={() => void refetch()}
          />
        ) : data.standards.length === 0 ? (
          <div className="govuk-inset-text">
            No customer service standards have been set up yet. An administrator adds them.
          </div>
        ) : (
          groupByKind(data.standards).map((group) => (
            <StandardsTable
              key={group.kind}
              id={`standards-${group.kind}`}
              heading={group.heading}
              standards={group.standards}
            />
          ))
        )}
      </div>
    </>
  );
}

function LoadError({
  message,
  retrying,
  onRetry,
}: {
  message: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <>
      <div className="app-load-error" role="alert">
        <h2 className="govuk-heading-m">The standards could not be loaded</h2>
        <p className="govuk-body">{message}</p>
      </div>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onRetry}>
        Try again
      </button>
      <p className="govuk-body" role="status">
        {retrying ? 'Trying again…' : ''}
      </p>
    </>
  );
}

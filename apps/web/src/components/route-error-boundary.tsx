import { isApiError } from '../lib/api-client';
import { isRouteErrorResponse, useRouteError } from '../lib/router';
import { useDocumentTitle } from '../lib/use-document-title';
import { NoAccessPage } from './no-access';
import { NotFound } from './not-found';

/** Shown in place of a route whose component threw while rendering. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  // A request the server refused to this user: say so, with the role it needs.
  if (isApiError(error) && error.status === 403) return <NoAccessPage message={error.message} />;
  return <ServiceProblem />;
}

function ServiceProblem() {
  useDocumentTitle('Sorry, there is a problem with the service');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">Try again later.</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            Go to the customer service standards
          </a>
        </p>
      </div>
    </div>
  );
}

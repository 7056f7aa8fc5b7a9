import { Link } from '../lib/router';
import { useDocumentTitle } from '../lib/use-document-title';

export const NO_ACCESS_TITLE = 'You do not have access';

/**
 * A request the server refused to this user (403), or a control they may not use: what they
 * tried to see is not shown, and the message says which role it needs.
 */
export function NoAccess({
  message,
  headingLevel = 2,
}: {
  /** The server's message, naming the role needed ('This needs the role of a manager.'). */
  message: string;
  headingLevel?: 2 | 3 | 4;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="govuk-inset-text app-no-access">
      <Heading className="govuk-heading-s govuk-!-margin-bottom-2">{NO_ACCESS_TITLE}</Heading>
      <p className="govuk-body govuk-!-margin-bottom-0">{message}</p>
    </div>
  );
}

/** A whole page the user may not see. */
export function NoAccessPage({ message }: { message: string }) {
  useDocumentTitle(NO_ACCESS_TITLE);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{NO_ACCESS_TITLE}</h1>
        <p className="govuk-body">{message}</p>
        <p className="govuk-body">
          If you need it for your work, ask an administrator of the dashboard to give you that role.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the customer service standards
          </Link>
        </p>
      </div>
    </div>
  );
}

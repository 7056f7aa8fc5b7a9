import { can, type Permission } from '@ipo/domain/access';
import { NoAccessPage } from '../../../components/no-access';
import { Link } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { accessOf } from '../../session/access';
import { useSession } from '../../session/api/session-api';

/** An administration page, and the permissions that open it (any one of them). */
export interface AdminPage {
  to: string;
  title: string;
  description: string;
  permissions: readonly Permission[];
}

/**
 * Every administration page. Each route guards itself with the same permissions
 * (app/routes.tsx), so a page is listed exactly when the user may open it.
 */
export const ADMIN_PAGES: readonly AdminPage[] = [
  {
    to: '/admin/standards',
    title: 'Standards and targets',
    description:
      'Add a target version after seeing what it changes; change a threshold, working days or minimum sample.',
    permissions: ['administer'],
  },
  {
    to: '/admin/closure-days',
    title: 'Closure days',
    description: 'Bank holidays and office closures by nation; load the GOV.UK bank holidays file.',
    permissions: ['administer'],
  },
  {
    to: '/admin/themes',
    title: 'Feedback themes',
    description:
      'Add, rename, change or retire the themes comments are tagged with, and find phrases no theme covers.',
    permissions: ['administer'],
  },
  {
    to: '/admin/users',
    title: 'Users and roles',
    description: 'Who may sign in, their roles and teams.',
    permissions: ['administer'],
  },
  {
    to: '/admin/tokens',
    title: 'Ingestion tokens',
    description: 'The API tokens other systems send data with.',
    permissions: ['load-data', 'administer'],
  },
  {
    to: '/admin/alerts',
    title: 'Alert subscriptions and failed e-mails',
    description: 'Who subscribes to which alerts, and the e-mails that could not be sent.',
    permissions: ['administer'],
  },
  {
    to: '/admin/audit',
    title: 'Audit trail',
    description: 'Every change, who made it and when.',
    permissions: ['administer'],
  },
];

export const ADMIN_TITLE = 'Administration';

/** /admin: the administration pages this user may use. */
export function AdminIndex() {
  const access = accessOf(useSession());
  const pages = ADMIN_PAGES.filter((page) => page.permissions.some((p) => can(access, p)));
  useDocumentTitle(pages.length > 0 ? ADMIN_TITLE : 'You do not have access');
  if (pages.length === 0) {
    return <NoAccessPage message="This needs the role of an administrator or a data steward." />;
  }
  return (
    <>
      <h1 className="govuk-heading-xl">{ADMIN_TITLE}</h1>
      <ul className="govuk-list govuk-list--spaced">
        {pages.map((page) => (
          <li key={page.to}>
            <h2 className="govuk-heading-m govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={page.to}>
                {page.title}
              </Link>
            </h2>
            <p className="govuk-body">{page.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

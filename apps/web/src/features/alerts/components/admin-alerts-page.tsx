import type { AdminDeliveriesResponse, AdminSubscriptionsResponse } from '@ipo/contracts';
import { ROLE_LABELS, type Role } from '@ipo/domain/access';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { formatDateTime } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { findTeam, useTeams } from '../../scorecard/api/get-teams';
import { useAdminSubscriptions, useFailedDeliveries } from '../api/admin-alerts-api';
import { FREQUENCY_WORDS, RULE_NAMES } from '../words';

export const ADMIN_ALERTS_TITLE = 'Alert subscriptions and failed e-mails';

const KIND_WORDS: Record<AdminDeliveriesResponse['deliveries'][number]['kind'], string> = {
  alert: 'An alert',
  digest: 'A digest',
  report: 'The monthly report pack',
};

type Subscription = AdminSubscriptionsResponse['subscriptions'][number];

const roleWords = (roles: readonly string[]) =>
  roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ');

/** /admin/alerts: who subscribes to which alerts, and the e-mails that could not be sent. */
export function AdminAlertsPage() {
  useDocumentTitle(ADMIN_ALERTS_TITLE);
  const subscriptions = useAdminSubscriptions();
  const failed = useFailedDeliveries();
  return (
    <>
      <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
        <ol className="govuk-breadcrumbs__list">
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/admin">
              Administration
            </Link>
          </li>
        </ol>
      </nav>
      <h1 className="govuk-heading-xl">{ADMIN_ALERTS_TITLE}</h1>
      <p className="govuk-body-l">
        Managers and team leads subscribe themselves to alerts. An e-mail that still fails after
        five tries is listed here with the last error.
      </p>

      <section aria-labelledby="admin-alerts-subscriptions" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-l" id="admin-alerts-subscriptions">
          Subscriptions
        </h2>
        <QueryState
          query={subscriptions}
          what="The subscriptions"
          loadingText="Loading the subscriptions…"
          skeleton={<Skeleton height={160} />}
        >
          {(data) =>
            data.subscriptions.length === 0 ? (
              <EmptyState>Nobody subscribes to alerts yet.</EmptyState>
            ) : (
              <SubscriptionsTable subscriptions={data.subscriptions} />
            )
          }
        </QueryState>
      </section>

      <section aria-labelledby="admin-alerts-failed">
        <h2 className="govuk-heading-l" id="admin-alerts-failed">
          Failed e-mails
        </h2>
        <QueryState
          query={failed}
          what="The failed e-mails"
          loadingText="Loading the failed e-mails…"
          skeleton={<Skeleton height={120} />}
        >
          {(data) =>
            data.deliveries.length === 0 ? (
              <EmptyState>No e-mail has failed.</EmptyState>
            ) : (
              <FailedTable deliveries={data.deliveries} />
            )
          }
        </QueryState>
      </section>
    </>
  );
}

function SubscriptionsTable({ subscriptions }: { subscriptions: readonly Subscription[] }) {
  const teams = useTeams();
  const teamName = (id: number) => findTeam(teams.data, id)?.name ?? `Team ${id}`;
  const caption = `Subscriptions (${subscriptions.length})`;
  return (
    <Table
      caption={caption}
      scrollLabel={caption}
      className="app-data-table"
      columns={['Who', 'Alerts', 'Standards', 'Teams', 'How', 'Report pack', 'Changed']}
    >
      {subscriptions.map((s) => (
        <tr key={s.user.id} className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            {s.user.name}
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
              {s.user.email}, {roleWords(s.user.roles)}
            </span>
          </th>
          <td className="govuk-table__cell">
            {s.rules.length === 0 ? 'None' : s.rules.map((r) => RULE_NAMES[r]).join(', ')}
          </td>
          <td className="govuk-table__cell">
            {s.allStandards ? 'Every standard' : s.standardCodes.join(', ') || 'None'}
          </td>
          <td className="govuk-table__cell">
            {s.allTeams
              ? 'Every team'
              : s.teamIds.length === 0
                ? 'Office-wide only'
                : s.teamIds.map(teamName).join(', ')}
          </td>
          <td className="govuk-table__cell">
            {[
              ...(s.email ? [`E-mail ${FREQUENCY_WORDS[s.frequency].inSentence}`] : []),
              ...(s.inApp ? ['In the dashboard'] : []),
            ].join('; ') || 'Neither'}
          </td>
          <td className="govuk-table__cell">{s.monthlyReport ? 'Yes' : 'No'}</td>
          <td className="govuk-table__cell">{formatDateTime(s.updatedAt)}</td>
        </tr>
      ))}
    </Table>
  );
}

function FailedTable({ deliveries }: { deliveries: AdminDeliveriesResponse['deliveries'] }) {
  const caption = `Failed e-mails (${deliveries.length})`;
  return (
    <Table
      caption={caption}
      scrollLabel={caption}
      className="app-data-table"
      columns={['To', 'What', { label: 'Tries', numeric: true }, 'Last error', 'Last tried']}
    >
      {deliveries.map((d) => (
        <tr key={d.id} className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            {d.email}
          </th>
          <td className="govuk-table__cell">
            {KIND_WORDS[d.kind]}
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
              <code>{d.key}</code>
            </span>
          </td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{d.attempts}</td>
          <td className="govuk-table__cell">{d.lastError ?? 'None recorded'}</td>
          <td className="govuk-table__cell">{formatDateTime(d.updatedAt)}</td>
        </tr>
      ))}
    </Table>
  );
}

import type { AdminUser, InviteUserResponse } from '@ipo/contracts';
import { useState } from 'react';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { ConfirmPanel } from '../../../components/step-panel';
import { SuccessBanner, type SuccessNotice } from '../../../components/success-banner';
import { WarningText } from '../../../components/warning-text';
import { focusLater } from '../../../lib/focus';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useKeyed } from '../../../lib/use-keyed';
import { useSession } from '../../session/api/session-api';
import { useAdminUsers, useSetUserDisabled } from '../api/users-api';
import { OneTimeSecret } from './one-time-secret';
import { EditUserForm } from './users-edit-form';
import { InviteUserForm } from './users-invite-form';
import { type UserAction, UsersTable } from './users-table';

/** The form or question open for one user, and the button that opened it. */
interface Panel {
  action: UserAction;
  email: string;
  buttonId: string;
}

function invitedNotice(answer: InviteUserResponse): SuccessNotice {
  const { user, initialPassword } = answer;
  if (!initialPassword) {
    return {
      title: `${user.name} has been invited`,
      body: (
        <p className="govuk-body">
          They sign in through your organisation’s identity provider with {user.email}.
        </p>
      ),
    };
  }
  return {
    title: `${user.name} has been invited`,
    body: (
      <>
        <p className="govuk-body">
          Their first password is below. It is shown only this once: copy it now and give it to{' '}
          {user.name} by a separate, private channel (not in the message that tells them their user
          name). They sign in with {user.email} and this password.
        </p>
        <OneTimeSecret id="users-initial-password" label="password" value={initialPassword} />
      </>
    ),
  };
}

/** /admin/users: every user, their roles and teams; invite, change, disable and enable. */
export function UsersPage() {
  useDocumentTitle('Users and roles');
  const me = useSession();
  const users = useAdminUsers();
  const setDisabled = useSetUserDisabled();
  const [notice, announce] = useKeyed<SuccessNotice>();
  const [panel, setPanel] = useState<Panel | null>(null);

  function close(returnFocus: boolean) {
    const opener = panel?.buttonId;
    setPanel(null);
    setDisabled.reset();
    // After the panel has gone: the button is still in the table.
    if (returnFocus && opener) focusLater(opener);
  }

  const identityProvider = users.data?.identityProvider ?? false;
  const selected = panel ? users.data?.users.find((u) => u.email === panel.email) : undefined;

  function confirmDisabled(user: AdminUser, disabled: boolean) {
    setDisabled.mutate(
      { email: user.email, disabled },
      {
        onSuccess: (answer) => {
          close(false);
          const ended = answer.sessionsEnded ?? 0;
          announce(
            disabled
              ? {
                  title: `${user.name} has been disabled`,
                  body: (
                    <p className="govuk-body">
                      They cannot sign in.{' '}
                      {ended === 0
                        ? 'They had no session open.'
                        : `${ended} ${ended === 1 ? 'session' : 'sessions'} ended.`}
                    </p>
                  ),
                }
              : {
                  title: `${user.name} has been enabled`,
                  body: <p className="govuk-body">They can sign in again.</p>,
                },
          );
        },
      },
    );
  }

  return (
    <>
      {notice ? (
        <SuccessBanner key={notice.key} title={notice.value.title} focus="banner">
          {notice.value.body}
        </SuccessBanner>
      ) : null}
      <h1 className="govuk-heading-xl">Users and roles</h1>
      <p className="govuk-body-l">
        Who may use the dashboard, and what each person may do. Every change is recorded in the
        audit trail.
      </p>

      <section aria-labelledby="users-heading" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-l" id="users-heading">
          Users
        </h2>
        {panel && selected && panel.action === 'edit' ? (
          <EditUserForm
            key={selected.email}
            user={selected}
            identityProvider={identityProvider}
            onCancel={() => close(true)}
            onSaved={(user) => {
              close(false);
              announce({
                title: `The roles and teams of ${user.name} have been changed`,
                body: (
                  <p className="govuk-body">
                    They take effect at {user.name}’s next request; no need to sign in again.
                  </p>
                ),
              });
            }}
          />
        ) : null}
        {panel && selected && panel.action !== 'edit' ? (
          <ConfirmPanel
            key={`${panel.action}-${selected.email}`}
            title={
              panel.action === 'disable'
                ? `Disable ${selected.name}?`
                : `Enable ${selected.name} again?`
            }
            confirmLabel={
              panel.action === 'disable'
                ? `Yes, disable ${selected.name}`
                : `Yes, enable ${selected.name}`
            }
            headingLevel={2}
            pending={setDisabled.isPending}
            error={setDisabled.error}
            onCancel={() => close(true)}
            onConfirm={() => confirmDisabled(selected, panel.action === 'disable')}
          >
            <WarningText>
              {panel.action === 'disable'
                ? `${selected.name} (${selected.email}) will not be able to sign in, and every session they have open ends now.`
                : `${selected.name} (${selected.email}) will be able to sign in again, with the roles they had.`}
            </WarningText>
          </ConfirmPanel>
        ) : null}
        <QueryState
          query={users}
          what="The users"
          loadingText="Loading the users…"
          skeleton={<Skeleton height={240} />}
        >
          {(data) =>
            data.users.length === 0 ? (
              <EmptyState>There are no users yet.</EmptyState>
            ) : (
              <UsersTable
                users={data.users}
                currentEmail={me?.email}
                onAction={(action, user, buttonId) => {
                  setDisabled.reset();
                  setPanel({ action, email: user.email, buttonId });
                }}
              />
            )
          }
        </QueryState>
      </section>

      <InviteUserForm
        identityProvider={identityProvider}
        onInvited={(answer) => {
          close(false);
          announce(invitedNotice(answer));
        }}
      />
    </>
  );
}

import type { AdminUser, SignInWay } from '@ipo/contracts';
import { ROLE_LABELS } from '@ipo/domain/access';
import { Table } from '../../../components/table';
import { formatDateTime } from '../../../lib/format';
import { listInWords } from '../../../lib/wording';

const SIGN_IN_WORDS: Record<SignInWay, string> = {
  password: 'a password',
  'identity-provider': 'the identity provider',
  demo: 'one click (demo)',
};

/** 'Signs in with a password', 'No way to sign in yet'. */
export function signInWords(user: AdminUser): string {
  return user.signsInWith.length
    ? `Signs in with ${listInWords(
        user.signsInWith.map((way) => SIGN_IN_WORDS[way]),
        'or',
      )}`
    : 'No way to sign in yet';
}

export type UserAction = 'edit' | 'disable' | 'enable';

/** The id of a row's button, to give focus back to when what it opened closes. */
export const actionButtonId = (action: UserAction, index: number) => `user-${action}-${index}`;

/** Every user, with what they may do and whether they can sign in. */
export function UsersTable({
  users,
  currentEmail,
  onAction,
}: {
  users: readonly AdminUser[];
  currentEmail: string | undefined;
  onAction: (action: UserAction, user: AdminUser, buttonId: string) => void;
}) {
  const caption = `Users (${users.length})`;
  return (
    <Table
      caption={caption}
      scrollLabel={caption}
      className="app-data-table"
      columns={['Name', 'E-mail address', 'Roles', 'Teams', 'Status', 'Last signed in', 'Actions']}
    >
      {users.map((user, index) => {
        const self = user.email === currentEmail;
        const button = (action: UserAction, words: string, hidden: string) => {
          const id = actionButtonId(action, index);
          return (
            <button
              type="button"
              id={id}
              className="govuk-link app-link-button govuk-!-margin-right-3"
              onClick={() => onAction(action, user, id)}
            >
              {words} <span className="govuk-visually-hidden">{hidden}</span>
            </button>
          );
        };
        return (
          <tr key={user.email} className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {user.name}
              {self ? ' (you)' : ''}{' '}
              <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                {signInWords(user)}
              </span>
            </th>
            <td className="govuk-table__cell">{user.email}</td>
            <td className="govuk-table__cell">
              {user.roles.map((role) => ROLE_LABELS[role]).join(', ')}
            </td>
            <td className="govuk-table__cell">
              {user.teams.length ? user.teams.map((team) => team.name).join(', ') : 'None'}
            </td>
            <td className="govuk-table__cell">
              {user.disabled ? (
                <strong className="govuk-tag govuk-tag--grey">Disabled</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--green">Active</strong>
              )}
            </td>
            <td className="govuk-table__cell">
              {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'}
            </td>
            <td className="govuk-table__cell">
              {button('edit', 'Change', `the roles and teams of ${user.name}`)}
              {user.disabled
                ? button('enable', 'Enable', user.name)
                : self
                  ? null
                  : button('disable', 'Disable', user.name)}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

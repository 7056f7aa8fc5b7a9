import type { AdminUser } from '@ipo/contracts';
import type { Role } from '@ipo/domain/access';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorSummary, type FormProblem } from '../../../components/forms/error-summary';
import { useUpdateUser } from '../api/users-api';
import { RolesField, TeamsField } from './users-access-fields';
import { problemOf, serverProblems } from './users-form-problems';

const ids = { roles: 'edit-roles', teams: 'edit-teams' };

/** Replaces a user's roles and teams. */
export function EditUserForm({
  user,
  identityProvider,
  onSaved,
  onCancel,
}: {
  user: AdminUser;
  identityProvider: boolean;
  onSaved: (user: AdminUser) => void;
  onCancel: () => void;
}) {
  const update = useUpdateUser();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [teams, setTeams] = useState<number[]>(user.teams.map((t) => t.id));
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  function refuse(found: FormProblem[]) {
    setProblems(found);
    setAttempt((n) => n + 1);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const found: FormProblem[] = [];
    if (roles.length === 0) found.push({ message: 'Select at least one role', fieldId: ids.roles });
    if (roles.includes('team-lead') && teams.length === 0) {
      found.push({ message: 'Select at least one team for a team lead', fieldId: ids.teams });
    }
    if (found.length) {
      refuse(found);
      return;
    }
    update.mutate(
      { email: user.email, body: { roles, teams } },
      {
        onSuccess: (answer) => onSaved(answer.user),
        onError: (error) => refuse(serverProblems(error, ids)),
      },
    );
  }

  return (
    <section
      aria-labelledby="edit-user-heading"
      className="govuk-!-margin-bottom-8 govuk-!-padding-4 app-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h2 className="govuk-heading-m" id="edit-user-heading" ref={heading} tabIndex={-1}>
        Change the roles and teams of {user.name}
      </h2>
      {identityProvider ? (
        <p className="govuk-body">
          The identity provider sets them again when {user.name} next signs in: change them there
          too.
        </p>
      ) : null}
      {problems.length > 0 ? <ErrorSummary key={attempt} problems={problems} /> : null}
      <form onSubmit={submit} noValidate>
        <RolesField
          idPrefix="edit"
          value={roles}
          onChange={setRoles}
          error={problemOf(problems, ids.roles)}
        />
        <TeamsField
          idPrefix="edit"
          value={teams}
          onChange={setTeams}
          error={problemOf(problems, ids.teams)}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" aria-disabled={update.isPending}>
            Save changes
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

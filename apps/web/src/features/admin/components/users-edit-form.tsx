import type { AdminUser } from '@ipo/contracts';
import type { Role } from '@ipo/domain/access';
import { type FormEvent, useState } from 'react';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { StepPanel } from '../../../components/step-panel';
import { useUpdateUser } from '../api/users-api';
import { AccessFields, accessFieldIds, accessProblems } from './users-access-fields';

const ids = accessFieldIds('edit');

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
  const { summary, refuse, problemOf } = useFormProblems();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const found = accessProblems('edit', roles, teams);
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
    <StepPanel
      title={`Change the roles and teams of ${user.name}`}
      headingLevel={2}
      summary={summary}
      onCancel={onCancel}
    >
      {identityProvider ? (
        <p className="govuk-body">
          The identity provider sets them again when {user.name} next signs in: change them there
          too.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <AccessFields
          idPrefix="edit"
          roles={roles}
          teams={teams}
          onRolesChange={setRoles}
          onTeamsChange={setTeams}
          problemOf={problemOf}
        />
        <FormButtons label="Save changes" pending={update.isPending} onCancel={onCancel} />
      </form>
    </StepPanel>
  );
}

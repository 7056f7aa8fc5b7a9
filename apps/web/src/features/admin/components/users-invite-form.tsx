import type { InviteUserResponse } from '@ipo/contracts';
import type { Role } from '@ipo/domain/access';
import { type FormEvent, useState } from 'react';
import type { FormProblem } from '../../../components/forms/error-summary';
import { InputField } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { useInviteUser } from '../api/users-api';
import { AccessFields, accessFieldIds, accessProblems } from './users-access-fields';

const ids = { email: 'invite-email', name: 'invite-name', ...accessFieldIds('invite') };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** What the form is missing, in GOV.UK's words, before anything is sent. */
export function invitationProblems(input: {
  email: string;
  name: string;
  roles: readonly Role[];
  teams: readonly number[];
}): FormProblem[] {
  const problems: FormProblem[] = [];
  const email = input.email.trim();
  if (!email) problems.push({ message: 'Enter their e-mail address', fieldId: ids.email });
  else if (!EMAIL.test(email)) {
    problems.push({
      message: 'Enter an e-mail address in the correct format, like name@ipo.gov.uk',
      fieldId: ids.email,
    });
  }
  if (!input.name.trim()) problems.push({ message: 'Enter their full name', fieldId: ids.name });
  return [...problems, ...accessProblems('invite', input.roles, input.teams)];
}

/** Invites a user: their address, name, roles and teams. */
export function InviteUserForm({
  identityProvider,
  onInvited,
}: {
  identityProvider: boolean;
  onInvited: (answer: InviteUserResponse) => void;
}) {
  const invite = useInviteUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [teams, setTeams] = useState<number[]>([]);
  const { summary, refuse, clear, problemOf } = useFormProblems();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (invite.isPending) return;
    const found = invitationProblems({ email, name, roles, teams });
    if (found.length) {
      refuse(found);
      return;
    }
    clear();
    invite.mutate(
      { email: email.trim(), name: name.trim(), roles, teams },
      {
        onSuccess: (answer) => {
          setEmail('');
          setName('');
          setRoles([]);
          setTeams([]);
          onInvited(answer);
        },
        onError: (error) => refuse(serverProblems(error, ids)),
      },
    );
  }

  return (
    <section aria-labelledby="invite-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="invite-heading">
        Invite a user
      </h2>
      <p className="govuk-body">
        {identityProvider
          ? 'They sign in through your organisation’s identity provider. It sets their roles and teams again each time they sign in, so change them there too.'
          : 'They get a first password, shown to you once, to give them by a separate, private channel.'}
      </p>
      {summary}
      <form onSubmit={submit} noValidate>
        <InputField
          id={ids.email}
          label="E-mail address"
          labelSize="s"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={problemOf(ids.email)}
        />
        <InputField
          id={ids.name}
          label="Full name"
          labelSize="s"
          name="name"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={problemOf(ids.name)}
        />
        <AccessFields
          idPrefix="invite"
          roles={roles}
          teams={teams}
          onRolesChange={setRoles}
          onTeamsChange={setTeams}
          problemOf={problemOf}
        />
        <FormButtons label="Invite user" pending={invite.isPending} pendingText="Inviting…" />
      </form>
    </section>
  );
}

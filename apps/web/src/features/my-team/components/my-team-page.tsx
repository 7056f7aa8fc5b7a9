import type { SessionUserView, TeamsResponse } from '@ipo/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { TeamSelect } from '../../../components/forms/team-select';
import { NoAccessPage } from '../../../components/no-access';
import { QueryState, Skeleton } from '../../../components/query-state';
import { Link, useSearchParams } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { getScorecardQueryOptions } from '../../scorecard/api/get-scorecard';
import { findTeam, teamParam, useTeams } from '../../scorecard/api/get-teams';
import { useSession } from '../../session/api/session-api';
import { useTeamThemes } from '../api/my-team-api';
import { type MyTeamChoice, myTeamChoice, type TeamRef } from '../utils/my-team';
import { LateRecords } from './late-records';
import { TeamActions } from './team-actions';
import { TeamSatisfaction } from './team-satisfaction';
import { TeamStandards } from './team-standards';
import { TeamThemes } from './team-themes';

export const MY_TEAM_NO_ACCESS =
  'This page is for team leads and managers: it needs the role of a team lead or a manager. You can see any team’s figures on the scorecard, with its team filter.';

/**
 * A team on one page (`/my-team?team=`): its standards against target, its customers'
 * satisfaction and rising themes, its records already late and the open actions on its themes.
 * A team lead sees their own teams (a select when they lead several); a manager any team.
 */
export function MyTeamPage() {
  const user = useSession();
  const [params, setParams] = useSearchParams();
  const choice = myTeamChoice(user, teamParam(params.get('team')));
  const choose = (team: number) => setParams({ team: String(team) });
  if (choice.kind === 'no-access') return <NoAccessPage message={MY_TEAM_NO_ACCESS} />;
  if (choice.kind === 'no-team') return <NoTeamLinked />;
  if (choice.kind === 'choose') return <ChooseTeam onChoose={choose} />;
  return <TeamPage choice={choice} user={user} onChoose={choose} />;
}

function NoTeamLinked() {
  useDocumentTitle('My team');
  return (
    <>
      <h1 className="govuk-heading-l">My team</h1>
      <p className="govuk-body">
        No team is linked to your account, so there is no team to show. Ask an administrator of the
        dashboard to add your team.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the scorecard
        </Link>
      </p>
    </>
  );
}

function ChooseTeam({ onChoose }: { onChoose: (team: number) => void }) {
  useDocumentTitle('A team’s page');
  const teams = useTeams();
  return (
    <>
      <h1 className="govuk-heading-l">A team’s page</h1>
      <p className="govuk-body">
        Choose a team to see its standards, its customers’ satisfaction and themes, its late records
        and the open actions on its themes.
      </p>
      <TeamForm services={teams.data?.services} selected={undefined} onChoose={onChoose} />
    </>
  );
}

/** The user's own teams by service, named as the team list names the services. */
function ownServices(own: TeamRef[], teams: TeamsResponse | undefined): TeamsResponse['services'] {
  const services: TeamsResponse['services'] = [];
  for (const team of own) {
    let service = services.find((s) => s.code === team.service);
    if (!service) {
      const name = teams?.services.find((s) => s.code === team.service)?.name ?? team.service;
      service = { code: team.service, name, teams: [] };
      services.push(service);
    }
    service.teams.push({ id: team.id, name: team.name });
  }
  return services;
}

function TeamForm({
  services,
  selected,
  selectedLabel,
  onChoose,
}: {
  services: TeamsResponse['services'] | undefined;
  selected: number | undefined;
  selectedLabel?: string | undefined;
  onChoose: (team: number) => void;
}) {
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('team');
    if (typeof value === 'string' && value) onChoose(Number(value));
  }
  return (
    <form className="app-period-form" onSubmit={submit} noValidate>
      <TeamSelect
        id={`${id}-team`}
        services={services}
        selected={selected}
        selectedLabel={selectedLabel}
        noneLabel={selected === undefined ? 'Choose a team' : undefined}
      />
      <button
        type="submit"
        className="govuk-button govuk-!-margin-bottom-0 app-period-form__button"
      >
        Show team
      </button>
    </form>
  );
}

function TeamPage({
  choice,
  user,
  onChoose,
}: {
  choice: Extract<MyTeamChoice, { kind: 'team' }>;
  user: SessionUserView | null;
  onChoose: (team: number) => void;
}) {
  const { teamId } = choice;
  const teams = useTeams();
  // No placeholder from another team: the page is about one team at a time.
  const scorecard = useQuery(getScorecardQueryOptions(undefined, teamId));
  const themes = useTeamThemes(teamId);
  const known = findTeam(teams.data, teamId);
  const own = choice.own.find((team) => team.id === teamId);
  const name = scorecard.data?.team?.name ?? known?.name ?? own?.name ?? `Team ${teamId}`;
  const serviceName = scorecard.data?.team?.service.name ?? known?.service.name;
  const refusedName = choice.refused === null ? null : findTeam(teams.data, choice.refused)?.name;
  useDocumentTitle(`${name}: my team`);
  const services = choice.anyTeam ? teams.data?.services : ownServices(choice.own, teams.data);

  return (
    <>
      <span className="govuk-caption-l">
        {user?.roles.includes('team-lead') && own ? 'My team' : 'Team'}
        {serviceName ? `, ${serviceName}` : ''}
      </span>
      <h1 className="govuk-heading-xl">{name}</h1>
      {choice.refused !== null ? (
        <div className="govuk-inset-text">
          You can see your own teams here, and {refusedName ?? `team ${choice.refused}`} is not one
          of them, so this page shows {name}.
        </div>
      ) : null}
      {choice.anyTeam || choice.own.length > 1 ? (
        <TeamForm services={services} selected={teamId} selectedLabel={name} onChoose={onChoose} />
      ) : null}
      <QueryState
        query={scorecard}
        what="The team’s standards"
        loadingText="Loading the team’s standards"
        skeleton={<Skeleton height={320} />}
      >
        {(data) => <TeamStandards scorecard={data} />}
      </QueryState>
      <TeamSatisfaction teamId={teamId} teamName={name} />
      <TeamThemes themes={themes} teamId={teamId} readsComments />
      {scorecard.data ? <LateRecords scorecard={scorecard.data} teamId={teamId} /> : null}
      <TeamActions teamId={teamId} themes={themes.data} />
    </>
  );
}

import type { Action, FeedbackThemeStat, FeedbackThemes, SessionUserView } from '@ipo/contracts';
import { teamScope } from '@ipo/domain/access';
import { accessOf } from '../../session/access';

/** A team the page can show: its id, name and service code. */
export interface TeamRef {
  id: number;
  name: string;
  service: string;
}

/**
 * Which team the page shows, from the user and `?team=`:
 * - `no-access`: the user leads no team and may not read every team's records (a viewer, a data
 *   steward, an administrator);
 * - `no-team`: a team lead with no team linked to their account;
 * - `choose`: a manager who has not chosen a team yet;
 * - `team`: the team to show, and whether the user may choose any team (`anyTeam`) or one of
 *   their own (`own`). `refused` is the team asked for that is not theirs (a team lead's page
 *   then shows their first team instead, and says so).
 */
export type MyTeamChoice =
  | { kind: 'no-access' }
  | { kind: 'no-team' }
  | { kind: 'choose'; own: TeamRef[] }
  | { kind: 'team'; teamId: number; anyTeam: boolean; own: TeamRef[]; refused: number | null };

export function myTeamChoice(
  user: SessionUserView | null,
  asked: number | undefined,
): MyTeamChoice {
  const access = accessOf(user);
  const scope = teamScope(access, 'read-records');
  const leads = user?.roles.includes('team-lead') ?? false;
  const own = leads ? (user?.teams ?? []) : [];
  if (scope.all) {
    if (asked !== undefined)
      return { kind: 'team', teamId: asked, anyTeam: true, own, refused: null };
    const first = own[0];
    return first
      ? { kind: 'team', teamId: first.id, anyTeam: true, own, refused: null }
      : { kind: 'choose', own };
  }
  if (!leads) return { kind: 'no-access' };
  const mine = own.filter((team) => scope.teamIds.includes(team.id));
  const first = mine[0];
  if (!first) return { kind: 'no-team' };
  const askedTeam = mine.find((team) => team.id === asked);
  return {
    kind: 'team',
    teamId: askedTeam?.id ?? first.id,
    anyTeam: false,
    own: mine,
    refused: asked !== undefined && !askedTeam ? asked : null,
  };
}

/** Themes mentioned more often than in the previous period, most risen first (at most `limit`). */
export function risingThemes(themes: FeedbackThemes, limit = 5): FeedbackThemeStat[] {
  return themes.themes
    .filter((theme) => theme.change !== null && theme.change > 0)
    .sort((a, b) => (b.change ?? 0) - (a.change ?? 0) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** The themes the team's customers wrote about at all (withheld counts are some comments too). */
export function teamThemeCodes(themes: FeedbackThemes | undefined): Set<string> {
  return new Set(
    (themes?.themes ?? [])
      .filter((theme) => theme.count.suppressed || (theme.count.value ?? 0) > 0)
      .map((theme) => theme.code),
  );
}

/**
 * The open actions (planned or in progress) for a team's themes: those the team recorded, and the
 * whole office's on a theme the team's customers wrote about. By due date, so overdue ones
 * first (none last), then by title.
 */
export function openTeamActions(
  actions: readonly Action[],
  teamId: number,
  themeCodes: ReadonlySet<string>,
): Action[] {
  const due = (a: Action) => a.dueOn ?? '9999-12-31';
  return actions
    .filter((a) => a.status !== 'done')
    .filter((a) => a.teamId === teamId || (a.teamId === null && themeCodes.has(a.themeCode)))
    .sort((a, b) => due(a).localeCompare(due(b)) || a.title.localeCompare(b.title));
}

/** Whether an open action's due date has passed (`today` a London date, YYYY-MM-DD). */
export function isOverdue(action: Action, today: string): boolean {
  return action.status !== 'done' && action.dueOn !== null && action.dueOn < today;
}

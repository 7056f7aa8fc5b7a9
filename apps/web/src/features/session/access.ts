import type { SessionUserView } from '@ipo/contracts';
import { type AccessHolder, can, type Permission, teamScope } from '@ipo/domain/access';
import { useSession } from './api/session-api';

/**
 * What the signed-in user may do, from the same table the API checks (@ipo/domain/access), so a
 * control is shown exactly when the request behind it would be allowed.
 */

export function accessOf(user: SessionUserView | null): AccessHolder | null {
  return user ? { roles: user.roles, teamIds: user.teams.map((team) => team.id) } : null;
}

export function useCan(permission: Permission): boolean {
  return can(accessOf(useSession()), permission);
}

/**
 * Whose records or comments a request asks for:
 * - `all`: the user reads every team's (a manager): the page's own team filter, if any, applies;
 * - `team`: one of the user's teams (a team lead, who must name one): the team the page asks for
 *   when it is theirs (`asked`), otherwise their first;
 * - `no-team`: a team lead of no team: there is nothing they may read;
 * - `none`: the user may not read records at all.
 */
export type RecordsScope =
  | { kind: 'all' }
  | { kind: 'team'; teamId: number; teamName: string; asked: boolean }
  | { kind: 'no-team' }
  | { kind: 'none' };

export function recordsScopeOf(
  user: SessionUserView | null,
  askedTeam: number | undefined,
  /** Teams to prefer when the page asks for none of the user's (the standard's own teams). */
  preferred: readonly number[] = [],
): RecordsScope {
  const access = accessOf(user);
  if (!can(access, 'read-records')) return { kind: 'none' };
  const scope = teamScope(access, 'read-records');
  if (scope.all) return { kind: 'all' };
  const teams = (user?.teams ?? []).filter((team) => scope.teamIds.includes(team.id));
  const asked = teams.find((team) => team.id === askedTeam);
  if (asked) return { kind: 'team', teamId: asked.id, teamName: asked.name, asked: true };
  const first = teams.find((team) => preferred.includes(team.id)) ?? teams[0];
  if (!first) return { kind: 'no-team' };
  return { kind: 'team', teamId: first.id, teamName: first.name, asked: false };
}

export function useRecordsScope(
  askedTeam: number | undefined,
  preferred: readonly number[] = [],
): RecordsScope {
  return recordsScopeOf(useSession(), askedTeam, preferred);
}

/** The team a records request names: the scope's team, or (reading all) the page's filter. */
export function recordsTeam(scope: RecordsScope, askedTeam: number | undefined) {
  return scope.kind === 'team' ? scope.teamId : askedTeam;
}

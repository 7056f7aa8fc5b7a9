import type { TeamsResponse } from '@ipo/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** Every team, by service (GET /api/teams, 'read-figures'). The same key as the users page's. */
export function getTeamsQueryOptions() {
  return queryOptions({
    queryKey: ['teams'],
    queryFn: ({ signal }): Promise<TeamsResponse> =>
      apiGet('/api/teams', (c) => c.TeamsResponseSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useTeams() {
  return useQuery(getTeamsQueryOptions());
}

/** A team's name and service from the list; undefined when it is not (yet) known. */
export function findTeam(teams: TeamsResponse | undefined, id: number | undefined) {
  if (!teams || id === undefined) return undefined;
  for (const service of teams.services) {
    const team = service.teams.find((t) => t.id === id);
    if (team) return { ...team, service: { code: service.code, name: service.name } };
  }
  return undefined;
}

/** `?team=` as a team id: a positive whole number, else none. */
export function teamParam(value: string | null): number | undefined {
  if (!value || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  return id > 0 && id <= 2_147_483_647 ? id : undefined;
}

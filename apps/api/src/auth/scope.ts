import { teamScope } from '@ipo/domain/access';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../plugins/errors.js';

/**
 * Row-level data (records behind a figure, comments) within the user's scope (decision 11): a
 * manager reads every team's; a team lead only their own teams', and must name one (`team`), so
 * an answer is never quietly a mix of what they may and may not see.
 */
export function assertTeamInScope(
  request: FastifyRequest,
  permission: 'read-records' | 'write-actions',
  teamId: number | null | undefined,
): void {
  const scope = teamScope(request.user, permission);
  if (scope.all) return;
  const teams = request.user?.teams ?? [];
  const names = teams.map((t) => `${t.name} (${t.id})`).join(', ') || 'none';
  if (teamId == null) {
    throw new HttpError(
      403,
      `You can see the records and comments of your own teams only: choose one of ${names}.`,
      [{ field: 'team', message: `must be one of your teams: ${names}` }],
    );
  }
  if (!scope.teamIds.includes(teamId)) {
    throw new HttpError(403, `Team ${teamId} is not one of your teams (${names}).`, [
      { field: 'team', message: `must be one of your teams: ${names}` },
    ]);
  }
}

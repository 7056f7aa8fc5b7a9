import type { ScorecardEntry } from '@ipo/contracts';

/**
 * The standard's page for the scorecard's period, filtered to the scorecard's team when it has
 * one, unless the team has no work for this standard (its page would be empty).
 */
export function standardHref(
  entry: Pick<ScorecardEntry, 'code' | 'noWorkForTeam'>,
  periodId: string,
  teamId: number | undefined,
): string {
  const teamQuery = teamId !== undefined && !entry.noWorkForTeam ? `&team=${teamId}` : '';
  return `/standards/${entry.code}?period=${periodId}${teamQuery}`;
}

import {
  type BreakdownDimension,
  CHANNEL_LABELS,
  type Channel,
  CUSTOMER_GROUP_LABELS,
  type CustomerGroup,
  type StandardKind,
} from '@ipo/contracts';

export const dimensionLabels: Record<BreakdownDimension, string> = {
  team: 'Team',
  channel: 'Channel',
  customerGroup: 'Customer group',
};

export const granularityLabels = { week: 'Week', month: 'Month', quarter: 'Quarter' } as const;

/** What the records that fall short are called, by kind of standard. */
export const shortfallWords: Record<StandardKind, { late: string; one: string; many: string }> = {
  timeliness: { late: 'Late items', one: 'item', many: 'items' },
  accuracy: { late: 'Failed checks', one: 'check', many: 'checks' },
  satisfaction: { late: 'Dissatisfied responses', one: 'response', many: 'responses' },
};

/** The filters in force, for headings and summaries: 'for Team C, phone' or 'for everyone'. */
export function scopeInWords(
  filters: {
    team?: number | undefined;
    channel?: Channel | undefined;
    customerGroup?: CustomerGroup | undefined;
  },
  teams: readonly { id: number; name: string }[],
): string {
  const parts: string[] = [];
  if (filters.team !== undefined) {
    parts.push(teams.find((team) => team.id === filters.team)?.name ?? `team ${filters.team}`);
  }
  if (filters.channel) parts.push(CHANNEL_LABELS[filters.channel].toLowerCase());
  if (filters.customerGroup) parts.push(CUSTOMER_GROUP_LABELS[filters.customerGroup].toLowerCase());
  return parts.length === 0 ? 'for everyone' : `for ${parts.join(', ')}`;
}

import type { SessionUserView } from '@ipo/contracts';
import { ROLE_LABELS } from '@ipo/domain/access';

const listOf = (words: string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

/** 'Manager', 'Team lead of Examination Team C', 'Data steward, Administrator'. */
export function rolesInWordsOf(user: Pick<SessionUserView, 'roles' | 'teams'>): string {
  return user.roles
    .map((role) =>
      role === 'team-lead' && user.teams.length > 0
        ? `${ROLE_LABELS[role]} of ${listOf(user.teams.map((team) => team.name))}`
        : ROLE_LABELS[role],
    )
    .join(', ');
}

/**
 * Who may do what (decision 11). Roles are what a person is given; permissions are what a route
 * or a control asks for. The API checks them on every route and the dashboard uses the same
 * table to leave out the controls a user may not use, so the two cannot disagree.
 */

export const ROLES = ['viewer', 'team-lead', 'manager', 'data-steward', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  'team-lead': 'Team lead',
  manager: 'Manager',
  'data-steward': 'Data steward',
  admin: 'Administrator',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'reads every figure and aggregate',
  'team-lead':
    'reads figures, and the records and comments of their own teams; records actions for them',
  manager: 'reads figures, and the records and comments of every team; records any action',
  'data-steward': 'imports files, manages ingestion tokens and sees the import history',
  admin: 'manages targets, thresholds, closure days, the theme taxonomy, users and the audit trail',
};

export const PERMISSIONS = [
  /** Aggregates: every figure, chart and breakdown. Every signed-in user has it. */
  'read-figures',
  /** Records behind a figure and feedback comments, of the user's teams or of all. */
  'read-records',
  /** Record, change and publish "you said, we did" actions, for the user's teams or all. */
  'write-actions',
  /** Import files, create and revoke ingestion tokens, see import history. */
  'load-data',
  /** Targets, thresholds, closure days, the theme taxonomy, users, the audit trail. */
  'administer',
  /** Mark a date or a date range on the trend charts of one standard or of all, with a note. */
  'annotate',
  /**
   * Sign off and publish a closed month's figures (and revisions), and download the board's
   * monthly report pack.
   */
  'publish',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read-figures'],
  'team-lead': ['read-figures', 'read-records', 'write-actions'],
  manager: ['read-figures', 'read-records', 'write-actions', 'annotate', 'publish'],
  'data-steward': ['read-figures', 'load-data'],
  admin: ['read-figures', 'administer', 'annotate'],
};

/** The least a user must hold to be granted each permission, for messages ("needs ..."). */
export const PERMISSION_ROLES = Object.fromEntries(
  PERMISSIONS.map((p) => [p, ROLES.filter((r) => GRANTS[r].includes(p))]),
) as unknown as Record<Permission, readonly Role[]>;

/** What a signed-in user carries for access decisions. */
export interface AccessHolder {
  roles: readonly Role[];
  /** Team ids a team lead answers for. */
  teamIds: readonly number[];
}

export function can(user: AccessHolder | null | undefined, permission: Permission): boolean {
  return !!user && user.roles.some((r) => GRANTS[r].includes(permission));
}

/** Whether the user holds at least one of `permissions` (a control several permissions open). */
export function canAny(
  user: AccessHolder | null | undefined,
  permissions: readonly Permission[],
): boolean {
  return permissions.some((p) => can(user, p));
}

/**
 * Whose rows a permission that is scoped by team reaches: every team (a manager), the user's own
 * teams (a team lead), or none.
 */
export type TeamScope = { all: true } | { all: false; teamIds: readonly number[] };

export function teamScope(
  user: AccessHolder | null | undefined,
  permission: 'read-records' | 'write-actions',
): TeamScope {
  if (!user || !can(user, permission)) return { all: false, teamIds: [] };
  if (user.roles.includes('manager')) return { all: true };
  return { all: false, teamIds: [...user.teamIds] };
}

export function inScope(scope: TeamScope, teamId: number | null | undefined): boolean {
  if (scope.all) return true;
  return teamId != null && scope.teamIds.includes(teamId);
}

/**
 * "a manager or a team lead": the roles that grant a permission, in words. Given several
 * permissions (a route any of them opens), the roles that grant any one.
 */
export function rolesInWords(permission: Permission | readonly Permission[]): string {
  const permissions: readonly Permission[] =
    typeof permission === 'string' ? [permission] : permission;
  const roles = ROLES.filter((r) => permissions.some((p) => GRANTS[r].includes(p)));
  const names = roles.map((r) => {
    const label = ROLE_LABELS[r].toLowerCase();
    return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
  });
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Who may change or delete an annotation once written: its author, or an administrator. The
 * 'annotate' permission lets a user add annotations, not change other people's.
 */
export function mayChangeAnnotation(
  user: { email: string; roles: readonly Role[] } | null | undefined,
  annotation: { createdBy: string },
): boolean {
  if (!user) return false;
  if (user.roles.includes('admin')) return true;
  return (
    user.roles.some((r) => GRANTS[r].includes('annotate')) &&
    user.email.toLowerCase() === annotation.createdBy.toLowerCase()
  );
}

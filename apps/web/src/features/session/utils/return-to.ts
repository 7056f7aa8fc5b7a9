/**
 * Where to go after signing in. Only a path of this site is accepted, as the API accepts it for
 * the identity provider: a single leading '/' (not '//' or '/\', which browsers read as another
 * host), no spaces, control characters or backslashes, at most 2,000 characters. Anything else,
 * and the sign-in page itself, goes to the home page.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\s\\\u0000-\u001f\u007f]/.test(value)) return '/';
  if (/^\/sign-in(?:[/?#]|$)/.test(value)) return '/';
  return value;
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return `/sign-in?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;
}

/**
 * Where a user goes once signed in: `returnTo`, except that a team lead and nothing else, with
 * nowhere in particular to return to (the home page), lands on their team's page.
 */
export function landingPath(returnTo: string, user: { roles: readonly string[] }): string {
  const teamLeadOnly = user.roles.length > 0 && user.roles.every((role) => role === 'team-lead');
  return returnTo === '/' && teamLeadOnly ? '/my-team' : returnTo;
}

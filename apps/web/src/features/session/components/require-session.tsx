import type { Permission } from '@ipo/domain/access';
import { rolesInWords } from '@ipo/domain/access';
import { NoAccessPage } from '../../../components/no-access';
import { LoadError } from '../../../components/query-state';
import { Navigate, Outlet, useLocation } from '../../../lib/router';
import { sessionEnding } from '../../../lib/session-store';
import { useCan } from '../access';
import { useSessionQuery } from '../api/session-api';
import { signInPath } from '../utils/return-to';

/** What the sign-in page is told on the way there (history state). */
export interface SignInNotice {
  notice?: string;
}

/**
 * The pages of the dashboard need a signed-in user: while the session is read they wait, and
 * without one they go to the sign-in page, which comes back here afterwards. A session that ends
 * while a page is open (a 401 on any request) lands here too, with the server's reason.
 */
export function RequireSession() {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  if (session.isError) {
    return (
      <LoadError
        what="Your session"
        error={session.error}
        retrying={session.isFetching}
        onRetry={() => void session.refetch()}
      />
    );
  }
  if (!session.data) {
    const ending = sessionEnding();
    if (ending?.kind === 'signed-out') {
      const state: SignInNotice = { notice: 'You have signed out.' };
      return <Navigate to="/sign-in" replace state={state} />;
    }
    const state: SignInNotice = ending ? { notice: ending.message } : {};
    return (
      <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace state={state} />
    );
  }
  return <Outlet />;
}

/** A page for those granted `permission` only; anyone else is told which role it needs. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const allowed = useCan(permission);
  if (!allowed)
    return <NoAccessPage message={`This needs the role of ${rolesInWords(permission)}.`} />;
  return <Outlet />;
}

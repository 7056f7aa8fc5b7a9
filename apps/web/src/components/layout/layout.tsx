import { Outlet } from '../../lib/router';
import { PageShell } from './page-shell';

export function Layout() {
  return (
    <PageShell>
      <Outlet />
    </PageShell>
  );
}

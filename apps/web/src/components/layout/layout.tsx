import { Outlet } from 'react-router';
import { PageShell } from './page-shell';

export function Layout() {
  return (
    <PageShell>
      <Outlet />
    </PageShell>
  );
}

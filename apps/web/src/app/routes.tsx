import type { RouteObject } from 'react-router';
import { Layout } from '../components/layout/layout';
import { PageShell } from '../components/layout/page-shell';
import { NotFound } from '../components/not-found';
import { RouteErrorBoundary } from '../components/route-error-boundary';
import { StandardsPage } from '../features/standards/components/standards-page';

// The standards list is the landing page, so it ships in the entry chunk. Routes that draw
// charts (recharts) must be added with `lazy: () => import(...)` so the chart library stays out
// of the initial download.
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // Only reached if the layout itself fails; render the shell around the message.
    errorElement: (
      <PageShell>
        <RouteErrorBoundary />
      </PageShell>
    ),
    children: [
      { index: true, element: <StandardsPage />, errorElement: <RouteErrorBoundary /> },
      { path: '*', element: <NotFound />, errorElement: <RouteErrorBoundary /> },
    ],
  },
];

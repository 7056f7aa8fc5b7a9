import type { RouteObject } from 'react-router';
import { Layout } from '../components/layout/layout';
import { PageShell } from '../components/layout/page-shell';
import { NotFound } from '../components/not-found';
import { RouteErrorBoundary } from '../components/route-error-boundary';
import { ScorecardPage } from '../features/scorecard/components/scorecard-page';
import { RequirePermission, RequireSession } from '../features/session/components/require-session';
import { SignInPage } from '../features/session/components/sign-in-page';
import { StandardsPage } from '../features/standards/components/standards-page';

// The scorecard is the landing page, so it ships in the entry chunk (its sparklines are plain
// SVG). Routes that draw charts (recharts) must be added with `lazy: () => import(...)` so the
// chart library stays out of the initial download.
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // Only reached if the layout itself fails; render the shell around the message.
    errorElement: (
      <PageShell>
        <RouteErrorBoundary />
      </PageShell>
    ),
    // Shown on a first visit straight to a lazy route while its code downloads.
    hydrateFallbackElement: (
      <PageShell>
        <p className="govuk-body" role="status">
          Loading…
        </p>
      </PageShell>
    ),
    children: [
      // The one page open to everyone.
      { path: 'sign-in', element: <SignInPage />, errorElement: <RouteErrorBoundary /> },
      {
        // Every other page needs a signed-in user (401 on any request comes back here too).
        element: <RequireSession />,
        errorElement: <RouteErrorBoundary />,
        children: [
          { index: true, element: <ScorecardPage />, errorElement: <RouteErrorBoundary /> },
          { path: 'standards', element: <StandardsPage />, errorElement: <RouteErrorBoundary /> },
          {
            path: 'standards/:code',
            lazy: async () => {
              const { StandardPage } = await import(
                '../features/standard-detail/components/standard-page'
              );
              return { Component: StandardPage };
            },
            errorElement: <RouteErrorBoundary />,
          },
          {
            path: 'imports',
            element: <RequirePermission permission="load-data" />,
            errorElement: <RouteErrorBoundary />,
            children: [
              {
                index: true,
                lazy: async () => {
                  const { ImportsPage } = await import(
                    '../features/imports/components/imports-page'
                  );
                  return { Component: ImportsPage };
                },
                errorElement: <RouteErrorBoundary />,
              },
            ],
          },
          {
            path: 'feedback',
            lazy: async () => {
              const { FeedbackPage } = await import(
                '../features/feedback/components/feedback-page'
              );
              return { Component: FeedbackPage };
            },
            errorElement: <RouteErrorBoundary />,
          },
          { path: '*', element: <NotFound />, errorElement: <RouteErrorBoundary /> },
        ],
      },
    ],
  },
];

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
          // Administration: the index lists the pages a user may use (it checks itself); standards,
          // closure days and themes are for administrators.
          {
            path: 'admin',
            errorElement: <RouteErrorBoundary />,
            children: [
              {
                index: true,
                lazy: async () => {
                  const { AdminIndex } = await import('../features/admin/components/admin-index');
                  return { Component: AdminIndex };
                },
                errorElement: <RouteErrorBoundary />,
              },
              {
                element: <RequirePermission permission="administer" />,
                errorElement: <RouteErrorBoundary />,
                children: [
                  {
                    path: 'standards',
                    lazy: async () => {
                      const { StandardsAdminList } = await import(
                        '../features/admin/components/standards-admin-list'
                      );
                      return { Component: StandardsAdminList };
                    },
                    errorElement: <RouteErrorBoundary />,
                  },
                  {
                    path: 'standards/:code',
                    lazy: async () => {
                      const { StandardsAdminPage } = await import(
                        '../features/admin/components/standards-admin-page'
                      );
                      return { Component: StandardsAdminPage };
                    },
                    errorElement: <RouteErrorBoundary />,
                  },
                  {
                    path: 'closure-days',
                    lazy: async () => {
                      const { ClosureDaysPage } = await import(
                        '../features/admin/components/closure-days-page'
                      );
                      return { Component: ClosureDaysPage };
                    },
                    errorElement: <RouteErrorBoundary />,
                  },
                  {
                    path: 'themes',
                    lazy: async () => {
                      const { ThemesPage } = await import(
                        '../features/admin/components/themes-page'
                      );
                      return { Component: ThemesPage };
                    },
                    errorElement: <RouteErrorBoundary />,
                  },
                ],
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
          // Users and the audit trail are for administrators; API tokens for data stewards and
          // administrators (the page itself checks either permission, as the API does).
          {
            path: 'admin/users',
            element: <RequirePermission permission="administer" />,
            errorElement: <RouteErrorBoundary />,
            children: [
              {
                index: true,
                lazy: async () => {
                  const { UsersPage } = await import('../features/admin/components/users-page');
                  return { Component: UsersPage };
                },
                errorElement: <RouteErrorBoundary />,
              },
            ],
          },
          {
            path: 'admin/tokens',
            lazy: async () => {
              const { TokensPage } = await import('../features/admin/components/tokens-page');
              return { Component: TokensPage };
            },
            errorElement: <RouteErrorBoundary />,
          },
          {
            path: 'admin/audit',
            element: <RequirePermission permission="administer" />,
            errorElement: <RouteErrorBoundary />,
            children: [
              {
                index: true,
                lazy: async () => {
                  const { AuditPage } = await import('../features/admin/components/audit-page');
                  return { Component: AuditPage };
                },
                errorElement: <RouteErrorBoundary />,
              },
            ],
          },
          {
            // A team lead's teams on one page; managers may open any team's.
            path: 'my-team',
            lazy: async () => {
              const { MyTeamPage } = await import('../features/my-team/components/my-team-page');
              return { Component: MyTeamPage };
            },
            errorElement: <RouteErrorBoundary />,
          },
          { path: '*', element: <NotFound />, errorElement: <RouteErrorBoundary /> },
        ],
      },
    ],
  },
];

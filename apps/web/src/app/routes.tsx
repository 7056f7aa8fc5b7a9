import { Layout } from '../components/layout/layout';
import { PageShell } from '../components/layout/page-shell';
import { NotFound } from '../components/not-found';
import { RouteErrorBoundary } from '../components/route-error-boundary';
import { ScorecardPage } from '../features/scorecard/components/scorecard-page';
import { RequirePermission, RequireSession } from '../features/session/components/require-session';
import type { RouteObject } from '../lib/router';

// The scorecard is the landing page, so it ships in the entry chunk (its sparklines are plain
// SVG); every other page loads its code when first shown (`lazy`), so that the landing page's
// first download stays within its budget (apps/web/scripts/budget.mjs) and the chart library
// (recharts) is never part of it.
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
      // The one page open to everyone.
      {
        path: 'sign-in',
        lazy: async () => {
          const { SignInPage } = await import('../features/session/components/sign-in-page');
          return { Component: SignInPage };
        },
        errorElement: <RouteErrorBoundary />,
      },
      {
        // Every other page needs a signed-in user (401 on any request comes back here too).
        element: <RequireSession />,
        errorElement: <RouteErrorBoundary />,
        children: [
          { index: true, element: <ScorecardPage />, errorElement: <RouteErrorBoundary /> },
          {
            path: 'standards',
            lazy: async () => {
              const { StandardsPage } = await import(
                '../features/standards/components/standards-page'
              );
              return { Component: StandardsPage };
            },
            errorElement: <RouteErrorBoundary />,
          },
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
                  {
                    path: 'alerts',
                    lazy: async () => {
                      const { AdminAlertsPage } = await import(
                        '../features/alerts/components/admin-alerts-page'
                      );
                      return { Component: AdminAlertsPage };
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
            // Sign-off: managers review a period that has ended and publish it (or a revision).
            path: 'publications',
            element: <RequirePermission permission="publish" />,
            errorElement: <RouteErrorBoundary />,
            children: [
              {
                index: true,
                lazy: async () => {
                  const { PublicationsPage } = await import(
                    '../features/publications/components/publications-page'
                  );
                  return { Component: PublicationsPage };
                },
                errorElement: <RouteErrorBoundary />,
              },
            ],
          },
          {
            // The user's own notifications (anyone signed in, as the API); choosing what they
            // tell is for those who may subscribe to alerts (managers and team leads).
            path: 'notifications',
            lazy: async () => {
              const { NotificationsPage } = await import(
                '../features/alerts/components/notifications-page'
              );
              return { Component: NotificationsPage };
            },
            errorElement: <RouteErrorBoundary />,
          },
          {
            path: 'notifications/settings',
            element: <RequirePermission permission="read-records" />,
            errorElement: <RouteErrorBoundary />,
            children: [
              {
                index: true,
                lazy: async () => {
                  const { SubscriptionPage } = await import(
                    '../features/alerts/components/subscription-page'
                  );
                  return { Component: SubscriptionPage };
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

import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { AppProvider } from '../app/provider';
import { ApiError } from '../lib/api-client';
import { createMemoryRouter, RouterProvider } from '../lib/router';
import { jsonResponse, stubFetch } from '../test/render';
import { Layout } from './layout/layout';
import { RouteErrorBoundary } from './route-error-boundary';

function Broken(): never {
  throw new Error('render failed');
}

function Refused(): never {
  throw new ApiError('http', 403, 'This needs the role of an administrator.');
}

/** The route inside the layout; nobody is signed in, so the header names no one. */
function renderRoute(element: ReactNode) {
  stubFetch(async () =>
    jsonResponse(
      { statusCode: 401, error: 'Unauthorized', message: 'Sign in to use the dashboard.' },
      401,
    ),
  );
  const router = createMemoryRouter([
    {
      element: <Layout />,
      children: [{ index: true, element, errorElement: <RouteErrorBoundary /> }],
    },
  ]);
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
}

describe('RouteErrorBoundary', () => {
  it('replaces a failing route with a service problem page inside the layout', async () => {
    // React and the router report the caught error on the console; that is expected here.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    renderRoute(<Broken />);

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sorry, there is a problem with the service',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toContainElement(screen.getByText('Try again later.'));
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toBeInTheDocument();
  });

  it('says "You do not have access" with the role the server named when a route is refused', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    renderRoute(<Refused />);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('This needs the role of an administrator.');
    expect(screen.queryByText('Try again later.')).toBeNull();
  });
});

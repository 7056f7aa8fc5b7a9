import type { Session } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calledUrls, deferred, jsonResponse, renderApp, routeFetch } from '../../test/render';
import {
  dataSteward,
  manager,
  managerSession,
  sessionOf,
  signInMethods,
  viewer,
} from '../../test/session-fixtures';
import { catalogueResponse } from '../../test/standards-fixture';

const refusal = (status: number, message: string) =>
  jsonResponse({ statusCode: status, error: 'Refused', message }, status);

describe('the route guard', () => {
  it('waits for the session, then sends a visitor who is not signed in to sign in and back', async () => {
    const session = deferred<Response>();
    const fetchMock = routeFetch((url) => {
      if (url.pathname === '/api/session') return session.promise;
      if (url.pathname === '/api/session/methods') return jsonResponse(signInMethods);
      return refusal(401, 'Sign in to use the dashboard.');
    });
    const { router } = renderApp('/feedback?period=2025-11', { session: null });

    expect(await screen.findByRole('status')).toHaveTextContent('Loading…');
    session.resolve(refusal(401, 'Sign in to use the dashboard.'));

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sign in to the service standards dashboard',
      }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('?returnTo=%2Ffeedback%3Fperiod%3D2025-11');
    // The page's own requests were never made.
    await screen.findByLabelText('E-mail address');
    expect(calledUrls(fetchMock).map((u) => u.pathname)).toEqual([
      '/api/session',
      '/api/session/methods',
    ]);
  });

  it('lets a signed-in user in once the session has been read', async () => {
    routeFetch((url) =>
      url.pathname === '/api/session'
        ? jsonResponse(managerSession)
        : jsonResponse(catalogueResponse),
    );
    renderApp('/standards', { session: null });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Customer service standards' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as Morgan Ellis (Manager)');
  });

  it('takes the user to sign in and back when a request answers 401', async () => {
    let session: Session | null = managerSession;
    routeFetch((url, init) => {
      if (url.pathname === '/api/session' && init.method === 'POST') {
        session = managerSession;
        return jsonResponse(managerSession);
      }
      if (url.pathname === '/api/session/methods') return jsonResponse(signInMethods);
      if (url.pathname === '/api/standards' && session) {
        // The session ended on the server (idle too long) between two requests.
        session = null;
        return refusal(401, 'Your session has ended. Sign in again.');
      }
      return session ? jsonResponse(catalogueResponse) : refusal(401, 'Sign in.');
    });
    const user = userEvent.setup();
    const { router } = renderApp('/standards?kind=timeliness');

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sign in to the service standards dashboard',
      }),
    ).toBeInTheDocument();
    expect(router.state.location.search).toBe('?returnTo=%2Fstandards%3Fkind%3Dtimeliness');
    expect(screen.getByRole('region', { name: 'Important' })).toHaveTextContent(
      'Your session has ended. Sign in again.',
    );
    expect(screen.queryByText(/Signed in as/)).toBeNull();

    await user.type(await screen.findByLabelText('E-mail address'), 'morgan.ellis@ipo.example');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Customer service standards' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/standards');
    expect(router.state.location.search).toBe('?kind=timeliness');
  });
});

describe('the header', () => {
  it('names who is signed in with their roles, and offers only the pages they may use', async () => {
    routeFetch(() => jsonResponse(catalogueResponse));
    renderApp('/standards');
    await screen.findAllByRole('table');
    const banner = screen.getByRole('banner');
    expect(banner).toHaveTextContent('Signed in as Morgan Ellis (Manager)');
    const menu = within(screen.getByRole('navigation', { name: 'Menu' }));
    expect(menu.getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Scorecard',
      'Standards',
      'Feedback',
      'Publications',
    ]);
    expect(within(banner).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('shows Imports to a data steward', async () => {
    routeFetch(() => jsonResponse(catalogueResponse));
    renderApp('/standards', { session: sessionOf(dataSteward) });
    await screen.findAllByRole('table');
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as Sam Okafor (Data steward)');
    const menu = within(screen.getByRole('navigation', { name: 'Menu' }));
    expect(menu.getByRole('link', { name: 'Imports' })).toHaveAttribute('href', '/imports');
  });

  it('signs out with the session check, clears what was cached and goes to sign in', async () => {
    const fetchMock = routeFetch((url, init) => {
      if (url.pathname === '/api/session' && init.method === 'DELETE') {
        return new Response(null, { status: 204 });
      }
      if (url.pathname === '/api/session/methods') return jsonResponse(signInMethods);
      return jsonResponse(catalogueResponse);
    });
    const user = userEvent.setup();
    const { router, queryClient } = renderApp('/standards');
    await screen.findAllByRole('table');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sign in to the service standards dashboard',
      }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
    expect(screen.getByRole('region', { name: 'Important' })).toHaveTextContent(
      'You have signed out.',
    );
    expect(screen.queryByText(/Signed in as/)).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Menu' })).toBeNull();

    const [, init] = fetchMock.mock.calls.find(([, init]) => init?.method === 'DELETE')!;
    expect(init?.headers).toMatchObject({ 'X-CSRF-Token': managerSession.csrfToken });
    expect(init?.credentials).toBe('same-origin');
    // Nothing the manager could see is kept for whoever signs in next.
    expect(queryClient.getQueryCache().findAll({ queryKey: ['standards'] })).toEqual([]);
    expect(
      queryClient
        .getQueryCache()
        .getAll()
        .every((query) => query.queryKey[0] === 'session'),
    ).toBe(true);
  });
});

describe('access refused', () => {
  it('tells a user without the role that a page is not for them, naming the role', async () => {
    const fetchMock = routeFetch(() => jsonResponse(catalogueResponse));
    renderApp('/imports', { session: sessionOf(manager) });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('This needs the role of a data steward.');
    expect(document.title).toBe(
      'You do not have access – Service standards – Intellectual Property Office',
    );
    expect(screen.queryByRole('button', { name: 'Import the file' })).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("shows the server's 403 as no access, with the role it names, and no retry", async () => {
    routeFetch(() => refusal(403, 'This needs the role of a manager or a team lead.'));
    renderApp('/standards', { session: sessionOf(viewer) });
    expect(
      await screen.findByRole('heading', { name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('This needs the role of a manager or a team lead.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.queryByText(/could not be loaded/)).toBeNull();
    // Still signed in: a 403 is not a 401.
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as Viv Patel (Viewer)');
    await waitFor(() => expect(screen.queryByText(/Sign in to the service/)).toBeNull());
  });
});

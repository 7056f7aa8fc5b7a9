import type { Session, SignInMethods } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import {
  manager,
  sessionOf,
  signInMethods,
  teamLead,
  viewer,
} from '../../../test/session-fixtures';
import { catalogueResponse } from '../../../test/standards-fixture';

const refusal = (status: number, message: string, extra: object = {}) =>
  jsonResponse({ statusCode: status, error: 'Refused', message, ...extra }, status);

/**
 * Nobody is signed in until `signIn` (POST /api/session) or `demo` (POST /api/session/demo)
 * answers with a session; after that GET /api/session answers it too. The standards list is the
 * page to come back to.
 */
function api({
  signedIn = null,
  methods = signInMethods,
  signIn = () => jsonResponse(sessionOf(manager)),
  demo = (email: string) =>
    jsonResponse(sessionOf(email.startsWith('team-lead') ? teamLead : viewer)),
}: {
  signedIn?: Session | null;
  methods?: SignInMethods;
  signIn?: (body: { email: string; password: string }) => Response;
  demo?: (email: string) => Response;
} = {}) {
  let session = signedIn;
  const remember = async (response: Response) => {
    if (response.ok) session = await response.clone().json();
    return response;
  };
  return routeFetch((url, init) => {
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    switch (`${init.method ?? 'GET'} ${url.pathname}`) {
      case 'GET /api/session':
        return session ? jsonResponse(session) : refusal(401, 'Sign in to use the dashboard.');
      case 'GET /api/session/methods':
        return jsonResponse(methods);
      case 'POST /api/session':
        return remember(signIn(body));
      case 'POST /api/session/demo':
        return remember(demo(body.email));
      case 'GET /api/standards':
        return session ? jsonResponse(catalogueResponse) : refusal(401, 'Sign in.');
      default:
        return refusal(404, 'No such route');
    }
  });
}

const signedOut = { session: null };

describe('the sign-in page', () => {
  it('has one h1, an e-mail and password form for password managers, and no menu', async () => {
    api();
    renderApp('/sign-in', signedOut);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sign in to the service standards dashboard',
      }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toBe('Sign in – Service standards – Intellectual Property Office');
    const email = await screen.findByLabelText('E-mail address');
    expect(email).toHaveAttribute('autocomplete', 'username');
    expect(email).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    // Nobody is signed in: no menu, nobody named.
    expect(screen.queryByRole('navigation', { name: 'Menu' })).toBeNull();
    expect(screen.queryByText(/Signed in as/)).toBeNull();
    // No identity provider here.
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull();
  });

  it('lists what is missing in an error summary that takes focus and links to each field', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    renderApp('/sign-in', signedOut);
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    const emailLink = within(summary).getByRole('link', { name: 'Enter your e-mail address' });
    expect(emailLink).toHaveAttribute('href', '#sign-in-email');
    expect(within(summary).getByRole('link', { name: 'Enter your password' })).toHaveAttribute(
      'href',
      '#sign-in-password',
    );
    expect(document.title).toBe(
      'Error: Sign in – Service standards – Intellectual Property Office',
    );
    // Each field says its own error, and is described by it.
    expect(screen.getByLabelText('E-mail address')).toHaveAccessibleDescription(
      'Error: Enter your e-mail address',
    );
    await user.click(emailLink);
    expect(screen.getByLabelText('E-mail address')).toHaveFocus();
    // Nothing was sent.
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it("shows the server's refusal: a wrong password, then too many attempts", async () => {
    const attempts: unknown[] = [];
    api({
      signIn: (body) => {
        attempts.push(body);
        return attempts.length === 1
          ? refusal(401, 'The e-mail address or password is not right.')
          : refusal(429, 'Too many failed sign-ins. Try again in 15 minutes.');
      },
    });
    const user = userEvent.setup();
    const { router } = renderApp('/sign-in?returnTo=%2Fstandards', signedOut);
    await user.type(await screen.findByLabelText('E-mail address'), 'morgan.ellis@ipo.example');
    await user.type(screen.getByLabelText('Password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'The e-mail address or password is not right.' }),
    ).toHaveAttribute('href', '#sign-in-email');
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    expect(attempts).toEqual([{ email: 'morgan.ellis@ipo.example', password: 'not-the-password' }]);
    expect(router.state.location.pathname).toBe('/sign-in');

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const again = await screen.findByText('Too many failed sign-ins. Try again in 15 minutes.');
    // Not about one field: said, not linked.
    expect(again.closest('a')).toBeNull();
    await waitFor(() => expect(again.closest('.govuk-error-summary')).toHaveFocus());
  });

  it('signs in and goes back to the page that asked, naming the user in the header', async () => {
    api();
    const user = userEvent.setup();
    const { router } = renderApp('/sign-in?returnTo=%2Fstandards', signedOut);
    await user.type(await screen.findByLabelText('E-mail address'), 'morgan.ellis@ipo.example');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Customer service standards' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/standards');
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as Morgan Ellis (Manager)');
  });

  it('goes back only to a page of this site', async () => {
    api();
    const user = userEvent.setup();
    const { router } = renderApp(
      `/sign-in?returnTo=${encodeURIComponent('//evil.example/standards')}`,
      signedOut,
    );
    await user.type(await screen.findByLabelText('E-mail address'), 'morgan.ellis@ipo.example');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(router.state.location.search).toBe('');
  });

  it('offers the demo users, each a button with their role, and signs in as one', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    const { router } = renderApp('/sign-in?returnTo=%2Fstandards', signedOut);
    const demo = (await screen.findByRole('heading', { level: 2, name: 'Try the demo' })).closest(
      'section',
    ) as HTMLElement;
    const buttons = within(demo).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Sign in as Morgan Ellis',
      'Sign in as Tariq Hughes',
      'Sign in as Viv Patel',
    ]);
    const lead = within(demo).getByRole('button', { name: 'Sign in as Tariq Hughes' });
    expect(lead).toHaveAccessibleDescription(
      'Team lead of Examination Team C: reads figures, and the records and comments of their own teams; records actions for them',
    );
    expect(
      within(demo).getByRole('button', { name: 'Sign in as Viv Patel' }),
    ).toHaveAccessibleDescription('Viewer: reads every figure and aggregate');

    // A button: the keyboard works it.
    lead.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/standards'));
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(String(post?.[0])).toBe('/api/session/demo');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ email: 'team-lead@demo.example' });
    expect(await screen.findByRole('banner')).toHaveTextContent(
      'Signed in as Tariq Hughes (Team lead of Contact Centre Newport and Examination Team C)',
    );
  });

  it('offers the identity provider, coming back to the same page', async () => {
    api({
      methods: { password: true, oidc: { label: 'your IPO account' }, demoUsers: [] },
    });
    renderApp('/sign-in?returnTo=%2Ffeedback%3Fperiod%3D2025-11', signedOut);
    expect(
      await screen.findByRole('link', { name: 'Sign in with your IPO account' }),
    ).toHaveAttribute('href', '/api/auth/oidc/login?returnTo=%2Ffeedback%3Fperiod%3D2025-11');
    expect(screen.queryByRole('heading', { name: 'Try the demo' })).toBeNull();
    expect(screen.getByLabelText('E-mail address')).toBeInTheDocument();
  });

  it('sends someone already signed in straight on', async () => {
    api({ signedIn: sessionOf(manager) });
    const { router } = renderApp('/sign-in?returnTo=%2Fstandards');
    await waitFor(() => expect(router.state.location.pathname).toBe('/standards'));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Customer service standards' }),
    ).toBeInTheDocument();
  });
});

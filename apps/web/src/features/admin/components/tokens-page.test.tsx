import type { ApiToken, ApiTokensResponse } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { dataSteward, managerSession, sessionOf } from '../../../test/session-fixtures';
import { expiryOf } from './tokens-page';

// Tokens are for data stewards and administrators (either permission, as the API checks).
const stewardSession = sessionOf(dataSteward);
const adminSession = sessionOf({
  email: 'alex.morgan@ipo.example',
  name: 'Alex Morgan',
  roles: ['admin'],
  teams: [],
});

function token(overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    name: 'crm-nightly',
    kinds: ['feedback'],
    source: 'crm',
    // Midnight at the end of 31 March 2027, London (summer time: 23:00 UTC the day before).
    expiresAt: '2027-03-31T23:00:00.000Z',
    createdBy: 'sam.okafor@ipo.example',
    createdAt: '2025-11-01T09:00:00.000Z',
    lastUsedAt: '2025-11-20T14:15:00.000Z',
    revokedAt: null,
    state: 'active',
    ...overrides,
  };
}

const tokens: ApiTokensResponse = {
  tokens: [
    token(),
    token({
      name: 'old-survey',
      kinds: ['work-items', 'quality-checks'],
      source: null,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: '2025-11-02T10:00:00.000Z',
      state: 'revoked',
    }),
    token({ name: 'last-year', expiresAt: '2025-01-01T00:00:00.000Z', state: 'expired' }),
  ],
};

interface Sent {
  method: string;
  path: string;
  body: unknown;
  csrf: string | undefined;
}

function serve(change: (sent: Sent) => Response = () => jsonResponse({}, 500)) {
  const sent: Sent[] = [];
  const fetchMock = routeFetch((url, init) => {
    if ((init.method ?? 'GET') === 'GET') return jsonResponse(tokens);
    const one: Sent = {
      method: init.method ?? 'GET',
      path: url.pathname,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      csrf: ((init.headers ?? {}) as Record<string, string>)['X-CSRF-Token'],
    };
    sent.push(one);
    return change(one);
  });
  return { fetchMock, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the tokens page', () => {
  it('lists tokens with what they may send, source, expiry, last use and state in words', async () => {
    serve();
    renderApp('/admin/tokens', { session: stewardSession });
    const table = await screen.findByRole('table', { name: 'Tokens (3)' });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toMatch(/^Ingestion tokens – /);
    const row = (name: string) =>
      within(
        within(table)
          .getByRole('rowheader', { name: new RegExp(`^${name}`) })
          .closest('tr')!,
      );

    const crm = row('crm-nightly');
    expect(crm.getByText('Feedback')).toBeInTheDocument();
    expect(crm.getByText('crm')).toBeInTheDocument();
    expect(crm.getByText('At the end of 31 March 2027')).toBeInTheDocument();
    expect(crm.getByText('2:15pm on 20 November 2025')).toBeInTheDocument();
    expect(crm.getByText('Active')).toBeInTheDocument();
    expect(crm.getByRole('button', { name: 'Revoke the token crm-nightly' })).toBeInTheDocument();

    const old = row('old-survey');
    expect(old.getByText('Work items, Quality checks')).toBeInTheDocument();
    expect(old.getByText('Any')).toBeInTheDocument();
    expect(old.getAllByText('Never')).toHaveLength(2);
    expect(old.getByText('Revoked')).toBeInTheDocument();
    expect(old.queryByRole('button')).toBeNull();
    expect(row('last-year').getByText('Expired')).toBeInTheDocument();
  });

  it('is open to administrators and closed to managers, naming the roles it needs', async () => {
    serve();
    renderApp('/admin/tokens', { session: adminSession });
    expect(await screen.findByRole('table', { name: 'Tokens (3)' })).toBeInTheDocument();
  });

  it('tells a manager which roles it needs, without asking the server', async () => {
    const { fetchMock } = serve();
    renderApp('/admin/tokens', { session: managerSession });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('This needs the role of a data steward or an administrator.'),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('creating a token', () => {
  it('lists what is wrong in an error summary linked to each field, and sends nothing', async () => {
    const { sent } = serve();
    renderApp('/admin/tokens', { session: stewardSession });
    const user = userEvent.setup();
    await screen.findByRole('table');
    for (const kind of ['Work items', 'Quality checks', 'Feedback']) {
      await user.click(screen.getByRole('checkbox', { name: kind }));
    }
    await user.type(screen.getByLabelText('Source (optional)'), 'Not Lower');
    await user.type(screen.getByLabelText('Day'), '31');
    await user.type(screen.getByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Year'), '2030');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const summary = screen.getByRole('alert');
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    expect(
      within(summary)
        .getAllByRole('link')
        .map((l) => [l.textContent, l.getAttribute('href')]),
    ).toEqual([
      ['Enter a name for the token', '#token-name'],
      ['Select at least one kind of data', '#token-kinds'],
      [
        'The source must be lower-case letters, digits, dots, dashes or underscores, like crm',
        '#token-source',
      ],
      ['The expiry date must be a real date, like 31 3 2027', '#token-expiry-day'],
    ]);
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter a name for the token'),
    );
    expect(sent).toEqual([]);
  });

  it('creates a token and shows it once, with a copy button', async () => {
    const { sent } = serve(() =>
      jsonResponse({ name: 'crm-feedback', token: 'ipo_secretValue123' }, 201),
    );
    renderApp('/admin/tokens', { session: stewardSession });
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('Name'), 'crm-feedback');
    await user.click(screen.getByRole('checkbox', { name: 'Work items' }));
    await user.click(screen.getByRole('checkbox', { name: 'Quality checks' }));
    await user.type(screen.getByLabelText('Source (optional)'), 'crm');
    await user.type(screen.getByLabelText('Day'), '1');
    await user.type(screen.getByLabelText('Month'), '4');
    await user.type(screen.getByLabelText('Year'), '2999');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const banner = await screen.findByRole('alert');
    await waitFor(() => expect(banner).toHaveFocus());
    expect(banner).toHaveTextContent('Token crm-feedback created');
    expect(banner).toHaveTextContent('This is the only time the token is shown');
    expect(within(banner).getByText('ipo_secretValue123')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/tokens',
        body: { name: 'crm-feedback', kinds: ['feedback'], source: 'crm', expiresOn: '2999-04-01' },
        csrf: stewardSession.csrfToken,
      },
    ]);
    await user.click(within(banner).getByRole('button', { name: 'Copy the token' }));
    expect(await navigator.clipboard.readText()).toBe('ipo_secretValue123');
    expect(within(banner).getByRole('status')).toHaveTextContent('The token has been copied.');
    // The form starts again: every kind, no name.
    expect(screen.getByLabelText('Name')).toHaveValue('');
    expect(screen.getByRole('checkbox', { name: 'Work items' })).toBeChecked();
  });

  it('names the field the server refused: a name already taken', async () => {
    serve(() =>
      jsonResponse(
        {
          statusCode: 409,
          error: 'Conflict',
          message: 'A token called "crm-nightly" already exists.',
          issues: [{ field: 'name', message: 'A token called "crm-nightly" already exists.' }],
        },
        409,
      ),
    );
    renderApp('/admin/tokens', { session: stewardSession });
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('Name'), 'crm-nightly');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(
      await screen.findByRole('link', { name: 'A token called "crm-nightly" already exists.' }),
    ).toHaveAttribute('href', '#token-name');
  });
});

describe('revoking a token', () => {
  it('asks first, then revokes it; Cancel sends nothing and gives focus back', async () => {
    const { sent } = serve(() => new Response(null, { status: 204 }));
    renderApp('/admin/tokens', { session: stewardSession });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke the token crm-nightly' }));
    const question = screen.getByRole('heading', { name: 'Revoke the token crm-nightly?' });
    await waitFor(() => expect(question).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Revoke the token crm-nightly' })).toHaveFocus(),
    );
    expect(sent).toEqual([]);

    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Yes, revoke crm-nightly' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Token crm-nightly revoked');
    expect(sent).toEqual([
      {
        method: 'DELETE',
        path: '/api/tokens/crm-nightly',
        body: undefined,
        csrf: stewardSession.csrfToken,
      },
    ]);
  });
});

describe('the expiry date', () => {
  it('is optional, must be whole, real, and not in the past (London date)', () => {
    const today = '2026-03-15';
    expect(expiryOf({ day: '', month: '', year: '' }, today)).toEqual({ date: undefined });
    expect(expiryOf({ day: '15', month: '3', year: '2026' }, today)).toEqual({
      date: '2026-03-15',
    });
    expect(expiryOf({ day: ' 1 ', month: '04', year: '2026' }, today)).toEqual({
      date: '2026-04-01',
    });
    expect(expiryOf({ day: '14', month: '3', year: '2026' }, today)).toEqual({
      problem: 'The expiry date must be today or in the future',
    });
    expect(expiryOf({ day: '29', month: '2', year: '2027' }, today)).toEqual({
      problem: 'The expiry date must be a real date, like 31 3 2027',
    });
    expect(expiryOf({ day: '29', month: '2', year: '2028' }, today)).toEqual({
      date: '2028-02-29',
    });
    expect(expiryOf({ day: '1', month: '', year: '2027' }, today)).toEqual({
      problem: 'The expiry date must include a day, month and year',
    });
    expect(expiryOf({ day: 'x', month: '1', year: '27' }, today)).toEqual({
      problem: 'The expiry date must be a real date, like 31 3 2027',
    });
  });
});

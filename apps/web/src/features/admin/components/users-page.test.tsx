import type { AdminUser, AdminUsersResponse, TeamsResponse } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { managerSession, sessionOf } from '../../../test/session-fixtures';

// Users and roles are for administrators ('administer').
const adminSession = sessionOf({
  email: 'alex.morgan@ipo.example',
  name: 'Alex Morgan',
  roles: ['admin'],
  teams: [],
});

const teams: TeamsResponse = {
  services: [
    {
      code: 'patents',
      name: 'Patents',
      teams: [
        { id: 9, name: 'Examination Team C' },
        { id: 10, name: 'Formalities Group 1' },
      ],
    },
    { code: 'trade-marks', name: 'Trade Marks', teams: [{ id: 12, name: 'Examination Team A' }] },
  ],
};

function user(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    email: 'viv.patel@ipo.example',
    name: 'Viv Patel',
    roles: ['viewer'],
    teams: [],
    signsInWith: ['password'],
    disabled: false,
    disabledAt: null,
    lastSignInAt: null,
    createdAt: '2025-11-01T09:00:00.000Z',
    ...overrides,
  };
}

const lead = user({
  email: 'tariq.hughes@ipo.example',
  name: 'Tariq Hughes',
  roles: ['team-lead'],
  teams: [{ id: 9, name: 'Examination Team C', service: 'patents' }],
  signsInWith: ['identity-provider'],
  // 10:30 UTC in summer is 11:30am in London.
  lastSignInAt: '2025-07-01T10:30:00.000Z',
});
const me = user({
  email: 'alex.morgan@ipo.example',
  name: 'Alex Morgan',
  roles: ['admin'],
  lastSignInAt: '2025-12-01T09:05:00.000Z',
});
const leaver = user({
  email: 'old.hand@ipo.example',
  name: 'Old Hand',
  roles: ['manager'],
  disabled: true,
  disabledAt: '2025-10-01T09:00:00.000Z',
});

const list = (users: AdminUser[] = [me, leaver, lead]): AdminUsersResponse => ({
  users,
  identityProvider: false,
});

interface Sent {
  method: string;
  path: string;
  body: unknown;
  csrf: string | undefined;
}

/** The API as the page sees it: the list, the teams, and `change` for every change. */
function serve(
  change: (sent: Sent) => Response | Promise<Response> = () => jsonResponse({}, 500),
  users: () => AdminUsersResponse = () => list(),
) {
  const sent: Sent[] = [];
  const fetchMock = routeFetch((url, init) => {
    if (url.pathname === '/api/teams') return jsonResponse(teams);
    if (url.pathname === '/api/admin/users' && (init.method ?? 'GET') === 'GET') {
      return jsonResponse(users());
    }
    const headers = (init.headers ?? {}) as Record<string, string>;
    const one: Sent = {
      method: init.method ?? 'GET',
      path: url.pathname,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      csrf: headers['X-CSRF-Token'],
    };
    sent.push(one);
    return change(one);
  });
  return { fetchMock, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the users page', () => {
  it('lists every user with roles in words, teams, status in words and last sign-in in London time', async () => {
    serve();
    renderApp('/admin/users', { session: adminSession });
    const table = await screen.findByRole('table', { name: /Users \(3\)/ });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Users and roles');
    expect(document.title).toMatch(/^Users and roles – /);

    const row = (name: string) =>
      within(table)
        .getByRole('rowheader', { name: new RegExp(`^${name}`) })
        .closest('tr')!;
    const tariq = within(row('Tariq Hughes'));
    expect(tariq.getByText('tariq.hughes@ipo.example')).toBeInTheDocument();
    expect(tariq.getByText('Team lead')).toBeInTheDocument();
    expect(tariq.getByText('Examination Team C')).toBeInTheDocument();
    expect(tariq.getByText('Signs in with the identity provider')).toBeInTheDocument();
    expect(tariq.getByText('Active')).toBeInTheDocument();
    expect(tariq.getByText('11:30am on 1 July 2025')).toBeInTheDocument();

    const old = within(row('Old Hand'));
    // Status in words, not colour alone.
    expect(old.getByText('Disabled')).toBeInTheDocument();
    expect(old.getByText('Never')).toBeInTheDocument();
    expect(old.getByRole('button', { name: 'Enable Old Hand' })).toBeInTheDocument();
    expect(old.queryByRole('button', { name: /^Disable/ })).toBeNull();

    // Nobody is offered to disable themselves.
    const self = within(row('Alex Morgan'));
    expect(self.getByText(/\(you\)/)).toBeInTheDocument();
    expect(self.queryByRole('button', { name: /^Disable/ })).toBeNull();
    expect(
      self.getByRole('button', { name: 'Change the roles and teams of Alex Morgan' }),
    ).toBeInTheDocument();
  });

  it('is not offered to a manager', async () => {
    const { fetchMock } = serve();
    renderApp('/admin/users', { session: managerSession });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(screen.getByText('This needs the role of an administrator.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('inviting a user', () => {
  it('lists what is missing in an error summary that takes focus and links to each field', async () => {
    const { sent } = serve();
    renderApp('/admin/users', { session: adminSession });
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Invite user' }));

    const summary = screen.getByRole('alert');
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Enter their e-mail address', '#invite-email'],
      ['Enter their full name', '#invite-name'],
      ['Select at least one role', '#invite-roles'],
    ]);
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    expect(screen.getByLabelText('E-mail address')).toHaveAccessibleDescription(
      'Error: Enter their e-mail address',
    );
    // The link moves focus to the field itself.
    await user.click(within(summary).getByRole('link', { name: 'Select at least one role' }));
    expect(screen.getByRole('checkbox', { name: 'Viewer' })).toHaveFocus();

    await user.type(screen.getByLabelText('E-mail address'), 'not-an-address');
    await user.type(screen.getByLabelText('Full name'), 'Nia Lead');
    await user.click(screen.getByRole('checkbox', { name: 'Team lead' }));
    await user.click(screen.getByRole('button', { name: 'Invite user' }));
    expect(
      within(screen.getByRole('alert'))
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual([
      'Enter an e-mail address in the correct format, like name@ipo.gov.uk',
      'Select at least one team for a team lead',
    ]);
    expect(sent).toEqual([]);
  });

  it('invites a team lead of a team and shows their first password once, with a copy button', async () => {
    const { sent } = serve((one) =>
      jsonResponse(
        {
          user: user({
            email: 'nia.lead@ipo.example',
            name: 'Nia Lead',
            roles: ['team-lead'],
            teams: [{ id: 9, name: 'Examination Team C', service: 'patents' }],
          }),
          initialPassword: one.path === '/api/admin/users' ? 'k7Qx2-Pm4Rt-Z9wYb-HcN3s' : null,
        },
        201,
      ),
    );
    renderApp('/admin/users', { session: adminSession });
    const user_ = userEvent.setup();
    await screen.findByRole('table');
    await user_.type(screen.getByLabelText('E-mail address'), ' Nia.Lead@ipo.example ');
    await user_.type(screen.getByLabelText('Full name'), 'Nia Lead');
    await user_.click(screen.getByRole('checkbox', { name: 'Team lead' }));
    // Teams are grouped by service.
    const patents = screen.getByRole('group', { name: 'Patents' });
    await user_.click(within(patents).getByRole('checkbox', { name: /^Examination Team C/ }));
    await user_.click(screen.getByRole('button', { name: 'Invite user' }));

    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('Nia Lead has been invited')).toBeInTheDocument();
    await waitFor(() => expect(banner).toHaveFocus());
    expect(within(banner).getByText('k7Qx2-Pm4Rt-Z9wYb-HcN3s')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/admin/users',
        body: {
          email: 'Nia.Lead@ipo.example',
          name: 'Nia Lead',
          roles: ['team-lead'],
          teams: [9],
        },
        csrf: adminSession.csrfToken,
      },
    ]);

    await user_.click(within(banner).getByRole('button', { name: 'Copy the password' }));
    expect(await navigator.clipboard.readText()).toBe('k7Qx2-Pm4Rt-Z9wYb-HcN3s');
    expect(within(banner).getByRole('status')).toHaveTextContent('The password has been copied.');
    // The form is empty again for the next person.
    expect(screen.getByLabelText('E-mail address')).toHaveValue('');
    expect(screen.getByRole('checkbox', { name: 'Team lead' })).not.toBeChecked();
  });

  it('names the field the server refused: an address already in use', async () => {
    serve(() =>
      jsonResponse(
        {
          statusCode: 409,
          error: 'Conflict',
          message: 'email: A user with the e-mail address viv.patel@ipo.example already exists.',
          issues: [
            {
              field: 'email',
              message: 'A user with the e-mail address viv.patel@ipo.example already exists.',
            },
          ],
        },
        409,
      ),
    );
    renderApp('/admin/users', { session: adminSession });
    const user_ = userEvent.setup();
    await screen.findByRole('table');
    await user_.type(screen.getByLabelText('E-mail address'), 'viv.patel@ipo.example');
    await user_.type(screen.getByLabelText('Full name'), 'Viv Again');
    await user_.click(screen.getByRole('checkbox', { name: 'Viewer' }));
    await user_.click(screen.getByRole('button', { name: 'Invite user' }));
    const link = await screen.findByRole('link', {
      name: 'A user with the e-mail address viv.patel@ipo.example already exists.',
    });
    expect(link).toHaveAttribute('href', '#invite-email');
    // What was typed stays, to correct it.
    expect(screen.getByLabelText('Full name')).toHaveValue('Viv Again');
  });
});

describe('changing a user', () => {
  it('replaces their roles and teams, then says so', async () => {
    let current = list();
    const { sent } = serve(
      () => {
        const changed = { ...lead, roles: ['viewer' as const], teams: [] };
        current = list([me, leaver, changed]);
        return jsonResponse({ user: changed });
      },
      () => current,
    );
    renderApp('/admin/users', { session: adminSession });
    const user_ = userEvent.setup();
    await user_.click(
      await screen.findByRole('button', { name: 'Change the roles and teams of Tariq Hughes' }),
    );
    const heading = screen.getByRole('heading', {
      name: 'Change the roles and teams of Tariq Hughes',
    });
    await waitFor(() => expect(heading).toHaveFocus());
    const form = heading.closest('section')!;
    expect(within(form).getByRole('checkbox', { name: 'Team lead' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: /^Examination Team C/ })).toBeChecked();

    // A team lead without a team is refused before anything is sent.
    await user_.click(within(form).getByRole('checkbox', { name: /^Examination Team C/ }));
    await user_.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(
      within(form).getByRole('link', { name: 'Select at least one team for a team lead' }),
    ).toHaveAttribute('href', '#edit-teams');
    expect(sent).toEqual([]);

    await user_.click(within(form).getByRole('checkbox', { name: 'Team lead' }));
    await user_.click(within(form).getByRole('checkbox', { name: 'Viewer' }));
    await user_.click(within(form).getByRole('button', { name: 'Save changes' }));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('The roles and teams of Tariq Hughes have been changed');
    expect(sent).toEqual([
      {
        method: 'PATCH',
        path: '/api/admin/users/tariq.hughes%40ipo.example',
        body: { roles: ['viewer'], teams: [] },
        csrf: adminSession.csrfToken,
      },
    ]);
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
  });

  it('shows the server’s refusal of an administrator removing their own role', async () => {
    serve(() =>
      jsonResponse(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'roles: You cannot take away your own administrator role.',
          issues: [
            { field: 'roles', message: 'You cannot take away your own administrator role.' },
          ],
        },
        400,
      ),
    );
    renderApp('/admin/users', { session: adminSession });
    const user_ = userEvent.setup();
    await user_.click(
      await screen.findByRole('button', { name: 'Change the roles and teams of Alex Morgan' }),
    );
    const form = screen
      .getByRole('heading', { name: 'Change the roles and teams of Alex Morgan' })
      .closest('section')!;
    await user_.click(within(form).getByRole('checkbox', { name: 'Administrator' }));
    await user_.click(within(form).getByRole('checkbox', { name: 'Manager' }));
    await user_.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(
      await within(form).findByRole('link', {
        name: 'You cannot take away your own administrator role.',
      }),
    ).toHaveAttribute('href', '#edit-roles');
  });
});

describe('disabling and enabling', () => {
  it('asks first; Cancel gives focus back; Yes disables them and says their sessions ended', async () => {
    let current = list();
    const { sent } = serve(
      () => {
        const disabled = { ...lead, disabled: true, disabledAt: '2025-12-01T10:00:00.000Z' };
        current = list([me, leaver, disabled]);
        return jsonResponse({ user: disabled, sessionsEnded: 1 });
      },
      () => current,
    );
    renderApp('/admin/users', { session: adminSession });
    const user_ = userEvent.setup();
    const disable = await screen.findByRole('button', { name: 'Disable Tariq Hughes' });
    await user_.click(disable);
    const question = screen.getByRole('heading', { name: 'Disable Tariq Hughes?' });
    await waitFor(() => expect(question).toHaveFocus());
    expect(question.closest('section')).toHaveTextContent('every session they have open ends now');
    await user_.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('heading', { name: 'Disable Tariq Hughes?' })).toBeNull();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Disable Tariq Hughes' })).toHaveFocus(),
    );
    expect(sent).toEqual([]);

    // With the keyboard: Escape closes the question too.
    await user_.keyboard('{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Disable Tariq Hughes?' })).toHaveFocus(),
    );
    await user_.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Disable Tariq Hughes?' })).toBeNull();

    await user_.click(screen.getByRole('button', { name: 'Disable Tariq Hughes' }));
    await user_.click(screen.getByRole('button', { name: 'Yes, disable Tariq Hughes' }));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Tariq Hughes has been disabled');
    expect(banner).toHaveTextContent('1 session ended.');
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/admin/users/tariq.hughes%40ipo.example/disable',
        body: undefined,
        csrf: adminSession.csrfToken,
      },
    ]);
    expect(await screen.findByRole('button', { name: 'Enable Tariq Hughes' })).toBeInTheDocument();
  });

  it('enables a disabled user after asking', async () => {
    const { sent } = serve(() => jsonResponse({ user: { ...leaver, disabled: false } }));
    renderApp('/admin/users', { session: adminSession });
    const user_ = userEvent.setup();
    await user_.click(await screen.findByRole('button', { name: 'Enable Old Hand' }));
    await user_.click(screen.getByRole('button', { name: 'Yes, enable Old Hand' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Old Hand has been enabled');
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /api/admin/users/old.hand%40ipo.example/enable',
    ]);
  });
});

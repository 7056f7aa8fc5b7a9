import type { AlertSubscription, AlertSubscriptionResponse } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { managerSession, sessionOf, teamLead, viewer } from '../../../test/session-fixtures';
import { choices } from '../test-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

const teamLeadSession = sessionOf(teamLead);

interface Sent {
  method: string;
  body: unknown;
  csrf: string | undefined;
}

/**
 * GET /api/alerts/subscription answers `start`; PUT answers what it was sent as the saved
 * subscription (or `refusal`); DELETE answers 204.
 */
function serve(start: AlertSubscriptionResponse, refusal?: () => Response) {
  const sent: Sent[] = [];
  const fetchMock = routeFetch((url, init) => {
    const method = init.method ?? 'GET';
    if (url.pathname !== '/api/alerts/subscription') {
      return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No.' }, 404);
    }
    if (method === 'GET') return jsonResponse(start);
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({
      method,
      body,
      csrf: ((init.headers ?? {}) as Record<string, string>)['X-CSRF-Token'],
    });
    if (refusal) return refusal();
    if (method === 'DELETE') return new Response(null, { status: 204 });
    return jsonResponse({ ...start, subscription: body as AlertSubscription });
  });
  return { fetchMock, sent };
}

const fieldset = (name: string) => within(screen.getByRole('group', { name }));

describe('the alert settings page', () => {
  it('subscribes a manager: every rule and standard to start with, then their choices', async () => {
    const { sent } = serve({ subscription: null, choices: choices('manager') });
    const user = userEvent.setup();
    renderApp('/notifications/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your alerts' })).toBeVisible();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toMatch(/^Your alerts – /);
    expect(await screen.findByText(/You are not subscribed to alerts/)).toBeInTheDocument();

    // Each rule is a checkbox with a plain description; all are ticked to start with.
    const rules = fieldset('Which alerts');
    expect(rules.getAllByRole('checkbox')).toHaveLength(5);
    for (const box of rules.getAllByRole('checkbox')) expect(box).toBeChecked();
    const missed = rules.getByRole('checkbox', { name: 'Missed standards' });
    expect(missed).toHaveAccessibleDescription(
      'A standard missed its target in the month just closed',
    );
    await user.click(rules.getByRole('checkbox', { name: 'Feedback themes rising' }));

    // Only two standards.
    await user.click(
      fieldset('About which standards').getByRole('radio', {
        name: 'Only the standards I choose',
      }),
    );
    const standards = fieldset('Standards');
    await user.click(standards.getByRole('checkbox', { name: 'Customer satisfaction' }));
    await user.click(standards.getByRole('checkbox', { name: 'Calls answered within 5 minutes' }));

    // A manager may hear of every team.
    const teams = fieldset('About which teams');
    expect(
      teams.getByRole('radio', { name: 'No team: the office-wide alerts only' }),
    ).toBeChecked();
    await user.click(teams.getByRole('radio', { name: 'Every team' }));

    await user.click(
      fieldset('How often to e-mail you').getByRole('radio', { name: 'A daily digest' }),
    );
    await user.click(
      fieldset('The monthly report pack').getByRole('checkbox', {
        name: 'E-mail me the monthly report pack',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Subscribe' }));

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('You are subscribed to alerts');
    expect(banner).toHaveTextContent(
      'You will hear of 4 kinds of alert by e-mail in a daily digest and in the dashboard.',
    );
    expect(banner).toHaveTextContent('The monthly report pack will be e-mailed to you.');
    await waitFor(() => expect(banner).toHaveFocus());
    expect(sent).toEqual([
      {
        method: 'PUT',
        csrf: managerSession.csrfToken,
        body: {
          rules: ['missed', 'at_risk', 'stale_source', 'satisfaction_below'],
          allStandards: false,
          // In the order the standards are listed, whatever order they were ticked in.
          standardCodes: ['csc-calls', 'csc-satisfaction'],
          allTeams: true,
          teamIds: [],
          frequency: 'daily',
          email: true,
          inApp: true,
          monthlyReport: true,
        },
      },
    ]);
    // Subscribed now: the form saves changes and offers to unsubscribe.
    expect(screen.getByRole('button', { name: 'Save your alert settings' })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Unsubscribe from every alert' }),
    ).toBeInTheDocument();
  });

  it("shows a team lead's saved choices and only their own teams, with no report pack", async () => {
    const saved: AlertSubscription = {
      rules: ['missed', 'satisfaction_below'],
      allStandards: true,
      standardCodes: [],
      allTeams: false,
      teamIds: [9],
      frequency: 'weekly',
      email: true,
      inApp: false,
      monthlyReport: false,
    };
    const { sent } = serve({ subscription: saved, choices: choices('team-lead') });
    const user = userEvent.setup();
    renderApp('/notifications/settings', { session: teamLeadSession });
    expect(await screen.findByText(/You are subscribed to alerts/)).toBeInTheDocument();

    const rules = fieldset('Which alerts');
    expect(rules.getByRole('checkbox', { name: 'Missed standards' })).toBeChecked();
    expect(rules.getByRole('checkbox', { name: 'Standards at risk this month' })).not.toBeChecked();
    expect(rules.getByRole('checkbox', { name: 'Satisfaction below target' })).toBeChecked();

    const teams = fieldset('About which of your teams');
    expect(teams.getAllByRole('checkbox').map((b) => b.getAttribute('value'))).toEqual(['3', '9']);
    expect(teams.getByRole('checkbox', { name: 'Examination Team C' })).toBeChecked();
    expect(teams.getByRole('checkbox', { name: 'Contact Centre Newport' })).not.toBeChecked();
    expect(screen.queryByRole('radio', { name: 'Every team' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'The monthly report pack' })).toBeNull();
    expect(
      fieldset('How often to e-mail you').getByRole('radio', { name: 'A weekly digest' }),
    ).toBeChecked();
    const how = fieldset('How to tell you');
    expect(how.getByRole('checkbox', { name: 'By e-mail' })).toBeChecked();
    expect(how.getByRole('checkbox', { name: 'In the dashboard' })).not.toBeChecked();

    await user.click(teams.getByRole('checkbox', { name: 'Contact Centre Newport' }));
    await user.click(how.getByRole('checkbox', { name: 'In the dashboard' }));
    await user.click(screen.getByRole('button', { name: 'Save your alert settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your alert settings are saved');
    expect(sent.map((s) => s.body)).toEqual([{ ...saved, teamIds: [3, 9], inApp: true }]);
  });

  it('refuses an empty choice before asking the server, linking each problem to its field', async () => {
    const { sent } = serve({ subscription: null, choices: choices('team-lead') });
    const user = userEvent.setup();
    renderApp('/notifications/settings', { session: teamLeadSession });
    await screen.findByRole('group', { name: 'Which alerts' });
    const rules = fieldset('Which alerts');
    for (const box of rules.getAllByRole('checkbox')) await user.click(box);
    await user.click(
      fieldset('About which standards').getByRole('radio', {
        name: 'Only the standards I choose',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Subscribe' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Select at least one kind of alert', '#alerts-rules'],
      ['Select at least one standard', '#alerts-standard-codes'],
    ]);
    expect(document.title).toMatch(/^Error: Your alerts – /);
    expect(screen.getByRole('group', { name: 'Which alerts' })).toHaveAccessibleDescription(
      /Error: Select at least one kind of alert/,
    );
    await user.click(links[1]!);
    expect(screen.getByRole('checkbox', { name: 'Calls answered within 5 minutes' })).toHaveFocus();
    expect(sent).toEqual([]);
  });

  it('asks for a way to tell, when there are alerts to tell', async () => {
    const { sent } = serve({ subscription: null, choices: choices('manager') });
    const user = userEvent.setup();
    renderApp('/notifications/settings');
    await screen.findByRole('group', { name: 'How to tell you' });
    const how = fieldset('How to tell you');
    await user.click(how.getByRole('checkbox', { name: 'By e-mail' }));
    await user.click(how.getByRole('checkbox', { name: 'In the dashboard' }));
    await user.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(
      within(await screen.findByRole('alert')).getByRole('link', {
        name: 'Select how to tell you: by e-mail, in the dashboard or both',
      }),
    ).toHaveAttribute('href', '#alerts-channels');
    expect(sent).toEqual([]);
  });

  it("names the field the server refused (a team that is not the team lead's)", async () => {
    serve({ subscription: null, choices: choices('team-lead') }, () =>
      jsonResponse(
        {
          statusCode: 403,
          error: 'Forbidden',
          message: 'You can choose only your own teams: Examination Team C (9).',
          issues: [{ field: 'teamIds', message: 'must be your own teams: Examination Team C (9)' }],
        },
        403,
      ),
    );
    const user = userEvent.setup();
    renderApp('/notifications/settings', { session: teamLeadSession });
    await user.click(await screen.findByRole('button', { name: 'Subscribe' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', {
        name: 'Must be your own teams: Examination Team C (9)',
      }),
    ).toHaveAttribute('href', '#alerts-team-ids');
    expect(
      screen.getByRole('group', { name: 'About which of your teams' }),
    ).toHaveAccessibleDescription(/Error: Must be your own teams/);
  });

  it('names a standard the server does not know (400)', async () => {
    serve({ subscription: null, choices: choices('manager') }, () =>
      jsonResponse(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'standardCodes: there is no standard csc-calls',
          issues: [{ field: 'standardCodes', message: 'there is no standard csc-calls' }],
        },
        400,
      ),
    );
    const user = userEvent.setup();
    renderApp('/notifications/settings');
    await user.click(await screen.findByRole('radio', { name: 'Only the standards I choose' }));
    await user.click(screen.getByRole('checkbox', { name: 'Calls answered within 5 minutes' }));
    await user.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(
      within(await screen.findByRole('alert')).getByRole('link', {
        name: 'There is no standard csc-calls',
      }),
    ).toHaveAttribute('href', '#alerts-standard-codes');
  });

  it('unsubscribes, keeping the choices to subscribe again', async () => {
    const saved: AlertSubscription = {
      rules: ['missed'],
      allStandards: true,
      standardCodes: [],
      allTeams: false,
      teamIds: [],
      frequency: 'immediate',
      email: false,
      inApp: true,
      monthlyReport: false,
    };
    const { sent } = serve({ subscription: saved, choices: choices('manager') });
    const user = userEvent.setup();
    renderApp('/notifications/settings');
    await user.click(await screen.findByRole('button', { name: 'Unsubscribe from every alert' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You are unsubscribed from alerts');
    expect(sent.map((s) => [s.method, s.csrf])).toEqual([['DELETE', managerSession.csrfToken]]);
    expect(screen.getByText(/You are not subscribed to alerts/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Missed standards' })).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Standards at risk this month' }),
    ).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Subscribe' })).toBeInTheDocument();
  });

  it('says when the dashboard cannot send e-mail', async () => {
    serve({ subscription: null, choices: choices('manager', { email: false }) });
    renderApp('/notifications/settings');
    const email = await screen.findByRole('checkbox', { name: 'By e-mail' });
    expect(email).not.toBeChecked();
    expect(email).toHaveAccessibleDescription(/cannot send e-mail at present/);
  });

  it('tells a viewer it needs another role, without asking the server', async () => {
    const { fetchMock } = serve({ subscription: null, choices: choices('manager') });
    renderApp('/notifications/settings', { session: sessionOf(viewer) });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(screen.getByText('This needs the role of a team lead or a manager.')).toBeVisible();
    expect(calledUrls(fetchMock)).toEqual([]);
  });
});

import type {
  AdminDeliveriesResponse,
  AdminSubscriptionsResponse,
  TeamsResponse,
} from '@ipo/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../../lib/format';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { managerSession } from '../../../test/session-fixtures';
import { adminSession } from '../../admin/components/admin-test-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

const teams: TeamsResponse = {
  services: [
    {
      code: 'customer-support',
      name: 'Customer support',
      teams: [{ id: 3, name: 'Contact Centre Newport' }],
    },
    { code: 'patents', name: 'Patents', teams: [{ id: 9, name: 'Examination Team C' }] },
  ],
};

const subscriptions: AdminSubscriptionsResponse = {
  subscriptions: [
    {
      user: { id: 1, email: 'morgan.ellis@ipo.example', name: 'Morgan Ellis', roles: ['manager'] },
      rules: ['missed', 'at_risk', 'stale_source', 'satisfaction_below', 'theme_rising'],
      allStandards: true,
      standardCodes: [],
      allTeams: true,
      teamIds: [],
      frequency: 'daily',
      email: true,
      inApp: true,
      monthlyReport: true,
      updatedAt: '2025-11-02T09:00:00.000Z',
    },
    {
      user: {
        id: 2,
        email: 'tariq.hughes@ipo.example',
        name: 'Tariq Hughes',
        roles: ['team-lead'],
      },
      rules: ['satisfaction_below'],
      allStandards: false,
      standardCodes: ['csc-satisfaction'],
      allTeams: false,
      teamIds: [3, 9],
      frequency: 'immediate',
      email: false,
      inApp: true,
      monthlyReport: false,
      updatedAt: '2025-11-03T16:45:00.000Z',
    },
  ],
};

const failed: AdminDeliveriesResponse = {
  deliveries: [
    {
      id: 41,
      key: 'notification:118',
      kind: 'alert',
      status: 'failed',
      attempts: 5,
      lastError: '550 5.1.1 mailbox unavailable',
      transport: null,
      email: 'tariq.hughes@ipo.example',
      createdAt: '2025-11-04T07:00:00.000Z',
      updatedAt: '2025-11-04T07:31:00.000Z',
      sentAt: null,
    },
  ],
};

function serve(answers: { subscriptions: unknown; deliveries: unknown }) {
  return routeFetch((url) => {
    if (url.pathname === '/api/admin/alerts/subscriptions') {
      return jsonResponse(answers.subscriptions);
    }
    if (url.pathname === '/api/admin/alerts/deliveries') return jsonResponse(answers.deliveries);
    if (url.pathname === '/api/teams') return jsonResponse(teams);
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No.' }, 404);
  });
}

const rowOf = (table: HTMLElement, name: RegExp) =>
  within(within(table).getByRole('rowheader', { name }).closest('tr')!);

describe('the admin alerts page', () => {
  it('is linked from the administration index', async () => {
    serve({ subscriptions, deliveries: failed });
    const user = userEvent.setup();
    renderApp('/admin', { session: adminSession });
    await user.click(
      await screen.findByRole('link', { name: 'Alert subscriptions and failed e-mails' }),
    );
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Alert subscriptions and failed e-mails',
      }),
    ).toBeInTheDocument();
  });

  it('lists who subscribes to what, in words', async () => {
    serve({ subscriptions, deliveries: failed });
    renderApp('/admin/alerts', { session: adminSession });
    const table = await screen.findByRole('table', { name: 'Subscriptions (2)' });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toMatch(/^Alert subscriptions and failed e-mails – /);

    const morgan = rowOf(table, /^Morgan Ellis/);
    expect(morgan.getByRole('rowheader')).toHaveTextContent('morgan.ellis@ipo.example, Manager');
    expect(
      morgan.getByText(
        'Missed standards, Standards at risk this month, Data sources that stop sending, Satisfaction below target, Feedback themes rising',
      ),
    ).toBeInTheDocument();
    expect(morgan.getByText('Every standard')).toBeInTheDocument();
    expect(morgan.getByText('Every team')).toBeInTheDocument();
    expect(morgan.getByText('E-mail in a daily digest; In the dashboard')).toBeInTheDocument();
    expect(morgan.getByText('Yes')).toBeInTheDocument();
    expect(morgan.getByText(formatDateTime('2025-11-02T09:00:00.000Z'))).toBeInTheDocument();

    const tariq = rowOf(table, /^Tariq Hughes/);
    expect(tariq.getByRole('rowheader')).toHaveTextContent('tariq.hughes@ipo.example, Team lead');
    expect(tariq.getByText('Satisfaction below target')).toBeInTheDocument();
    expect(tariq.getByText('csc-satisfaction')).toBeInTheDocument();
    // Team names from the teams list, once it has loaded.
    expect(
      await tariq.findByText('Contact Centre Newport, Examination Team C'),
    ).toBeInTheDocument();
    expect(tariq.getByText('In the dashboard')).toBeInTheDocument();
    expect(tariq.getByText('No')).toBeInTheDocument();
  });

  it('lists the failed e-mails, asking for those alone', async () => {
    const fetchMock = serve({ subscriptions, deliveries: failed });
    renderApp('/admin/alerts', { session: adminSession });
    const table = await screen.findByRole('table', { name: 'Failed e-mails (1)' });
    const row = rowOf(table, /^tariq\.hughes@ipo\.example$/);
    expect(row.getByText('An alert')).toBeInTheDocument();
    expect(row.getByText('notification:118')).toBeInTheDocument();
    expect(row.getByText('5')).toBeInTheDocument();
    expect(row.getByText('550 5.1.1 mailbox unavailable')).toBeInTheDocument();
    expect(row.getByText(formatDateTime('2025-11-04T07:31:00.000Z'))).toBeInTheDocument();
    const asked = calledUrls(fetchMock).find((u) => u.pathname === '/api/admin/alerts/deliveries');
    expect(asked?.searchParams.get('status')).toBe('failed');
  });

  it('says when nobody subscribes and nothing has failed', async () => {
    serve({ subscriptions: { subscriptions: [] }, deliveries: { deliveries: [] } });
    renderApp('/admin/alerts', { session: adminSession });
    expect(await screen.findByText('Nobody subscribes to alerts yet.')).toBeInTheDocument();
    expect(await screen.findByText('No e-mail has failed.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('tells a manager it is for administrators, without asking the server', async () => {
    const fetchMock = serve({ subscriptions, deliveries: failed });
    renderApp('/admin/alerts', { session: managerSession });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(calledUrls(fetchMock)).toEqual([]);
  });
});

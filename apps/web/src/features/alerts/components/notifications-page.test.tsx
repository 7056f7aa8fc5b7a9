import type { AlertNotification } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../../lib/format';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { managerSession, sessionOf, viewer } from '../../../test/session-fixtures';
import { notification } from '../test-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

const newest = notification({
  id: 8,
  event: 'opened',
  rule: 'stale_source',
  sentence: 'The source crm has sent nothing since 28 October 2025, 4 working days ago.',
  title: 'Data from crm',
  periodLabel: 'November 2025',
  path: '/standards/csc-calls',
  createdAt: '2025-11-04T09:30:00.000Z',
});
const middle = notification({ id: 5 });
const oldest = notification({
  id: 2,
  event: 'cleared',
  rule: 'at_risk',
  sentence:
    'Patent searches issued on time is no longer forecast to miss its target in October 2025.',
  title: 'Patent searches issued on time',
  periodLabel: 'October 2025',
  path: '/standards/patent-search?period=2025-10',
  createdAt: '2025-10-20T12:00:00.000Z',
  readAt: '2025-10-21T08:00:00.000Z',
});

interface Sent {
  method: string;
  path: string;
  csrf: string | undefined;
}

/**
 * The notifications as the server keeps them: GET answers them (newest first, as the API orders
 * them) and the unread count; the POSTs mark them read as the API does and answer the count.
 */
function serve(initial: AlertNotification[], refuse?: Response) {
  let rows = initial.map((n) => ({ ...n }));
  const sent: Sent[] = [];
  const unread = () => rows.filter((n) => n.readAt === null).length;
  const fetchMock = routeFetch((url, init) => {
    const method = init.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/api/notifications') {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      return jsonResponse({ notifications: rows.slice(0, limit), unread: unread() });
    }
    sent.push({
      method,
      path: url.pathname,
      csrf: ((init.headers ?? {}) as Record<string, string>)['X-CSRF-Token'],
    });
    if (refuse) return refuse;
    const one = /^\/api\/notifications\/(\d+)\/read$/.exec(url.pathname);
    const now = '2025-11-05T10:00:00.000Z';
    if (method === 'POST' && one) {
      rows = rows.map((n) => (n.id === Number(one[1]) ? { ...n, readAt: now } : n));
      return jsonResponse({ unread: unread() });
    }
    if (method === 'POST' && url.pathname === '/api/notifications/read-all') {
      rows = rows.map((n) => ({ ...n, readAt: n.readAt ?? now }));
      return jsonResponse({ unread: 0 });
    }
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No such route.' }, 404);
  });
  return { fetchMock, sent };
}

const items = () =>
  within(screen.getByRole('list', { name: 'Your notifications, newest first' })).getAllByRole(
    'listitem',
  );

describe('the notifications page', () => {
  it('lists the notifications newest first: what happened, when, a link and read or unread in words', async () => {
    serve([newest, middle, oldest]);
    // The header's count was read earlier; the list's answer is newer.
    renderApp('/notifications', { unread: 4 });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Notifications' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toMatch(/^Notifications – /);
    await screen.findByText('You have 2 unread notifications.');
    // The header follows the list.
    expect(screen.getByRole('link', { name: 'Notifications, 2 unread' })).toBeInTheDocument();

    const [first, second, third] = items().map((li) => within(li));
    expect(first!.getByRole('heading', { level: 2 })).toHaveTextContent(
      'New alert: Data from crm, November 2025',
    );
    expect(first!.getByText(newest.sentence)).toBeInTheDocument();
    expect(first!.getByText(formatDateTime(newest.createdAt))).toBeInTheDocument();
    expect(first!.getByText('Unread')).toBeInTheDocument();
    expect(first!.getByRole('link', { name: 'See Data from crm, November 2025' })).toHaveAttribute(
      'href',
      '/standards/csc-calls',
    );

    expect(second!.getByRole('heading', { level: 2 })).toHaveTextContent(
      'New alert: Calls answered within 5 minutes, October 2025',
    );
    expect(second!.getByText('Unread')).toBeInTheDocument();

    expect(third!.getByRole('heading', { level: 2 })).toHaveTextContent(
      'Alert cleared: Patent searches issued on time, October 2025',
    );
    expect(third!.getByText('Read')).toBeInTheDocument();
    expect(
      third!.getByRole('link', { name: 'See Patent searches issued on time, October 2025' }),
    ).toHaveAttribute('href', '/standards/patent-search?period=2025-10');
    // Only unread notifications can be marked read.
    expect(third!.queryByRole('button', { name: /Mark as read/ })).toBeNull();
    expect(
      screen.getByRole('link', { name: 'Choose which alerts you get, how often and how' }),
    ).toHaveAttribute('href', '/notifications/settings');
  });

  it('marks one as read by keyboard: the request, the words, the header count and focus', async () => {
    const { sent } = serve([newest, middle, oldest]);
    const user = userEvent.setup();
    renderApp('/notifications', { unread: 2 });
    const when = formatDateTime(middle.createdAt);
    const button = await screen.findByRole('button', {
      name: `Mark as read: Calls answered within 5 minutes, ${when}`,
    });
    button.focus();
    await user.keyboard('{Enter}');

    expect(
      await screen.findByText(`Marked as read: Calls answered within 5 minutes, ${when}.`),
    ).toBeInTheDocument();
    expect(sent).toEqual([
      { method: 'POST', path: '/api/notifications/5/read', csrf: managerSession.csrfToken },
    ]);
    const second = within(items()[1]!);
    await waitFor(() => expect(second.getByText('Read')).toBeInTheDocument());
    expect(second.queryByRole('button')).toBeNull();
    expect(screen.getByText('You have 1 unread notification.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    await waitFor(() => expect(items()[1]).toHaveFocus());
  });

  it('marks all as read', async () => {
    const { sent } = serve([newest, middle, oldest]);
    const user = userEvent.setup();
    renderApp('/notifications', { unread: 2 });
    await user.click(await screen.findByRole('button', { name: 'Mark all as read' }));

    expect(
      await screen.findByText('All your notifications are marked as read.'),
    ).toBeInTheDocument();
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /api/notifications/read-all']);
    await waitFor(() =>
      expect(screen.getByText('You have read all your notifications.')).toBeInTheDocument(),
    );
    expect(items().map((li) => within(li).getByText(/^(Read|Unread)$/).textContent)).toEqual([
      'Read',
      'Read',
      'Read',
    ]);
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Notifications, none unread' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText('You have read all your notifications.')).toHaveFocus(),
    );
  });

  it('says why a notification could not be marked read', async () => {
    serve(
      [middle],
      jsonResponse(
        { statusCode: 404, error: 'Not Found', message: 'You have no notification 5.' },
        404,
      ),
    );
    const user = userEvent.setup();
    renderApp('/notifications', { unread: 1 });
    await user.click(await screen.findByRole('button', { name: /^Mark as read/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This notification could not be marked as read: You have no notification 5.',
    );
    expect(within(items()[0]!).getByText('Unread')).toBeInTheDocument();
  });

  it('has an empty state that leads to the alert settings', async () => {
    serve([]);
    renderApp('/notifications');
    expect(await screen.findByText(/There is nothing here yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Subscribe to alerts' })).toHaveAttribute(
      'href',
      '/notifications/settings',
    );
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull();
    expect(screen.queryByRole('list', { name: /Your notifications/ })).toBeNull();
  });

  it('is open to anyone signed in, without the settings link for those who cannot subscribe', async () => {
    serve([oldest]);
    renderApp('/notifications', { session: sessionOf(viewer) });
    expect(await screen.findByText('You have read all your notifications.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Choose which alerts/ })).toBeNull();
  });
});

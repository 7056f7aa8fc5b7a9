import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import {
  dataSteward,
  managerSession,
  sessionOf,
  teamLead,
  viewer,
} from '../../../test/session-fixtures';
import { catalogueResponse } from '../../../test/standards-fixture';
import { adminSession } from '../../admin/components/admin-test-fixtures';
import { notificationKeys, UNREAD_REFRESH_MS } from '../api/unread-count';
import { notification } from '../test-fixtures';

// The header's link to the notifications, with the unread count in words. renderApp knows no
// count here (unread: null), so the header asks the API for it as the app does.

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The standards page for the page itself; GET /api/notifications answers `unread`. */
function serve(unread: number | 'fail') {
  return routeFetch((url) => {
    if (url.pathname === '/api/notifications') {
      if (unread === 'fail') {
        return jsonResponse({ statusCode: 500, error: 'Internal', message: 'It broke.' }, 500);
      }
      return jsonResponse({ notifications: unread > 0 ? [notification()] : [], unread });
    }
    return jsonResponse(catalogueResponse);
  });
}

const account = () => within(screen.getByRole('region', { name: 'Service information' }));

describe('the header notifications link', () => {
  it('says how many are unread in words, asking for the count once, for one notification', async () => {
    const fetchMock = serve(3);
    renderApp('/standards', { unread: null });
    const link = await account().findByRole('link', { name: 'Notifications, 3 unread' });
    expect(link).toHaveAttribute('href', '/notifications');
    // The badge says it in words as well, for those who see it.
    expect(within(link).getByText('3 unread')).toBeInTheDocument();
    const asked = calledUrls(fetchMock).filter((u) => u.pathname === '/api/notifications');
    expect(asked.map((u) => u.search)).toEqual(['?limit=1']);
  });

  it('says when none are unread, with no badge', async () => {
    serve(0);
    renderApp('/standards', { unread: null });
    const link = await account().findByRole('link', { name: 'Notifications, none unread' });
    expect(within(link).queryByText(/\d+ unread/)).toBeNull();
  });

  it('is there for a team lead too', async () => {
    serve(1);
    renderApp('/standards', { session: sessionOf(teamLead), unread: null });
    expect(
      await account().findByRole('link', { name: 'Notifications, 1 unread' }),
    ).toBeInTheDocument();
  });

  it('still leads to the notifications when the count cannot be read', async () => {
    const fetchMock = serve('fail');
    renderApp('/standards', { unread: null });
    await screen.findAllByRole('table');
    await waitFor(() =>
      expect(calledUrls(fetchMock).some((u) => u.pathname === '/api/notifications')).toBe(true),
    );
    expect(account().getByRole('link', { name: 'Notifications' })).toHaveAttribute(
      'href',
      '/notifications',
    );
  });

  it.each([
    ['a viewer', sessionOf(viewer)],
    ['a data steward', sessionOf(dataSteward)],
    ['an administrator', adminSession],
  ])('is not shown to %s, who cannot subscribe, and nothing is asked', async (_who, session) => {
    const fetchMock = serve(2);
    renderApp('/standards', { session, unread: null });
    await screen.findAllByRole('table');
    expect(account().queryByRole('link', { name: /Notifications/ })).toBeNull();
    expect(calledUrls(fetchMock).some((u) => u.pathname === '/api/notifications')).toBe(false);
  });

  it('asks again on the next page the user opens once the count is a minute old, not before', async () => {
    let unread = 2;
    const fetchMock = routeFetch((url) =>
      url.pathname === '/api/notifications'
        ? jsonResponse({ notifications: [notification()], unread })
        : jsonResponse(catalogueResponse),
    );
    const asked = () =>
      calledUrls(fetchMock).filter((u) => u.pathname === '/api/notifications').length;
    const user = userEvent.setup();
    const { queryClient } = renderApp('/standards', { unread: null });
    await account().findByRole('link', { name: 'Notifications, 2 unread' });
    expect(asked()).toBe(1);

    // A fresh count: a new page does not ask for it.
    unread = 4;
    await user.click(screen.getByRole('link', { name: 'Scorecard' }));
    await screen.findByRole('heading', { level: 1, name: 'Service standards scorecard' });
    expect(asked()).toBe(1);

    // The same count, read more than a minute ago: the next page asks again.
    queryClient.setQueryData(notificationKeys.unread, 2, {
      updatedAt: Date.now() - UNREAD_REFRESH_MS - 1_000,
    });
    await user.click(screen.getByRole('link', { name: 'Standards' }));
    expect(
      await account().findByRole('link', { name: 'Notifications, 4 unread' }),
    ).toBeInTheDocument();
    expect(asked()).toBe(2);
  });

  it('asks again when the user comes back to the tab once the count is a minute old', async () => {
    let unread = 1;
    const fetchMock = routeFetch((url) =>
      url.pathname === '/api/notifications'
        ? jsonResponse({ notifications: [notification()], unread })
        : jsonResponse(catalogueResponse),
    );
    const { queryClient } = renderApp('/standards', { unread: null });
    await account().findByRole('link', { name: 'Notifications, 1 unread' });
    unread = 3;
    queryClient.setQueryData(notificationKeys.unread, 1, {
      updatedAt: Date.now() - UNREAD_REFRESH_MS - 1_000,
    });
    // What the browser sends when the tab is shown again.
    window.dispatchEvent(new Event('visibilitychange'));
    expect(
      await account().findByRole('link', { name: 'Notifications, 3 unread' }),
    ).toBeInTheDocument();
    expect(calledUrls(fetchMock).filter((u) => u.pathname === '/api/notifications')).toHaveLength(
      2,
    );
  });

  it('marks the link as the current page on the notifications page', async () => {
    routeFetch(() => jsonResponse({ notifications: [notification()], unread: 1 }));
    renderApp('/notifications', { session: managerSession, unread: null });
    const link = await account().findByRole('link', { name: 'Notifications, 1 unread' });
    expect(link).toHaveAttribute('aria-current', 'page');
  });
});

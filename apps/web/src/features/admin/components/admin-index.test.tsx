import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderApp, stubFetch } from '../../../test/render';
import { dataSteward, managerSession, sessionOf } from '../../../test/session-fixtures';
import { adminSession } from './admin-test-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('/admin', () => {
  it('is in the menu of an administrator, and lists the administration pages', async () => {
    stubFetch(async () => jsonResponse({ standards: [] }));
    const user = userEvent.setup();
    renderApp('/standards', { session: adminSession });
    const menu = screen.getByRole('navigation', { name: 'Menu' });
    await user.click(within(menu).getByRole('link', { name: 'Administration' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Administration' }),
    ).toBeInTheDocument();
    expect(document.title).toMatch(/^Administration – /);
    const links = screen
      .getAllByRole('link')
      .filter((link) => link.getAttribute('href')?.startsWith('/admin/'));
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Standards and targets', '/admin/standards'],
      ['Closure days', '/admin/closure-days'],
      ['Feedback themes', '/admin/themes'],
      ['Users and roles', '/admin/users'],
      ['Ingestion tokens', '/admin/tokens'],
      ['Alert subscriptions and failed e-mails', '/admin/alerts'],
      ['Audit trail', '/admin/audit'],
    ]);
  });

  it('lists only the pages a data steward may use, and is not in their menu', async () => {
    stubFetch(async () => jsonResponse({}));
    renderApp('/admin', { session: sessionOf(dataSteward) });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Administration' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ingestion tokens' })).toHaveAttribute(
      'href',
      '/admin/tokens',
    );
    expect(screen.queryByRole('link', { name: 'Standards and targets' })).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Menu' })).queryByRole('link', {
        name: 'Administration',
      }),
    ).not.toBeInTheDocument();
  });

  it('tells a manager they have no access to it, without asking the API', async () => {
    const fetchMock = stubFetch(async () => jsonResponse({}));
    renderApp('/admin', { session: managerSession });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('This needs the role of an administrator or a data steward.'),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it.each([
    '/admin/standards',
    '/admin/standards/csc-calls',
    '/admin/closure-days',
    '/admin/themes',
  ])('refuses %s to a manager with the no-access page', async (path) => {
    const fetchMock = stubFetch(async () => jsonResponse({}));
    renderApp(path, { session: managerSession });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(screen.getByText('This needs the role of an administrator.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

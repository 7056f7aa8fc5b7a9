import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderApp, stubFetch } from '../test/render';
import { catalogueResponse } from '../test/standards-fixture';

describe('page template', () => {
  it('has the GOV.UK landmarks, one h1 and the service name', async () => {
    stubFetch(async () => jsonResponse(catalogueResponse));
    renderApp('/');
    await screen.findAllByRole('table');

    expect(screen.getByRole('banner')).toHaveTextContent('Intellectual Property Office');
    expect(screen.getByRole('banner')).toHaveTextContent('Service standards dashboard');
    expect(screen.getByRole('navigation', { name: 'Menu' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Standards' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toBe('Service standards – Intellectual Property Office');
  });

  it('makes the skip link the first tab stop and moves focus to main with it', async () => {
    stubFetch(async () => jsonResponse(catalogueResponse));
    const user = userEvent.setup();
    renderApp('/');
    await screen.findAllByRole('table');

    await user.tab();
    const skipLink = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skipLink).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
  });
});

describe('unknown routes', () => {
  it('show a page not found inside the layout, without calling the API', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(catalogueResponse));
    renderApp('/no-such-page');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('check it is correct');
    expect(
      screen.getByRole('link', { name: 'Go to the customer service standards' }),
    ).toHaveAttribute('href', '/');
    expect(document.title).toBe(
      'Page not found – Service standards – Intellectual Property Office',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

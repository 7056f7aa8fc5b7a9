import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildForecast, buildScorecard } from '../test/dashboard-fixtures';
import { jsonResponse, renderApp, routeFetch, stubFetch } from '../test/render';
import { catalogueResponse } from '../test/standards-fixture';

describe('page template', () => {
  it('has the GOV.UK landmarks, one h1 and the service name', async () => {
    stubFetch(async () => jsonResponse(catalogueResponse));
    renderApp('/standards');
    await screen.findAllByRole('table');

    expect(screen.getByRole('banner')).toHaveTextContent('Intellectual Property Office');
    expect(screen.getByRole('banner')).toHaveTextContent('Service standards dashboard');
    expect(screen.getByRole('navigation', { name: 'Menu' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Standards' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toBe(
      'Customer service standards – Service standards – Intellectual Property Office',
    );
  });

  it('makes the scorecard the home page, with the site title', async () => {
    routeFetch((url) =>
      url.pathname === '/api/scorecard'
        ? jsonResponse(buildScorecard())
        : jsonResponse(buildForecast(url.pathname.split('/')[3] ?? '')),
    );
    renderApp('/');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Service standards scorecard' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Scorecard' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Standards' })).not.toHaveAttribute('aria-current');
    expect(document.title).toBe('Service standards – Intellectual Property Office');
  });

  it('makes the skip link the first tab stop and moves focus to main with it', async () => {
    stubFetch(async () => jsonResponse(catalogueResponse));
    const user = userEvent.setup();
    renderApp('/standards');
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

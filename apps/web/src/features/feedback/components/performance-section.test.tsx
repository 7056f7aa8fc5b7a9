import type { FeedbackPerformance } from '@ipo/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import {
  buildPerformance,
  buildTeamSeries,
  buildTeamThemes,
  count,
  share,
} from '../../../test/team-fixtures';

const range = { from: '2025-07-01', to: '2025-07-31', period: '2025-07', label: 'July 2025' };

function api(performance: FeedbackPerformance = buildPerformance()) {
  return routeFetch((url) => {
    switch (url.pathname) {
      case '/api/feedback/options':
        return jsonResponse({
          services: [{ code: 'customer-support', name: 'Customer Support Centre' }],
          teams: [{ id: 3, name: 'Contact Centre Newport', service: 'customer-support' }],
          themes: [],
          dataFrom: '2024-04-01',
          dataTo: '2025-07-31',
        });
      case '/api/feedback/summary':
        return jsonResponse({
          range,
          filters: {},
          responses: count(60),
          satisfied: share(50, 60),
          target: 0.85,
          status: 'near',
          lowVolume: false,
          meanScore: { value: 4.1, n: 60, suppressed: false, label: null },
          distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: count(12) })),
          types: [],
          sentiment: { value: 0.2, n: 40, suppressed: false, label: null },
        });
      case '/api/feedback/series':
        return jsonResponse(buildTeamSeries());
      case '/api/feedback/themes':
        return jsonResponse(buildTeamThemes());
      case '/api/feedback/performance':
        return jsonResponse(performance);
      case '/api/feedback/groups':
        return jsonResponse({ range, filters: {}, groups: [] });
      case '/api/feedback/actions':
        return jsonResponse({ actions: [] });
      default:
        return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'no' }, 404);
    }
  });
}

describe('feedback beside performance', () => {
  it('shows satisfaction beside work on time for the team, the correlation in words and a table', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-07&team=3');
    const section = (
      await screen.findByRole('heading', { name: 'Satisfaction beside work done on time' })
    ).closest('section') as HTMLElement;
    const figure = await within(section).findByRole('figure', {
      name: /^Satisfaction beside ‘Answer calls within 60 seconds’, Contact Centre Newport/,
    });
    expect(figure).toHaveAccessibleDescription(
      'Over these 12 months, months with more work on time also had higher satisfaction (correlation 0.62, 11 months with both figures). This does not show that one causes the other.',
    );
    // The same twelve whole months as the trend, for the same team.
    const asked = calledUrls(fetchMock).find((u) => u.pathname === '/api/feedback/performance');
    expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({
      team: '3',
      from: '2024-08-01',
      to: '2025-07-31',
    });

    await user.click(within(figure).getByRole('button', { name: /Show as table/ }));
    const table = within(figure).getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect([...rows[0]!.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Month',
      'Satisfied (%)',
      'Responses with a score (n)',
      'On time (%)',
      'Items completed (n)',
    ]);
    expect([...rows[1]!.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual([
      'December 2024',
      '80',
      '50',
      '80',
      '1000',
    ]);
    // A withheld month: in words, never its n.
    expect([...rows[4]!.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual([
      'March 2025',
      'fewer than 10',
      'fewer than 10',
      '83',
      '1003',
    ]);
  });

  it('says when there are too few months to compare', async () => {
    api(buildPerformance({ correlation: null, n: 2 }));
    renderApp('/feedback?period=2025-07&team=3');
    expect(
      await screen.findByText(
        /There are too few months with both figures to compare them: 2 months of 12/,
      ),
    ).toBeInTheDocument();
  });

  it('asks for a service or team first, and asks the API nothing until then', async () => {
    const fetchMock = api();
    renderApp('/feedback?period=2025-07');
    expect(
      await screen.findByText(/Choose a service or a team in the filters to see/),
    ).toBeInTheDocument();
    expect(calledUrls(fetchMock).some((u) => u.pathname === '/api/feedback/performance')).toBe(
      false,
    );
  });
});

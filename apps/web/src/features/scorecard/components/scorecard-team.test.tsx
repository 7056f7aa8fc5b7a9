import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildForecast, buildScorecard } from '../../../test/dashboard-fixtures';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { buildTeamScorecard, teams } from '../../../test/team-fixtures';

function api() {
  return routeFetch((url) => {
    if (url.pathname === '/api/scorecard') {
      return jsonResponse(url.searchParams.has('team') ? buildTeamScorecard() : buildScorecard());
    }
    if (url.pathname === '/api/teams') return jsonResponse(teams);
    const forecast = url.pathname.match(/^\/api\/standards\/([^/]+)\/forecast$/);
    if (forecast) return jsonResponse(buildForecast(forecast[1]!));
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No route' }, 404);
  });
}

describe('the scorecard’s team filter', () => {
  it('chooses a team from a select grouped by service, and keeps it in the URL', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    const { router } = renderApp('/?period=2025-07');
    expect(await screen.findByText('2 of 5 standards met in July 2025')).toBeInTheDocument();

    const groups = () =>
      screen.getByRole('combobox', { name: 'Team' }).querySelectorAll('optgroup');
    await waitFor(() => expect(groups()).toHaveLength(2));
    expect([...groups()].map((g) => g.getAttribute('label'))).toEqual([
      'Customer Support Centre',
      'Patents',
    ]);
    const select = screen.getByRole('combobox', { name: 'Team' });
    expect(select).toHaveValue('');
    await user.selectOptions(select, '3');
    await user.click(screen.getByRole('button', { name: 'Show scorecard' }));

    expect(router.state.location.search).toBe('?period=2025-07&team=3');
    expect(
      await screen.findByText('1 of 3 standards met by Contact Centre Newport in July 2025'),
    ).toBeInTheDocument();
    const asked = calledUrls(fetchMock).filter((u) => u.pathname === '/api/scorecard');
    expect(asked.at(-1)?.search).toBe('?period=2025-07&team=3');
  });

  it('survives a reload: the team from the URL is asked for and selected', async () => {
    const fetchMock = api();
    renderApp('/?period=2025-07&team=3');
    expect(
      await screen.findByText('1 of 3 standards met by Contact Centre Newport in July 2025'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Team' })).toHaveValue('3'));
    expect(
      calledUrls(fetchMock)
        .filter((u) => u.pathname === '/api/scorecard')
        .map((u) => u.searchParams.get('team')),
    ).toEqual(['3']);
  });

  it('lists standards with no work for the team as such, and leaves the whole office’s forecasts out', async () => {
    const fetchMock = api();
    renderApp('/?team=3');
    await screen.findByText('1 of 3 standards met by Contact Centre Newport in July 2025');
    expect(
      screen.getByText(
        /Figures for the work of Contact Centre Newport \(Customer Support Centre\) only\. 2 standards have no work for this team/,
      ),
    ).toBeInTheDocument();
    const counts = within(screen.getByRole('list', { name: 'Standards by status' }));
    expect(counts.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      ' 1 met',
      ' 0 near target',
      ' 1 missed',
      ' 1 no data',
      '2 no work for this team',
    ]);
    const tm = screen.getByRole('article', {
      name: 'Examine trade mark applications within 10 working days',
    });
    expect(within(tm).getByText('No work for this team')).toBeInTheDocument();
    expect(
      within(tm).getByRole('link', {
        name: 'Examine trade mark applications within 10 working days',
      }),
    ).toHaveAttribute('href', '/standards/tm-exam?period=2025-07');
    // A standard of the team's opens filtered to the team, from the table and from its card.
    expect(
      screen
        .getAllByRole('link', { name: 'Answer calls within 60 seconds' })
        .map((link) => link.getAttribute('href')),
    ).toEqual([
      '/standards/csc-calls?period=2025-07&team=3',
      '/standards/csc-calls?period=2025-07&team=3',
    ]);
    expect(
      screen.getByText(/Forecasts for the quarter in progress are for the whole office/),
    ).toBeInTheDocument();
    expect(calledUrls(fetchMock).some((u) => u.pathname.endsWith('/forecast'))).toBe(false);
  });

  it('goes back to every team with "All teams"', async () => {
    api();
    const user = userEvent.setup();
    const { router } = renderApp('/?period=2025-07&team=3');
    await screen.findByText('1 of 3 standards met by Contact Centre Newport in July 2025');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Team' })).toHaveValue('3'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Team' }), '');
    await user.click(screen.getByRole('button', { name: 'Show scorecard' }));
    expect(router.state.location.search).toBe('?period=2025-07');
    expect(await screen.findByText('2 of 5 standards met in July 2025')).toBeInTheDocument();
  });
});

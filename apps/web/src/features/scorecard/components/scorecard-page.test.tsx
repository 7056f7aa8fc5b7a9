import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildForecast, buildScorecard, monthPeriod } from '../../../test/dashboard-fixtures';
import { calledUrls, deferred, jsonResponse, renderApp, routeFetch } from '../../../test/render';

function api(scorecard = buildScorecard()) {
  return routeFetch((url) => {
    if (url.pathname === '/api/scorecard') return jsonResponse(scorecard);
    const forecast = url.pathname.match(/^\/api\/standards\/([^/]+)\/forecast$/);
    if (forecast) {
      const code = forecast[1]!;
      return jsonResponse(
        code === 'csc-written'
          ? buildForecast(code, {
              projectedValue: 0.88,
              target: 0.95,
              reachable: false,
              allowance: -12,
              sentence: 'At the current pace Q2 2025-26 ends at 88% against a 95% target.',
            })
          : buildForecast(code),
      );
    }
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No route' }, 404);
  });
}

describe('ScorecardPage', () => {
  it('says how many standards were met, groups them by kind and names those at risk', async () => {
    const fetchMock = api();
    renderApp('/');

    expect(await screen.findByText('2 of 5 standards met in July 2025')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Service standards scorecard',
    );
    // The cards below the table load after it (their own chunk).
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Each standard in detail' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Every standard at a glance, July 2025',
      'Each standard in detail',
    ]);
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Timeliness',
      'Accuracy',
      'Satisfaction',
    ]);
    // The table at a glance sits above the cards.
    const table = screen.getByRole('table', { name: 'Every standard at a glance, July 2025' });
    expect(
      table.compareDocumentPosition(screen.getAllByRole('article')[0]!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    const counts = within(screen.getByRole('list', { name: 'Standards by status' }));
    expect(counts.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      ' 2 met',
      ' 1 near target',
      ' 1 missed',
      ' 1 no data',
    ]);
    expect(screen.getAllByRole('article')).toHaveLength(5);
    expect(
      await screen.findByText(
        'At the current pace, 1 standard will miss its target in Q2 2025-26:',
      ),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('link', { name: 'Reply to written enquiries within 5 working days' })
        .map((link) => link.getAttribute('href')),
    ).toEqual([
      // The table's row, the list of those at risk below it (to the card), then the card.
      '/standards/csc-written?period=2025-07',
      '#scorecard-csc-written-title',
      '/standards/csc-written?period=2025-07',
    ]);
    // The default period is the API's (no period parameter).
    expect(calledUrls(fetchMock).find((url) => url.pathname === '/api/scorecard')?.search).toBe('');
  });

  it('changes the period through the URL and keeps the old figures while the new ones load', async () => {
    const next = deferred<Response>();
    const fetchMock = routeFetch((url) => {
      if (url.pathname === '/api/scorecard') {
        return url.searchParams.get('period') === '2025-06'
          ? next.promise
          : jsonResponse(buildScorecard());
      }
      return jsonResponse(buildForecast(url.pathname.split('/')[3]!));
    });
    const { router } = renderApp('/');
    await screen.findByText('2 of 5 standards met in July 2025');

    const select = screen.getByRole('combobox', { name: 'Period' });
    expect(select).toHaveValue('2025-07');
    await userEvent.selectOptions(select, '2025-06');
    await userEvent.click(screen.getByRole('button', { name: 'Show scorecard' }));

    expect(router.state.location.search).toBe('?period=2025-06');
    // Still July's figures, marked busy, no skeleton.
    expect(screen.getByText('2 of 5 standards met in July 2025')).toBeInTheDocument();
    expect(screen.getByText('Loading the chosen period…')).toBeInTheDocument();

    next.resolve(jsonResponse(buildScorecard({ period: monthPeriod(2025, 6) })));
    expect(await screen.findByText('2 of 5 standards met in June 2025')).toBeInTheDocument();
    expect(calledUrls(fetchMock).some((url) => url.search === '?period=2025-06')).toBe(true);

    await router.navigate(-1);
    expect(await screen.findByText('2 of 5 standards met in July 2025')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Period' })).toHaveValue('2025-07');
  });

  it('warns while figures are being recalculated', async () => {
    api(buildScorecard({ recalculating: true }));
    renderApp('/');
    expect(await screen.findByText(/Figures are being recalculated/)).toBeInTheDocument();
  });

  it('shows a skeleton and a loading message, then the figures', async () => {
    const answer = deferred<Response>();
    routeFetch((url) =>
      url.pathname === '/api/scorecard' ? answer.promise : jsonResponse(buildForecast('csc-calls')),
    );
    renderApp('/');
    expect(screen.getByRole('status')).toHaveTextContent('Loading the scorecard…');
    expect(document.querySelectorAll('.app-skeleton').length).toBeGreaterThan(0);
    answer.resolve(jsonResponse(buildScorecard()));
    expect(await screen.findByText('2 of 5 standards met in July 2025')).toBeInTheDocument();
    expect(document.querySelector('.app-scorecard-skeleton')).toBeNull();
  });

  it('shows the error with a retry', async () => {
    let calls = 0;
    routeFetch((url) => {
      if (url.pathname !== '/api/scorecard') return jsonResponse(buildForecast('csc-calls'));
      calls += 1;
      return calls === 1
        ? jsonResponse(
            { statusCode: 400, error: 'Bad Request', message: 'period: must be a month' },
            400,
          )
        : jsonResponse(buildScorecard());
    });
    renderApp('/?period=nonsense');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The scorecard could not be loaded');
    expect(alert).toHaveTextContent('period: must be a month');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('2 of 5 standards met in July 2025')).toBeInTheDocument();
  });

  it('says when there is no data for the period', async () => {
    const empty = buildScorecard().standards.map((entry) => ({
      ...entry,
      value: null,
      n: 0,
      status: 'no_data' as const,
    }));
    api(buildScorecard({ standards: empty }));
    renderApp('/');
    expect(await screen.findByText('No data for this period.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(5));
    expect(
      within(screen.getAllByRole('article')[0]!).getByText('No data', { selector: 'strong' }),
    ).toBeInTheDocument();
  });
});

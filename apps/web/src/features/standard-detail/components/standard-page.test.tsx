import { SeriesResponseSchema, StandardDetailResponseSchema } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBreakdown,
  buildCsatBreakdown,
  buildCsatDistribution,
  buildCsatSeries,
  buildDistribution,
  buildFeedbackItems,
  buildForecast,
  buildItems,
  buildSeries,
  callsDetail,
  csatDetail,
  figure,
  monthPeriod,
} from '../../../test/dashboard-fixtures';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { sessionOf, teamLead, viewer } from '../../../test/session-fixtures';

function api(overrides: Partial<Record<string, (url: URL) => Response | Promise<Response>>> = {}) {
  return routeFetch((url) => {
    // Notes on the trend: none here (annotations-panel.test.tsx tests them).
    if (url.pathname === '/api/annotations') return jsonResponse({ annotations: [] });
    const [, , , code, resource = 'detail'] = url.pathname.split('/');
    const override = overrides[resource];
    if (override) return override(url);
    if (code !== 'csc-calls') {
      return jsonResponse(
        { statusCode: 404, error: 'Not Found', message: 'No such standard' },
        404,
      );
    }
    switch (resource) {
      case 'detail':
        return jsonResponse(callsDetail);
      case 'series':
        return jsonResponse(buildSeries());
      case 'breakdown':
        return jsonResponse(buildBreakdown((url.searchParams.get('by') ?? 'team') as 'team'));
      case 'distribution':
        return jsonResponse(buildDistribution());
      case 'forecast':
        return jsonResponse(buildForecast('csc-calls'));
      case 'items':
        return jsonResponse(
          buildItems({
            status: (url.searchParams.get('status') ?? 'late') as 'late',
            count: url.searchParams.get('status') === 'open' ? 8 : 3,
            total: url.searchParams.get('status') === 'open' ? 8 : 5,
            nextCursor: url.searchParams.get('cursor')
              ? null
              : url.searchParams.get('status') === 'open'
                ? null
                : 'next',
            offset: url.searchParams.get('cursor') ? 3 : 0,
          }),
        );
      default:
        return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No route' }, 404);
    }
  });
}

/** A date input of the page, by its legend: the group, and its day, month and year boxes. */
function dateBoxes(legend: string) {
  const group = screen.getByRole('group', { name: legend });
  const box = (name: string) => within(group).getByLabelText(name) as HTMLInputElement;
  return { group, day: box('Day'), month: box('Month'), year: box('Year') };
}

/** Types '1 3 2025' into a date input's boxes (emptied first; '1 3' leaves the year empty). */
async function typeDate(user: ReturnType<typeof userEvent.setup>, legend: string, date: string) {
  const boxes = dateBoxes(legend);
  const [day = '', month = '', year = ''] = date.split(' ');
  for (const [box, text] of [
    [boxes.day, day],
    [boxes.month, month],
    [boxes.year, year],
  ] as const) {
    await user.clear(box);
    if (text) await user.type(box, text);
  }
}

// The page is a lazy route: load its code (and the chart library) once, before the clock starts.
beforeAll(async () => {
  await import('./standard-page');
}, 30_000);

describe('StandardPage', { timeout: 20_000 }, () => {
  it('shows the standard, its forecast, trend, breakdown, distribution, backlog and late items', async () => {
    api();
    renderApp('/standards/csc-calls');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Answer calls within 60 seconds' }),
    ).toBeInTheDocument();
    expect(document.title).toBe(
      'Answer calls within 60 seconds – Service standards – Intellectual Property Office',
    );
    expect(
      await screen.findByText(/At the current pace Q2 2025-26 ends at 93.3%/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('figure', {
        name: /Answer calls within 60 seconds: monthly trend for everyone/,
      }),
    ).toHaveAccessibleDescription(/the latest figure is 94.2% \(met\) against a target of 90%/);
    expect(await screen.findByRole('figure', { name: /by team, July 2025/ })).toBeInTheDocument();
    expect(
      await screen.findByRole('figure', { name: /Time to answer, July 2025, for everyone/ }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('figure', { name: /Age of open items for everyone/ }),
    ).toHaveAccessibleDescription(
      /8 open items for everyone. Of these, 4 are already older than the threshold of 60 seconds./,
    );
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Late items, July 2025' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Showing 3 of 5 items.')).toBeInTheDocument();
  });

  it('keeps the breakdown tab, granularity and filters in the URL', async () => {
    const fetchMock = api();
    const { router } = renderApp('/standards/csc-calls');
    await screen.findByRole('figure', { name: /by team/ });

    await userEvent.click(screen.getByRole('link', { name: 'Break down by customer group' }));
    expect(router.state.location.search).toBe('?by=customerGroup');
    expect(await screen.findByRole('figure', { name: /by customer group/ })).toBeInTheDocument();
    expect(screen.getByText(/11 points less often within 60 seconds/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: 'Trend by quarter' }));
    expect(router.state.location.search).toBe('?granularity=quarter&by=customerGroup');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'phone');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(router.state.location.search).toBe(
      '?granularity=quarter&channel=phone&by=customerGroup',
    );
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (url) =>
            url.pathname.endsWith('/series') && url.search === '?granularity=quarter&channel=phone',
        ),
      ).toBe(true),
    );

    await router.navigate(-1);
    expect(router.state.location.search).toBe('?granularity=quarter&by=customerGroup');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Channel' })).toHaveValue(''));
  });

  it('drills from a period in the trend table to its late items, and moves focus there', async () => {
    const fetchMock = api();
    const { router } = renderApp('/standards/csc-calls');
    const trend = await screen.findByRole('figure', { name: /monthly trend/ });
    await userEvent.click(within(trend).getByRole('button', { name: /Show as table/ }));
    await userEvent.click(
      within(trend).getByRole('link', { name: 'March 2025: see the late items' }),
    );

    expect(router.state.location.search).toBe('?period=2025-03');
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2, name: /^Late items/ })).toHaveFocus(),
    );
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (url) => url.pathname.endsWith('/items') && url.searchParams.get('period') === '2025-03',
        ),
      ).toBe(true),
    );
  });

  it('drills from a group in the breakdown to its records with the group as a filter', async () => {
    const fetchMock = api();
    const { router } = renderApp('/standards/csc-calls');
    const breakdown = await screen.findByRole('figure', { name: /by team/ });
    await userEvent.click(within(breakdown).getByRole('button', { name: /Show as table/ }));
    await userEvent.click(
      within(breakdown).getByRole('link', { name: 'Support Team B: see the late items' }),
    );

    expect(router.state.location.search).toBe('?period=2025-07&team=2');
    expect(
      await screen.findByText('Support Team B', { selector: '.govuk-tag' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (url) =>
            url.pathname.endsWith('/items') &&
            url.searchParams.get('team') === '2' &&
            url.searchParams.get('period') === '2025-07' &&
            url.searchParams.get('status') === 'late',
        ),
      ).toBe(true),
    );
  });

  it('pages through the records with the cursor', async () => {
    const fetchMock = api();
    renderApp('/standards/csc-calls');
    await screen.findByText('Showing 3 of 5 items.');
    await userEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(await screen.findByText('Showing 6 of 5 items.')).toBeInTheDocument();
    expect(calledUrls(fetchMock).some((url) => url.searchParams.get('cursor') === 'next')).toBe(
      true,
    );
    expect(screen.queryByRole('button', { name: 'Show 50 more' })).not.toBeInTheDocument();
  });

  it('shows an error with a retry for one section without losing the rest', async () => {
    let failures = 1;
    api({
      distribution: () => {
        if (failures-- > 0) {
          return jsonResponse(
            { statusCode: 500, error: 'Internal Server Error', message: 'Something broke' },
            500,
          );
        }
        return jsonResponse(buildDistribution());
      },
    });
    renderApp('/standards/csc-calls');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The distribution could not be loaded');
    expect(screen.getByRole('figure', { name: /monthly trend/ })).toBeInTheDocument();
    const retry = within(alert.parentElement as HTMLElement).getByRole('button', {
      name: 'Try again',
    });
    await userEvent.click(retry);
    expect(await screen.findByRole('figure', { name: /Time to answer/ })).toBeInTheDocument();
  });

  it('says when there is no data', async () => {
    api({
      items: () => jsonResponse(buildItems({ count: 0, total: 0 })),
      distribution: () => jsonResponse({ ...buildDistribution(), n: 0, bins: [] }),
    });
    renderApp('/standards/csc-calls');
    expect(await screen.findByText('No data for July 2025 for everyone.')).toBeInTheDocument();
    expect(await screen.findByText('No late items for July 2025.')).toBeInTheDocument();
    expect(await screen.findByText('No open items for everyone.')).toBeInTheDocument();
  });

  it('takes the trend dates as day, month and year, and keeps them in the URL as ISO dates', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    const { router } = renderApp('/standards/csc-calls?from=2025-01-01');
    await screen.findByRole('figure', { name: /monthly trend/ });
    const from = dateBoxes('Trend from');
    expect(from.group).toHaveAccessibleDescription(
      'For example, 27 3 2026. Figures run from 1 April 2023 to 3 August 2025.',
    );
    // The URL's date, shown in the boxes.
    expect([from.day.value, from.month.value, from.year.value]).toEqual(['1', '1', '2025']);

    await typeDate(user, 'Trend to', '30 6 2025');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(router.state.location.search).toBe('?from=2025-01-01&to=2025-06-30');
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (url) =>
            url.pathname.endsWith('/series') &&
            url.searchParams.get('from') === '2025-01-01' &&
            url.searchParams.get('to') === '2025-06-30',
        ),
      ).toBe(true),
    );
    // Rebuilt from the URL: the boxes show the dates applied.
    const to = dateBoxes('Trend to');
    expect([to.day.value, to.month.value, to.year.value]).toEqual(['30', '6', '2025']);
  });

  it('refuses an incomplete or impossible trend date with an error summary, and stays put', async () => {
    api();
    const user = userEvent.setup();
    const { router } = renderApp('/standards/csc-calls');
    await screen.findByRole('figure', { name: /monthly trend/ });

    await typeDate(user, 'Trend from', '1 3');
    await typeDate(user, 'Trend to', '31 2 2025');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    const summary = within(await screen.findByRole('alert'));
    expect(summary.getByRole('link', { name: 'Trend from must include a year' })).toHaveAttribute(
      'href',
      '#filter-from-year',
    );
    expect(summary.getByRole('link', { name: 'Trend to must be a real date' })).toHaveAttribute(
      'href',
      '#filter-to-day',
    );
    expect(document.title).toMatch(/^Error: /);
    expect(router.state.location.search).toBe('');
    const from = dateBoxes('Trend from');
    expect(from.group).toHaveAccessibleDescription(/Error: Trend from must include a year$/);
    expect(from.year).toHaveClass('govuk-input--error');
    expect(from.day).not.toHaveClass('govuk-input--error');
    const to = dateBoxes('Trend to');
    for (const box of [to.day, to.month, to.year]) expect(box).toHaveClass('govuk-input--error');

    // Real dates the wrong way round: refused too.
    await typeDate(user, 'Trend from', '1 3 2025');
    await typeDate(user, 'Trend to', '1 2 2025');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(
      await screen.findByRole('link', {
        name: 'Trend to must be the same as or after trend from (1 March 2025)',
      }),
    ).toBeInTheDocument();
    expect(router.state.location.search).toBe('');

    await typeDate(user, 'Trend to', '31 3 2025');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(router.state.location.search).toBe('?from=2025-03-01&to=2025-03-31');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(document.title).not.toMatch(/^Error: /);
  });

  it('draws working days upright and says in words that fewer is better', async () => {
    // Working days to finish 90% of the work: lower is better.
    const detail = StandardDetailResponseSchema.parse({
      ...callsDetail,
      title: 'Finish 90% of examinations within 10 working days',
      measure: 'percentile_turnaround',
      unit: 'working_days',
      threshold: null,
      percentile: 90,
      target: { ...callsDetail.target, value: 10, tolerance: 1 },
      targets: callsDetail.targets.map((t) => ({ ...t, value: 10, tolerance: 1 })),
    });
    const series = SeriesResponseSchema.parse({
      code: 'csc-calls',
      granularity: 'month',
      unit: 'working_days',
      filters: {},
      points: [
        figure(monthPeriod(2025, 6), 12, 10, { status: 'missed', interval: null, successes: null }),
        figure(monthPeriod(2025, 7), 9, 10, { status: 'met', interval: null, successes: null }),
      ],
    });
    api({ detail: () => jsonResponse(detail), series: () => jsonResponse(series) });
    const user = userEvent.setup();
    renderApp('/standards/csc-calls');
    const trend = await screen.findByRole('figure', { name: /monthly trend/ });
    expect(trend).toHaveAccessibleDescription(
      /the latest figure is 9 working days \(met\) against a target of 10 working days or fewer; lower is better\./,
    );
    expect(within(trend).getByRole('list', { name: 'Key' })).toHaveTextContent(
      'Target: 10 working days or fewer (lower is better)',
    );
    await user.click(within(trend).getByRole('button', { name: /Show as table/ }));
    expect(
      within(trend).getByRole('columnheader', { name: 'Value (working days; lower is better)' }),
    ).toBeInTheDocument();
  });

  it('says when the standard does not exist', async () => {
    api();
    renderApp('/standards/no-such-standard');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Standard not found' }),
    ).toBeInTheDocument();
  });
});

/** The satisfaction standard's API: one withheld month, one withheld channel. */
function csatApi(options: { distributionSuppressed?: boolean; itemsWithheld?: boolean } = {}) {
  return routeFetch((url) => {
    const resource = url.pathname.split('/')[4] ?? 'detail';
    switch (resource) {
      case 'detail':
        return jsonResponse(csatDetail);
      case 'series':
        return jsonResponse(
          buildCsatSeries((url.searchParams.get('granularity') ?? 'month') as 'month'),
        );
      case 'breakdown':
        return jsonResponse(buildCsatBreakdown());
      case 'distribution':
        return jsonResponse(buildCsatDistribution(options.distributionSuppressed ?? false));
      case 'forecast':
        return jsonResponse(buildForecast('csat', { hasForecast: false }));
      case 'items':
        return jsonResponse(buildFeedbackItems(options.itemsWithheld ?? false));
      default:
        return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No route' }, 404);
    }
  });
}

describe('StandardPage: satisfaction, where small groups are withheld', { timeout: 20_000 }, () => {
  it('a withheld month says "fewer than 10" in the trend table, with no drill link', async () => {
    csatApi();
    renderApp('/standards/csat');
    const trend = await screen.findByRole('figure', { name: /monthly trend/ });
    expect(trend).toHaveAccessibleDescription(/1 period is not shown: fewer than 10 responses\./);
    await userEvent.click(within(trend).getByRole('button', { name: /Show as table/ }));
    const table = within(trend).getByRole('table');
    const june = within(table).getByRole('row', { name: /June 2025/ });
    const cells = within(june)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    // Value, target, status, number counted, low volume, interval from, interval to.
    expect(cells).toEqual(['fewer than 10', '85', 'Not shown', 'fewer than 10', 'No', '', '']);
    expect(june).not.toHaveTextContent(/null|No data/);
    expect(within(june).queryByRole('link')).toBeNull();
    expect(
      within(table).getByRole('link', { name: 'July 2025: see the dissatisfied responses' }),
    ).toBeInTheDocument();
  });

  it('offers no weekly trend, and a link asking for weeks shows months with a note', async () => {
    const fetchMock = csatApi();
    renderApp('/standards/csat?granularity=week');
    expect(await screen.findByRole('figure', { name: /monthly trend/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Trend by week' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Trend by month' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    expect(
      screen.getByText(/Satisfaction is reported by month, quarter or year, not by week/),
    ).toBeInTheDocument();
    expect(
      calledUrls(fetchMock).some((url) => url.searchParams.get('granularity') === 'week'),
    ).toBe(false);
  });

  it('the filters take a channel or a customer group, not both', async () => {
    const fetchMock = csatApi();
    const { router } = renderApp('/standards/csat?channel=phone&customerGroup=attorney');
    expect(
      await screen.findByText(/this page uses the channel and leaves out the customer group\./),
    ).toBeInTheDocument();
    await screen.findByRole('figure', { name: /monthly trend/ });
    for (const url of calledUrls(fetchMock)) {
      expect(url.searchParams.has('channel') && url.searchParams.has('customerGroup')).toBe(false);
    }
    const group = screen.getByRole('group', { name: 'Narrow down by' });
    expect(group).toHaveAccessibleDescription(/Choose a channel or a customer group, not both/);
    expect(within(group).getByRole('radio', { name: 'Channel' })).toBeChecked();
    expect(within(group).getByRole('combobox', { name: 'Channel' })).toHaveValue('phone');

    await userEvent.click(within(group).getByRole('radio', { name: 'Customer group' }));
    await userEvent.selectOptions(
      within(group).getByRole('combobox', { name: 'Customer group' }),
      'small_business',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(router.state.location.search).toBe('?customerGroup=small_business');
  });

  it('a withheld group in the breakdown: "fewer than 10", no link', async () => {
    csatApi();
    renderApp('/standards/csat?by=channel');
    const breakdown = await screen.findByRole('figure', { name: /by channel/ });
    expect(breakdown).toHaveAccessibleDescription(/1 group is not shown: fewer than 10 responses/);
    await userEvent.click(within(breakdown).getByRole('button', { name: /Show as table/ }));
    const post = within(within(breakdown).getByRole('table')).getByRole('row', { name: /Post/ });
    expect(post).toHaveTextContent('fewer than 10');
    expect(post).not.toHaveTextContent(/null/);
    expect(within(post).queryByRole('link')).toBeNull();
  });

  it('withheld scores and records say why, and records carry a date only', async () => {
    csatApi({ distributionSuppressed: true, itemsWithheld: true });
    renderApp('/standards/csat');
    expect(
      await screen.findByText(/Fewer than 10 responses with a score in July 2025 for everyone/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Responses are not listed for fewer than 10 responses/),
    ).toBeInTheDocument();
  });

  it('lists responses by date, with no reference or time of day', async () => {
    csatApi();
    renderApp('/standards/csat');
    const table = await screen.findByRole('table', { name: /Dissatisfied responses, July 2025/ });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers[0]).toBe('Submitted');
    expect(headers).not.toContain('Reference');
    expect(within(table).getByRole('rowheader', { name: '2025-07-14' })).toBeInTheDocument();
  });
});

describe('StandardPage: records by role', { timeout: 20_000 }, () => {
  it('a viewer sees the figures, but not the records or the backlog built from them', async () => {
    const fetchMock = api();
    renderApp('/standards/csc-calls', { session: sessionOf(viewer) });
    const breakdown = await screen.findByRole('figure', { name: /by team, July 2025/ });
    await screen.findByRole('figure', { name: /monthly trend/ });
    expect(screen.queryByRole('heading', { name: /Late items/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Backlog ageing' })).toBeNull();
    // Nothing links to records the viewer cannot read.
    await userEvent.click(within(breakdown).getByRole('button', { name: /Show as table/ }));
    expect(within(breakdown).queryByRole('link', { name: /see the late items/ })).toBeNull();
    expect(calledUrls(fetchMock).some((url) => url.pathname.endsWith('/items'))).toBe(false);
  });

  it("a team lead reads the records of one of their teams, this standard's first", async () => {
    const fetchMock = api();
    // Team 9 is not one of this standard's teams; Support Team B (2) is.
    const lead = sessionOf({
      ...teamLead,
      teams: [
        { id: 9, name: 'Examination Team C', service: 'patents' },
        { id: 2, name: 'Support Team B', service: 'customer-support' },
      ],
    });
    renderApp('/standards/csc-calls', { session: lead });
    const items = (
      await screen.findByRole('heading', { level: 2, name: 'Late items, July 2025' })
    ).closest('section') as HTMLElement;
    expect(items).toHaveTextContent(
      'You can read the records of your own teams. Showing the records of Support Team B.',
    );
    expect(within(items).getByRole('link', { name: 'Examination Team C' })).toHaveAttribute(
      'href',
      '/standards/csc-calls?team=9',
    );
    // Their team is shown as the filter, and cannot be removed.
    expect(within(items).getByText('Support Team B', { selector: '.govuk-tag' })).toBeVisible();
    expect(within(items).queryByRole('link', { name: /Remove/ })).toBeNull();
    expect(
      await screen.findByRole('figure', { name: /Age of open items for Support Team B/ }),
    ).toBeInTheDocument();
    const recordUrls = calledUrls(fetchMock).filter((url) => url.pathname.endsWith('/items'));
    expect(recordUrls.length).toBeGreaterThan(0);
    for (const url of recordUrls) expect(url.searchParams.get('team')).toBe('2');
    // The figures are not narrowed.
    const series = calledUrls(fetchMock).find((url) => url.pathname.endsWith('/series'));
    expect(series?.searchParams.has('team')).toBe(false);
  });
});

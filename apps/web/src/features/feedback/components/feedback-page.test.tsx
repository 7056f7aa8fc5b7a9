import type {
  Action,
  Cell,
  FeedbackComments,
  FeedbackGroups,
  FeedbackOptions,
  FeedbackSeries,
  FeedbackSummary,
  FeedbackThemes,
  ShareCell,
} from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { managerSession, sessionOf, teamLead, viewer } from '../../../test/session-fixtures';

// A suppressed cell as the API sends it: no value and no n, only the words.
const SUPPRESSED: Cell = { value: null, n: null, suppressed: true, label: 'fewer than 10' };
const SUPPRESSED_SHARE: ShareCell = { ...SUPPRESSED, successes: null, interval: null };
const count = (n: number): Cell =>
  n < 10 ? SUPPRESSED : { value: n, n, suppressed: false, label: null };
const share = (s: number, n: number): ShareCell =>
  n < 10
    ? SUPPRESSED_SHARE
    : {
        value: s / n,
        n,
        suppressed: false,
        label: null,
        successes: s,
        interval: { lower: 0.7, upper: 0.9 },
      };
const range = {
  from: '2025-10-01',
  to: '2025-12-31',
  period: '2025-26-Q3',
  label: 'October to December 2025',
};

const options: FeedbackOptions = {
  services: [{ code: 'customer-support', name: 'Customer Support Centre' }],
  teams: [{ id: 3, name: 'Contact Centre Newport', service: 'customer-support' }],
  themes: [
    { code: 'waiting-times', name: 'Waiting times' },
    { code: 'fees', name: 'Fees' },
  ],
  dataFrom: '2025-09-01',
  dataTo: '2025-12-19',
};
const summary: FeedbackSummary = {
  range,
  filters: {},
  responses: count(400),
  satisfied: share(320, 390),
  target: 0.85,
  status: 'missed',
  lowVolume: false,
  meanScore: { value: 4.1, n: 390, suppressed: false, label: null },
  distribution: [1, 2, 3, 4, 5].map((score) => ({
    score,
    count: score === 1 ? count(6) : count(60 + score),
  })),
  types: (['compliment', 'complaint', 'suggestion', 'general'] as const).map((type) => ({
    type,
    count: count(100),
  })),
  sentiment: { value: 0.21, n: 280, suppressed: false, label: null },
};
const series: FeedbackSeries = {
  range,
  granularity: 'month',
  filters: {},
  points: [
    {
      period: { id: '2025-10', start: '2025-10-01', end: '2025-10-31', label: 'October 2025' },
      responses: count(40),
      satisfied: share(30, 40),
      target: 0.85,
      status: 'missed',
    },
    {
      period: { id: '2025-11', start: '2025-11-01', end: '2025-11-30', label: 'November 2025' },
      responses: count(5),
      satisfied: share(4, 5),
      target: 0.85,
      status: 'no_data',
    },
  ],
  actions: [],
};
const themes: FeedbackThemes = {
  range,
  previousRange: { ...range, period: '2025-26-Q2', label: 'July to September 2025' },
  filters: {},
  comments: count(300),
  themes: [
    {
      code: 'waiting-times',
      name: 'Waiting times',
      count: count(90),
      previous: count(45),
      change: 45,
      changeShare: 1,
      satisfied: share(50, 88),
    },
    {
      code: 'fees',
      name: 'Fees',
      count: count(3),
      previous: count(12),
      change: null,
      changeShare: null,
      satisfied: share(2, 3),
    },
  ],
};
const groups: FeedbackGroups = {
  range,
  filters: {},
  groups: [
    {
      customerGroup: 'individual',
      satisfied: share(100, 140),
      rest: share(220, 250),
      gap: -0.17,
      p: 0.001,
      flagged: true,
      reason: 'Flagged: 71.4% against 88.0% for everyone else.',
    },
    {
      customerGroup: 'large_business',
      satisfied: share(4, 6),
      rest: share(300, 380),
      gap: null,
      p: null,
      flagged: false,
      reason: 'Not compared: this group has fewer than 10 responses with a score.',
    },
  ],
};
const comments = (q: string | null): FeedbackComments => ({
  range,
  filters: {},
  q,
  total: 1,
  withheld: false,
  nextCursor: null,
  comments: [
    {
      id: '1',
      submittedDate: '2025-11-03',
      service: 'customer-support',
      team: 'Contact Centre Newport',
      channel: 'phone',
      customerGroup: 'individual',
      score: 2,
      type: 'complaint',
      themes: ['waiting-times'],
      sentiment: -0.4,
      segments: [
        { text: 'I was ', match: false },
        { text: 'waiting', match: true },
        { text: ' on the phone <b>forever</b>', match: false },
      ],
    },
  ],
});

type Answer = (url: URL, init: RequestInit) => Response;

function api(overrides: Record<string, Answer> = {}) {
  return routeFetch((url, init) => {
    const override = overrides[url.pathname];
    if (override) return override(url, init);
    switch (url.pathname) {
      case '/api/feedback/options':
        return jsonResponse(options);
      case '/api/feedback/summary':
        return jsonResponse(summary);
      case '/api/feedback/series':
        return jsonResponse(series);
      case '/api/feedback/themes':
        return jsonResponse(themes);
      case '/api/feedback/groups':
        return jsonResponse(groups);
      case '/api/feedback/comments':
        return jsonResponse(comments(url.searchParams.get('q')));
      case '/api/feedback/actions':
        return jsonResponse({ actions: [] });
      default:
        return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'no' }, 404);
    }
  });
}

describe('feedback explorer', () => {
  it('shows satisfaction in words with its n, suppressed cells as "fewer than 10", flags in words', async () => {
    api();
    renderApp('/feedback?period=2025-26-Q3');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Customer feedback' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('82.1%')).toBeInTheDocument();
    expect(screen.getByText(/Based on 390 responses with a score/)).toBeInTheDocument();
    expect(screen.getAllByText('Missed').length).toBeGreaterThan(0);
    // The distribution's score 1 has 6 responses: withheld in the summary text.
    expect(await screen.findByText(/Score 1: fewer than 10/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Satisfied share by customer group/ });
    expect(within(table).getByText('Flagged')).toBeInTheDocument();
    expect(
      within(table).getByText(/Not compared: this group has fewer than 10/),
    ).toBeInTheDocument();
    // The suppressed group: 'fewer than 10' for its share and its n, never a number.
    const row = within(table).getByRole('row', { name: /Large businesses/ });
    expect(within(row).getAllByText('fewer than 10')).toHaveLength(2);
    expect(within(table).getAllByText('fewer than 10')).toHaveLength(2);
  });

  it('the service from the link is selected once the choices have arrived', async () => {
    api();
    renderApp('/feedback?period=2025-26-Q3&service=customer-support');
    // The select is rebuilt when the services arrive: look it up again each time.
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Service' })).toHaveValue('customer-support'),
    );
    const select = screen.getByRole('combobox', { name: 'Service' });
    expect(within(select).getByRole('option', { selected: true })).toHaveTextContent(
      'Customer Support Centre',
    );
  });

  it('the trend has a table with the same numbers, suppressed months labelled', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3');
    const figure = await screen.findByRole('figure', { name: /Satisfaction by month/ });
    // Whole months: the 12 months up to the end of the quarter.
    const seriesUrl = calledUrls(fetchMock).find((u) => u.pathname === '/api/feedback/series');
    expect(seriesUrl?.searchParams.get('granularity')).toBe('month');
    expect(seriesUrl?.searchParams.get('from')).toBe('2025-01-01');
    expect(seriesUrl?.searchParams.get('to')).toBe('2025-12-31');
    await user.click(within(figure).getByRole('button', { name: /Show as table/ }));
    const rows = within(within(figure).getByRole('table')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('October 2025');
    expect(rows[1]).toHaveTextContent('75');
    expect(rows[1]).toHaveTextContent('40');
    expect(rows[2]).toHaveTextContent('fewer than 10');
    expect(rows[2]).toHaveTextContent('not shown');
    expect(rows[2]).not.toHaveTextContent(/null|\b5\b/);
  });

  it('the trend goes by quarter from a link, kept in the URL', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    const { router } = renderApp('/feedback?period=2025-26-Q3');
    await screen.findByRole('figure', { name: /Satisfaction by month/ });
    expect(screen.getByRole('link', { name: 'Trend by month' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await user.click(screen.getByRole('link', { name: 'Trend by quarter' }));
    await waitFor(() => expect(router.state.location.search).toContain('trend=quarter'));
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (u) =>
            u.pathname === '/api/feedback/series' &&
            u.searchParams.get('granularity') === 'quarter' &&
            // Eight whole quarters: January 2024 (Q4 2023-24) to December 2025.
            u.searchParams.get('from') === '2024-01-01' &&
            u.searchParams.get('to') === '2025-12-31',
        ),
      ).toBe(true),
    );
    // The trend's points are not a filter: the other requests do not carry them.
    expect(
      calledUrls(fetchMock).some(
        (u) => u.pathname !== '/api/feedback/series' && u.searchParams.has('trend'),
      ),
    ).toBe(false);
  });

  it('a theme drills to its comments, matches are <mark>ed and markup stays text', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    const { router } = renderApp('/feedback?period=2025-26-Q3');
    await user.click(await screen.findByRole('link', { name: 'Waiting times' }));
    await waitFor(() => expect(router.state.location.search).toContain('theme=waiting-times'));
    expect(router.state.location.hash).toBe('#comments');
    expect(
      await screen.findByRole('heading', { name: 'Comments about waiting times' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (u) =>
            u.pathname === '/api/feedback/comments' &&
            u.searchParams.get('theme') === 'waiting-times',
        ),
      ).toBe(true),
    );
    const mark = await screen.findByText('waiting', { selector: 'mark' });
    expect(mark.closest('p')).toHaveTextContent('I was waiting on the phone <b>forever</b>');
    expect(document.querySelector('.app-comment b')).toBeNull();

    await user.type(screen.getByRole('searchbox', { name: 'Search comments' }), 'phone');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(router.state.location.search).toContain('q=phone'));
  });

  it('a suppressed cell says "fewer than 10" and gives no n', async () => {
    api({
      '/api/feedback/summary': () =>
        jsonResponse({
          ...summary,
          responses: SUPPRESSED,
          satisfied: SUPPRESSED_SHARE,
          status: 'no_data',
          meanScore: SUPPRESSED,
          sentiment: SUPPRESSED,
          distribution: summary.distribution.map((d) => ({ ...d, count: SUPPRESSED })),
          types: summary.types.map((t) => ({ ...t, count: SUPPRESSED })),
        }),
    });
    renderApp('/feedback?period=2025-26-Q3');
    const section = (
      await screen.findByRole('heading', { level: 2, name: /Satisfaction, October to December/ })
    ).closest('section') as HTMLElement;
    expect(
      within(section).getByText(/^Fewer than 10 responses with a score .*not shown\.$/),
    ).toBeInTheDocument();
    expect(section).toHaveTextContent(
      'Not shown: the share of customers satisfied (scoring 4 or 5), against a target of 85%',
    );
    expect(section).not.toHaveTextContent(/fewer than 10 of customers/);
    const mean = within(section).getByText('Mean score (1 to 5)').nextElementSibling;
    expect(mean).toHaveTextContent(/^fewer than 10$/);
    const sentiment = within(section).getByText(
      'Mean sentiment of comments (-1 to 1)',
    ).nextElementSibling;
    expect(sentiment).toHaveTextContent(/^fewer than 10$/);
    expect(section).not.toHaveTextContent(/n = |null/);
    expect(await screen.findByText(/Every score had fewer than 10 responses/)).toBeInTheDocument();
    // The groups table: a suppressed group's n is the words, never a number.
    const table = screen.getByRole('table', { name: /Satisfied share by customer group/ });
    const row = within(table).getByRole('row', { name: /Large businesses/ });
    expect(within(row).getAllByText('fewer than 10')).toHaveLength(2);
    expect(document.body).not.toHaveTextContent(/n = null|null responses/);
  });

  it('says why no comments are listed when the API withholds them', async () => {
    api({
      '/api/feedback/comments': (url) =>
        jsonResponse({
          ...comments(url.searchParams.get('q')),
          total: 0,
          withheld: true,
          comments: [],
        }),
    });
    renderApp('/feedback?period=2025-26-Q3&team=3');
    const section = (await screen.findByRole('heading', { name: 'Comments' })).closest(
      'section',
    ) as HTMLElement;
    expect(
      await within(section).findByText(
        /^Comments are not listed for fewer than 10 responses \(or for a group hidden to protect another small group\)/,
      ),
    ).toBeInTheDocument();
    expect(within(section).queryByText(/No comments with these filters/)).toBeNull();
    expect(within(section).queryByText(/\d+ comments?,/)).toBeNull();
  });

  it('the filters take one of channel, customer group, type and theme', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    const { router } = renderApp('/feedback?period=2025-26-Q3');
    const form = await screen.findByRole('form', { name: 'Feedback filters' });
    const group = within(form).getByRole('group', { name: 'Narrow down by' });
    expect(group).toHaveAccessibleDescription(
      'Choose one of channel, customer group, type or theme: figures of smaller groups cannot be protected.',
    );
    expect(within(group).getByRole('radio', { name: /Nothing else/ })).toBeChecked();

    // Choosing channel reveals its select; choosing theme instead leaves channel out.
    await user.click(within(group).getByRole('radio', { name: 'Channel' }));
    const channel = within(group).getByRole('combobox', { name: 'Channel' });
    expect(channel).toBeVisible();
    expect(channel).toBeEnabled();
    await user.selectOptions(channel, 'email');
    await user.click(within(group).getByRole('radio', { name: 'Theme' }));
    expect(within(group).getByRole('combobox', { name: 'Channel', hidden: true })).toBeDisabled();
    await waitFor(() =>
      expect(within(group).getByRole('combobox', { name: 'Theme' })).toHaveDisplayValue(
        'Waiting times',
      ),
    );
    await user.selectOptions(within(group).getByRole('combobox', { name: 'Theme' }), 'fees');
    await user.click(within(form).getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(router.state.location.search).toContain('theme=fees'));
    expect(router.state.location.search).not.toContain('channel');
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (u) => u.pathname === '/api/feedback/summary' && u.searchParams.get('theme') === 'fees',
        ),
      ).toBe(true),
    );
    // No request ever carried two of them.
    const splits = ['channel', 'customerGroup', 'type', 'theme'];
    for (const u of calledUrls(fetchMock)) {
      expect(splits.filter((k) => u.searchParams.has(k)).length).toBeLessThanOrEqual(1);
    }
    // The form is rebuilt from the URL: theme chosen, its value selected.
    const rebuilt = screen.getByRole('form', { name: 'Feedback filters' });
    expect(within(rebuilt).getByRole('radio', { name: 'Theme' })).toBeChecked();
    expect(within(rebuilt).getByRole('combobox', { name: 'Theme' })).toHaveValue('fees');
  });

  it('an old link with two splits keeps the first and says so', async () => {
    const fetchMock = api();
    renderApp('/feedback?period=2025-26-Q3&theme=fees&channel=phone&type=complaint');
    expect(
      await screen.findByText(
        /this page uses the channel and leaves out the type of feedback and theme\./,
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(calledUrls(fetchMock).some((u) => u.pathname === '/api/feedback/summary')).toBe(true),
    );
    for (const u of calledUrls(fetchMock).filter((u) => u.pathname !== '/api/feedback/options')) {
      expect(u.searchParams.has('theme') || u.searchParams.has('type')).toBe(false);
    }
    const summaryUrl = calledUrls(fetchMock).find((u) => u.pathname === '/api/feedback/summary');
    expect(summaryUrl?.searchParams.get('channel')).toBe('phone');
    expect(screen.getByRole('radio', { name: 'Channel' })).toBeChecked();
  });

  it('a week period in a link is left out, with a note, for the latest complete month', async () => {
    const fetchMock = api();
    renderApp('/feedback?period=2025-W40&trend=week');
    expect(
      await screen.findByText(/Feedback figures cover whole months, quarters or financial years/),
    ).toBeInTheDocument();
    expect(screen.getByText(/The trend is shown by month or by quarter/)).toBeInTheDocument();
    await waitFor(() =>
      expect(calledUrls(fetchMock).some((u) => u.pathname === '/api/feedback/summary')).toBe(true),
    );
    expect(calledUrls(fetchMock).some((u) => u.searchParams.get('period') === '2025-W40')).toBe(
      false,
    );
  });

  it('with a channel: no split by type, no themes, customer groups not compared, each said', async () => {
    const reason = 'Not compared: customer groups are compared only without a channel filter.';
    api({
      '/api/feedback/summary': () =>
        jsonResponse({ ...summary, filters: { channel: 'phone' }, types: [] }),
      '/api/feedback/themes': () =>
        jsonResponse({ ...themes, filters: { channel: 'phone' }, themes: [] }),
      '/api/feedback/groups': () =>
        jsonResponse({
          ...groups,
          filters: { channel: 'phone' },
          groups: groups.groups.map((g) => ({
            ...g,
            satisfied: SUPPRESSED_SHARE,
            rest: SUPPRESSED_SHARE,
            gap: null,
            p: null,
            flagged: false,
            reason,
          })),
        }),
    });
    renderApp('/feedback?period=2025-26-Q3&channel=phone');
    expect(
      await screen.findByText(/counted by type only without a channel, customer group or theme/),
    ).toBeInTheDocument();
    const summarySection = screen
      .getByRole('heading', { level: 2, name: /^Satisfaction, / })
      .closest('section') as HTMLElement;
    expect(within(summarySection).queryByText('Complaints')).toBeNull();
    expect(
      await screen.findByText('Themes are shown without a channel, customer group or type filter.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Read comments by theme' })).toBeNull();
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /Satisfied share by customer group/ })).toBeNull();
  });

  it('records an action, and says why the server refused one in its own words', async () => {
    const saved: Action = {
      id: 7,
      themeCode: 'fees',
      themeName: 'Fees',
      title: 'Fee table on the first page',
      description: '',
      owner: 'Web team',
      status: 'planned',
      startedOn: null,
      completedOn: null,
      dueOn: null,
      overdue: false,
      published: false,
      teamId: null,
      teamName: null,
      createdAt: '2025-12-01T09:00:00.000Z',
      updatedAt: '2025-12-01T09:00:00.000Z',
    };
    const posted: unknown[] = [];
    let refuse = true;
    api({
      '/api/feedback/actions': (_url, init) => {
        if (init.method !== 'POST') return jsonResponse({ actions: refuse ? [] : [saved] });
        posted.push(JSON.parse(String(init.body)));
        return refuse
          ? jsonResponse(
              {
                statusCode: 400,
                error: 'Bad Request',
                message: 'owner: must not be empty',
                issues: [{ field: 'owner', message: 'must not be empty' }],
                requestId: 'req-5',
              },
              400,
            )
          : jsonResponse(saved, 201);
      },
    });
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3');
    expect(await screen.findByText('No actions recorded yet.')).toBeInTheDocument();
    await user.click(screen.getByText('Record an action taken'));
    const form = within(screen.getByText('Record an action taken').closest('details')!);
    await user.selectOptions(form.getByLabelText('Theme'), 'fees');
    await user.type(form.getByLabelText('What we did'), 'Fee table on the first page');
    await user.click(form.getByRole('button', { name: 'Save action' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The action could not be saved')).toBeInTheDocument();
    expect(within(alert).getByText('owner: must not be empty')).toBeInTheDocument();
    expect(posted).toEqual([
      expect.objectContaining({ themeCode: 'fees', title: 'Fee table on the first page' }),
    ]);

    refuse = false;
    await user.type(form.getByLabelText('Owner'), 'Web team');
    await user.click(form.getByRole('button', { name: 'Save action' }));
    expect(
      await screen.findByText("Action 'Fee table on the first page' recorded."),
    ).toBeInTheDocument();
    expect(await screen.findByText('Fee table on the first page')).toBeInTheDocument();
    expect(screen.queryByText('The action could not be saved')).toBeNull();
  });
});

describe('feedback explorer: what each role sees', () => {
  const saved = (teamId: number | null): Action => ({
    id: 8,
    themeCode: 'waiting-times',
    themeName: 'Waiting times',
    title: 'Call-back at peak times',
    description: '',
    owner: 'Contact centre lead',
    status: 'planned',
    startedOn: null,
    completedOn: null,
    dueOn: null,
    overdue: false,
    published: false,
    teamId,
    teamName: teamId === null ? null : 'Contact Centre Newport',
    createdAt: '2025-12-01T09:00:00.000Z',
    updatedAt: '2025-12-01T09:00:00.000Z',
  });

  it('a viewer sees the figures, but no comments and no way to record an action', async () => {
    const fetchMock = api();
    renderApp('/feedback?period=2025-26-Q3', { session: sessionOf(viewer) });
    expect(await screen.findByRole('heading', { name: 'Actions on feedback' })).toBeInTheDocument();
    await screen.findByRole('figure', { name: /Themes in comments/ });
    expect(screen.queryByRole('heading', { name: /^Comments/ })).toBeNull();
    expect(screen.queryByRole('searchbox', { name: 'Search comments' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Read comments by theme' })).toBeNull();
    expect(screen.queryByText('Record an action taken')).toBeNull();
    expect(calledUrls(fetchMock).some((u) => u.pathname === '/api/feedback/comments')).toBe(false);
  });

  it("a team lead reads their first team's comments, and records actions for their teams only", async () => {
    const posted: { body: unknown; headers: HeadersInit | undefined }[] = [];
    const fetchMock = api({
      '/api/feedback/actions': (_url, init) => {
        if (init.method !== 'POST') return jsonResponse({ actions: [] });
        posted.push({ body: JSON.parse(String(init.body)), headers: init.headers });
        return jsonResponse(saved(3), 201);
      },
    });
    const session = sessionOf(teamLead);
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3', { session });

    const comments = (await screen.findByRole('heading', { name: 'Comments' })).closest(
      'section',
    ) as HTMLElement;
    expect(comments).toHaveTextContent(
      'You can read the comments of your own teams. Showing the comments of Contact Centre Newport.',
    );
    expect(
      within(comments).getByText(/Choose one of your teams to read its comments/),
    ).toBeVisible();
    expect(within(comments).getByRole('link', { name: 'Examination Team C' })).toHaveAttribute(
      'href',
      '/feedback?period=2025-26-Q3&team=9#comments',
    );
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (u) => u.pathname === '/api/feedback/comments' && u.searchParams.get('team') === '3',
        ),
      ).toBe(true),
    );
    // Every comments request named one of the lead's teams.
    for (const u of calledUrls(fetchMock).filter((u) => u.pathname === '/api/feedback/comments')) {
      expect(['3', '9']).toContain(u.searchParams.get('team'));
    }
    // The figures are for everyone: only the comments are narrowed.
    const summaryUrl = calledUrls(fetchMock).find((u) => u.pathname === '/api/feedback/summary');
    expect(summaryUrl?.searchParams.has('team')).toBe(false);

    await user.click(screen.getByText('Record an action taken'));
    const form = within(screen.getByText('Record an action taken').closest('details')!);
    const team = form.getByLabelText('Team');
    expect(
      within(team)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Contact Centre Newport', 'Examination Team C']);
    expect(team).toHaveValue('3');
    await user.type(form.getByLabelText('What we did'), 'Call-back at peak times');
    await user.type(form.getByLabelText('Owner'), 'Contact centre lead');
    await user.click(form.getByRole('button', { name: 'Save action' }));
    expect(await screen.findByText("Action 'Call-back at peak times' recorded.")).toBeVisible();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toMatchObject({ title: 'Call-back at peak times', teamId: 3 });
    // The change carries the session's CSRF token.
    expect(posted[0]?.headers).toMatchObject({ 'X-CSRF-Token': session.csrfToken });
  });

  it("a team lead asking for one of their teams reads that team's comments", async () => {
    const fetchMock = api();
    renderApp('/feedback?period=2025-26-Q3&team=9', { session: sessionOf(teamLead) });
    await screen.findByRole('heading', { name: 'Comments' });
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (u) => u.pathname === '/api/feedback/comments' && u.searchParams.get('team') === '9',
        ),
      ).toBe(true),
    );
    expect(screen.queryByText(/Showing the comments of/)).toBeNull();
  });

  it('a team lead of no team is told to choose one of their teams, and nothing is asked', async () => {
    const fetchMock = api();
    renderApp('/feedback?period=2025-26-Q3', {
      session: sessionOf({ ...teamLead, teams: [] }),
    });
    const comments = (await screen.findByRole('heading', { name: 'Comments' })).closest(
      'section',
    ) as HTMLElement;
    expect(comments).toHaveTextContent('Choose one of your teams to read its comments');
    expect(within(comments).queryByRole('searchbox')).toBeNull();
    await screen.findByRole('figure', { name: /Themes in comments/ });
    expect(calledUrls(fetchMock).some((u) => u.pathname === '/api/feedback/comments')).toBe(false);
  });

  it('a manager records an action for any team, or for the whole office', async () => {
    const posted: unknown[] = [];
    api({
      '/api/feedback/actions': (_url, init) => {
        if (init.method !== 'POST') return jsonResponse({ actions: [] });
        posted.push(JSON.parse(String(init.body)));
        return jsonResponse(saved(null), 201);
      },
    });
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3', { session: managerSession });
    await user.click(await screen.findByText('Record an action taken'));
    const form = within(screen.getByText('Record an action taken').closest('details')!);
    const team = form.getByLabelText('Team');
    await waitFor(() =>
      expect(
        within(team)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['No team: the whole office', 'Contact Centre Newport']),
    );
    expect(team).toHaveValue('');
    await user.type(form.getByLabelText('What we did'), 'Call-back at peak times');
    await user.type(form.getByLabelText('Owner'), 'Contact centre lead');
    await user.click(form.getByRole('button', { name: 'Save action' }));
    await screen.findByText("Action 'Call-back at peak times' recorded.");
    expect(posted).toEqual([expect.objectContaining({ teamId: null })]);
  });
});

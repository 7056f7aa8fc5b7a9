import type {
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

const SUPPRESSED: Cell = { value: null, n: 4, suppressed: true, label: 'fewer than 10' };
const count = (n: number): Cell =>
  n < 10 ? { ...SUPPRESSED, n } : { value: n, n, suppressed: false, label: null };
const share = (s: number, n: number): ShareCell =>
  n < 10
    ? { ...SUPPRESSED, n, successes: null, interval: null }
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
  granularity: 'week',
  filters: {},
  points: [
    {
      period: { id: '2025-W40', start: '2025-09-29', end: '2025-10-05', label: 'w40' },
      responses: count(40),
      satisfied: share(30, 40),
      target: 0.85,
      status: 'missed',
    },
    {
      period: { id: '2025-W41', start: '2025-10-06', end: '2025-10-12', label: 'w41' },
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

function api() {
  return routeFetch((url) => {
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
    expect(within(table).getAllByText('fewer than 10').length).toBe(1);
  });

  it('the trend has a table with the same numbers, suppressed weeks labelled', async () => {
    api();
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3');
    const figure = await screen.findByRole('figure', { name: /Satisfaction by week/ });
    await user.click(within(figure).getByRole('button', { name: /Show as table/ }));
    const rows = within(within(figure).getByRole('table')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('2025-W40');
    expect(rows[1]).toHaveTextContent('75');
    expect(rows[2]).toHaveTextContent('fewer than 10');
    expect(rows[2]).toHaveTextContent('not shown');
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
});

import type {
  Publication,
  PublicationReviewResponse,
  PublicationReviewRow,
  PublishRequest,
} from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../../lib/format';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { sessionOf, viewer } from '../../../test/session-fixtures';
import { bodyOf, requestsOf } from '../../admin/components/admin-test-fixtures';
import { publishablePeriods } from '../utils/period-choices';

afterEach(() => {
  vi.unstubAllGlobals();
});

const PUBLISHED_AT = '2026-11-03T09:30:00.000Z';
const DATA_AS_OF = '2026-11-02T23:10:00.000Z';

function publication(overrides: Partial<Publication> = {}): Publication {
  return {
    id: 1,
    period: '2026-10',
    periodLabel: 'October 2026',
    version: 1,
    publishedAt: PUBLISHED_AT,
    publishedBy: 'Morgan Ellis',
    dataAsOf: DATA_AS_OF,
    reason: null,
    current: true,
    ...overrides,
  };
}

/**
 * Three standards: calls answered (a share), complaints replied to (working days) and
 * satisfaction (withheld: fewer than 10 responses).
 */
function rows(published: 'never' | 'same' | 'changed'): PublicationReviewRow[] {
  const calls = { value: 0.942, n: 1520, status: 'met' as const, withheld: false };
  const complaints = { value: 12, n: 88, status: 'missed' as const, withheld: false };
  const complaintsNow = { value: 9, n: 95, status: 'met' as const, withheld: false };
  const satisfaction = { value: null, n: 0, status: 'no_data' as const, withheld: true };
  return [
    {
      standardCode: 'csc-calls',
      title: 'Answer calls within 60 seconds',
      unit: 'share',
      target: '90%',
      published: published === 'never' ? null : calls,
      current: calls,
      changed: false,
    },
    {
      standardCode: 'complaints',
      title: 'Reply in full to complaints within 10 working days',
      unit: 'working_days',
      target: '10 working days',
      published: published === 'never' ? null : complaints,
      current: published === 'changed' ? complaintsNow : complaints,
      changed: published === 'changed',
    },
    {
      standardCode: 'satisfaction',
      title: 'Customers satisfied with the service',
      unit: 'share',
      target: '80%',
      published: published === 'never' ? null : satisfaction,
      current: satisfaction,
      changed: false,
    },
  ];
}

interface Server {
  publications: Publication[];
  /** Whether the figures of October 2026 have changed since its latest version. */
  changedSince: boolean;
  /** What POST /api/publications answers instead of publishing, when set. */
  refusal?: { status: number; body: unknown } | undefined;
}

/** The publications API over a list of publications it keeps, as the server would. */
function serve(server: Server) {
  const reviewOf = (period: string): PublicationReviewResponse => {
    const latest = server.publications.find((p) => p.period === period && p.current) ?? null;
    const state = latest === null ? 'never' : server.changedSince ? 'changed' : 'same';
    const list = rows(state);
    return {
      period,
      periodLabel: period === '2026-10' ? 'October 2026' : period,
      closed: period !== '2026-12',
      latest,
      changedCount: list.filter((r) => r.changed).length,
      rows: list,
    };
  };
  return routeFetch((url, init) => {
    if (url.pathname === '/api/publications' && init.method === 'POST') {
      if (server.refusal) return jsonResponse(server.refusal.body, server.refusal.status);
      const body = bodyOf(init) as PublishRequest;
      const earlier = server.publications.filter((p) => p.period === body.period);
      const made = publication({
        id: server.publications.length + 1,
        period: body.period,
        version: earlier.length + 1,
        publishedAt: '2026-12-01T10:15:00.000Z',
        reason: body.reason ?? null,
      });
      server.publications = [
        made,
        ...server.publications.map((p) =>
          p.period === body.period ? { ...p, current: false } : p,
        ),
      ];
      server.changedSince = false;
      return jsonResponse(made, 201);
    }
    if (url.pathname === '/api/publications') {
      return jsonResponse({ publications: server.publications });
    }
    if (url.pathname === '/api/publications/review') {
      return jsonResponse(reviewOf(url.searchParams.get('period') ?? ''));
    }
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No such thing' }, 404);
  });
}

async function openPage(path = '/publications') {
  const rendered = renderApp(path);
  await screen.findByRole('heading', { level: 1, name: 'Publish performance' });
  return rendered;
}

const reviewRegion = () => screen.getByRole('region', { name: 'Review a period' });

describe('/publications', () => {
  it('is offered to a manager in the menu, and titled', async () => {
    serve({ publications: [], changedSince: false });
    await openPage();
    const menu = within(screen.getByRole('navigation', { name: 'Menu' }));
    expect(menu.getByRole('link', { name: 'Publications' })).toHaveAttribute(
      'href',
      '/publications',
    );
    expect(document.title).toBe(
      'Publish performance – Service standards – Intellectual Property Office',
    );
  });

  it('tells a viewer it needs a manager, and asks nothing of the publications API', async () => {
    const fetchMock = serve({ publications: [], changedSince: false });
    renderApp('/publications', { session: sessionOf(viewer) });
    expect(await screen.findByText('This needs the role of a manager.')).toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Menu' })).queryByRole('link', {
        name: 'Publications',
      }),
    ).not.toBeInTheDocument();
    expect(requestsOf(fetchMock).filter((r) => r.includes('/api/publications'))).toEqual([]);
  });

  it('lists every publication, newest first, linked to the public page, revisions said in words', async () => {
    serve({
      publications: [
        publication({
          id: 2,
          version: 2,
          reason: 'Late returns from one team were imported',
          publishedAt: '2026-11-20T15:05:00.000Z',
        }),
        publication({ id: 1, current: false }),
      ],
      changedSince: false,
    });
    await openPage();
    const list = screen.getByRole('region', { name: 'Published periods' });
    const table = await within(list).findByRole('table', { name: 'Publications, newest first' });
    const [revision, first] = within(table).getAllByRole('row').slice(1);
    expect(within(revision!).getByRole('link', { name: 'October 2026' })).toHaveAttribute(
      'href',
      '/performance/2026-10',
    );
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells(revision!)).toEqual([
      '2, revised',
      `${formatDateTime('2026-11-20T15:05:00.000Z')} by Morgan Ellis`,
      formatDateTime(DATA_AS_OF),
      'Late returns from one team were imported',
    ]);
    expect(cells(first!)).toEqual([
      '1 (replaced by a later version)',
      `${formatDateTime(PUBLISHED_AT)} by Morgan Ellis`,
      formatDateTime(DATA_AS_OF),
      'First publication',
    ]);
  });

  it('says when nothing has been published yet', async () => {
    serve({ publications: [], changedSince: false });
    await openPage();
    expect(await screen.findByText('No period has been published yet.')).toBeInTheDocument();
  });

  it('offers the months and quarters that have ended, the last month first, marking those published', async () => {
    const { months, quarters } = publishablePeriods();
    const [last, before] = [months[0]!, months[1]!];
    serve({
      publications: [
        publication({ id: 2, period: before.id, periodLabel: before.label, version: 2 }),
        publication({ id: 1, period: before.id, periodLabel: before.label, current: false }),
      ],
      changedSince: false,
    });
    await openPage();
    const select = within(reviewRegion()).getByRole('combobox', { name: 'Period' });
    expect(select).toHaveValue(last.id);
    const options = within(select)
      .getAllByRole('option')
      .map((option) => option.getAttribute('value'));
    expect(options).toEqual([...months, ...quarters].map((p) => p.id));
    expect(
      await within(select).findByRole('option', { name: `${before.label} (published, version 2)` }),
    ).toHaveValue(before.id);
    expect(within(select).getByRole('option', { name: last.label })).toHaveValue(last.id);
  });

  it('reviews a period never published, asks before publishing it, then says so and lists it', async () => {
    const server: Server = { publications: [], changedSince: false };
    const fetchMock = serve(server);
    const user = userEvent.setup();
    const { router } = await openPage('/publications?period=2026-10');

    const region = reviewRegion();
    expect(
      await within(region).findByText(
        'October 2026 has not been published. These are its figures as they stand now: check them before you publish them.',
      ),
    ).toBeInTheDocument();
    const table = within(region).getByRole('table', {
      name: 'October 2026: the figures as they stand now',
    });
    const calls = within(table).getByRole('row', { name: /Answer calls within 60 seconds/ });
    expect(calls).toHaveTextContent('90%');
    expect(calls).toHaveTextContent('94.2%');
    expect(calls).toHaveTextContent('Based on 1,520');
    expect(calls).toHaveTextContent('Met');
    const complaints = within(table).getByRole('row', { name: /Reply in full to complaints/ });
    expect(complaints).toHaveTextContent('12 working days');
    expect(complaints).toHaveTextContent('Missed');
    const satisfaction = within(table).getByRole('row', { name: /Customers satisfied/ });
    expect(satisfaction).toHaveTextContent('Fewer than 10 responses');
    expect(satisfaction).not.toHaveTextContent('Based on');

    await user.click(within(region).getByRole('button', { name: 'Publish October 2026' }));
    const question = await within(region).findByRole('heading', { name: 'Publish October 2026?' });
    await waitFor(() => expect(question).toHaveFocus());
    // Nothing is sent before the answer.
    expect(requestsOf(fetchMock).filter((r) => r.startsWith('POST'))).toEqual([]);
    await user.click(within(region).getByRole('button', { name: 'Yes, publish October 2026' }));

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('October 2026 has been published');
    await waitFor(() => expect(banner).toHaveFocus());
    expect(
      within(banner).getByRole('link', { name: 'See October 2026 on the public page' }),
    ).toHaveAttribute('href', '/performance/2026-10');
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts.map(([, init]) => bodyOf(init!))).toEqual([{ period: '2026-10' }]);

    // The list and the review are read again: the period is listed, and there is nothing to do.
    const list = screen.getByRole('region', { name: 'Published periods' });
    expect(await within(list).findByRole('link', { name: 'October 2026' })).toHaveAttribute(
      'href',
      '/performance/2026-10',
    );
    expect(
      await within(region).findByText(/Nothing has changed since, so there is nothing to revise\./),
    ).toHaveTextContent(
      `October 2026 was published as version 1 at ${formatDateTime('2026-12-01T10:15:00.000Z')} by Morgan Ellis.`,
    );
    expect(within(region).queryByRole('button', { name: /Publish/ })).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('?period=2026-10');
  });

  it('chooses the period from the select, and puts it in the address', async () => {
    const fetchMock = serve({ publications: [], changedSince: false });
    const user = userEvent.setup();
    const { router } = await openPage();
    const { quarters } = publishablePeriods();
    const quarter = quarters[0]!;
    await user.selectOptions(
      within(reviewRegion()).getByRole('combobox', { name: 'Period' }),
      quarter.id,
    );
    await user.click(within(reviewRegion()).getByRole('button', { name: 'Review the figures' }));
    expect(
      await within(reviewRegion()).findByRole('heading', { level: 3, name: quarter.id }),
    ).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?period=${quarter.id}`);
    expect(requestsOf(fetchMock)).toContain(`GET /api/publications/review?period=${quarter.id}`);
  });

  it('closes the question on Cancel, back to the button, having published nothing', async () => {
    const fetchMock = serve({ publications: [], changedSince: false });
    const user = userEvent.setup();
    await openPage('/publications?period=2026-10');
    const publish = await within(reviewRegion()).findByRole('button', {
      name: 'Publish October 2026',
    });
    await user.click(publish);
    await user.click(await within(reviewRegion()).findByRole('button', { name: 'Cancel' }));
    const again = within(reviewRegion()).getByRole('button', { name: 'Publish October 2026' });
    await waitFor(() => expect(again).toHaveFocus());
    expect(requestsOf(fetchMock).filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('shows what changed since publishing in words, and needs a reason for the revision', async () => {
    const server: Server = { publications: [publication()], changedSince: true };
    const fetchMock = serve(server);
    const user = userEvent.setup();
    await openPage('/publications?period=2026-10');

    const region = reviewRegion();
    expect(
      await within(region).findByText(
        /1 of the 3 figures has changed since: publish a revision to show the new figure, with the reason\./,
      ),
    ).toBeInTheDocument();
    const table = within(region).getByRole('table', {
      name: 'October 2026: the figures as published in version 1 and as they stand now',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Standard', 'Target', 'Published (version 1)', 'Now', 'Changed']);
    const complaints = within(table).getByRole('row', { name: /Reply in full to complaints/ });
    const [, published, now, changed] = within(complaints).getAllByRole('cell');
    expect(published).toHaveTextContent('12 working days');
    expect(published).toHaveTextContent('Missed');
    expect(now).toHaveTextContent('9 working days');
    expect(now).toHaveTextContent('Based on 95');
    expect(now).toHaveTextContent('Met');
    expect(changed).toHaveTextContent('Changed');
    const calls = within(table).getByRole('row', { name: /Answer calls/ });
    expect(within(calls).getAllByRole('cell').at(-1)).toHaveTextContent('No change');

    // No first publication is offered: only the revision.
    expect(
      within(region).queryByRole('button', { name: 'Publish October 2026' }),
    ).not.toBeInTheDocument();
    const send = within(region).getByRole('button', {
      name: 'Publish the revision of October 2026',
    });
    await user.click(send);
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('There is a problem')).toBeInTheDocument();
    const link = within(summary).getByRole('link', { name: 'Enter the reason for the revision' });
    expect(link).toHaveAttribute('href', '#revision-reason');
    const reason = within(region).getByLabelText('Reason for the revision');
    expect(reason).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter the reason for the revision'),
    );
    expect(requestsOf(fetchMock).filter((r) => r.startsWith('POST'))).toEqual([]);

    await user.click(link);
    expect(reason).toHaveFocus();
    await user.type(reason, 'Late returns from one team were imported');
    await user.click(send);
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('The revision of October 2026 has been published (version 2)');
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts.map(([, init]) => bodyOf(init!))).toEqual([
      { period: '2026-10', reason: 'Late returns from one team were imported' },
    ]);
    const list = screen.getByRole('region', { name: 'Published periods' });
    await waitFor(() => expect(within(list).getAllByRole('row')).toHaveLength(3));
    expect(within(list).getAllByRole('row')[1]).toHaveTextContent('2, revised');
    expect(within(list).getAllByRole('row')[2]).toHaveTextContent(
      '1 (replaced by a later version)',
    );
  });

  it('says when nothing has changed since publishing, and offers nothing to publish', async () => {
    serve({ publications: [publication()], changedSince: false });
    await openPage('/publications?period=2026-10');
    const region = reviewRegion();
    expect(
      await within(region).findByText(/Nothing has changed since, so there is nothing to revise\./),
    ).toBeInTheDocument();
    const table = within(region).getByRole('table');
    for (const row of within(table).getAllByRole('row').slice(1)) {
      expect(within(row).getAllByRole('cell').at(-1)).toHaveTextContent('No change');
    }
    expect(within(region).queryByRole('button', { name: /Publish/ })).not.toBeInTheDocument();
    expect(within(region).queryByLabelText('Reason for the revision')).not.toBeInTheDocument();
  });

  it('offers nothing to publish for a period that has not ended', async () => {
    serve({ publications: [], changedSince: false });
    await openPage('/publications?period=2026-12');
    expect(
      await within(reviewRegion()).findByText(
        '2026-12 has not ended yet. It can be published once it has.',
      ),
    ).toBeInTheDocument();
    expect(
      within(reviewRegion()).queryByRole('button', { name: /Publish/ }),
    ).not.toBeInTheDocument();
  });

  it("shows the server's demand for a reason against the field it names", async () => {
    serve({
      publications: [publication()],
      changedSince: true,
      refusal: {
        status: 422,
        body: {
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: 'reason: October 2026 was published as version 1; say why it is revised',
          issues: [{ field: 'reason', message: 'enter why the published figures are revised' }],
        },
      },
    });
    const user = userEvent.setup();
    await openPage('/publications?period=2026-10');
    await user.type(await within(reviewRegion()).findByLabelText('Reason for the revision'), 'x');
    await user.click(
      within(reviewRegion()).getByRole('button', { name: 'Publish the revision of October 2026' }),
    );
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'Enter why the published figures are revised' }),
    ).toHaveAttribute('href', '#revision-reason');
    expect(
      within(reviewRegion()).getByLabelText('Reason for the revision'),
    ).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter why the published figures are revised'),
    );
  });

  it("shows the server's refusal of the reason against the field it names", async () => {
    serve({
      publications: [publication()],
      changedSince: true,
      refusal: {
        status: 422,
        body: {
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: 'reason: must be one line, without control characters',
          issues: [{ field: 'reason', message: 'must be one line, without control characters' }],
        },
      },
    });
    const user = userEvent.setup();
    await openPage('/publications?period=2026-10');
    await user.type(
      await within(reviewRegion()).findByLabelText('Reason for the revision'),
      'Late returns',
    );
    await user.click(
      within(reviewRegion()).getByRole('button', { name: 'Publish the revision of October 2026' }),
    );
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', {
        name: 'Reason for the revision must be one line, without control characters',
      }),
    ).toHaveAttribute('href', '#revision-reason');
  });

  it('says in words when the server finds nothing left to revise (409), and shows the period as it stands', async () => {
    const server: Server = {
      publications: [publication()],
      changedSince: true,
      refusal: {
        status: 409,
        body: { statusCode: 409, error: 'Conflict', message: 'nothing changed since version 1' },
      },
    };
    serve(server);
    const user = userEvent.setup();
    await openPage('/publications?period=2026-10');
    await user.type(
      await within(reviewRegion()).findByLabelText('Reason for the revision'),
      'Late returns',
    );
    // Meanwhile someone else has published the revision: nothing is left to change.
    server.changedSince = false;
    await user.click(
      within(reviewRegion()).getByRole('button', { name: 'Publish the revision of October 2026' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'October 2026 could not be published: Nothing changed since version 1. The figures below are as they stand now.',
    );
    expect(
      await within(reviewRegion()).findByText(
        /Nothing has changed since, so there is nothing to revise\./,
      ),
    ).toBeInTheDocument();
    expect(
      within(reviewRegion()).queryByLabelText('Reason for the revision'),
    ).not.toBeInTheDocument();
  });

  it('says in words when the server refuses a first publication', async () => {
    serve({
      publications: [],
      changedSince: false,
      refusal: {
        status: 422,
        body: {
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: 'period: October 2026 has not ended yet',
          issues: [{ field: 'period', message: 'October 2026 has not ended yet' }],
        },
      },
    });
    const user = userEvent.setup();
    await openPage('/publications?period=2026-10');
    await user.click(
      await within(reviewRegion()).findByRole('button', { name: 'Publish October 2026' }),
    );
    await user.click(
      await within(reviewRegion()).findByRole('button', { name: 'Yes, publish October 2026' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'October 2026 could not be published: October 2026 has not ended yet.',
    );
    // The question stays open, to cancel or try again.
    expect(
      within(reviewRegion()).getByRole('button', { name: 'Yes, publish October 2026' }),
    ).toBeInTheDocument();
  });
});

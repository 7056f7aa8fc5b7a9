import type { AuditEventView, AuditPage } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { managerSession, sessionOf } from '../../../test/session-fixtures';
import { summariseDetails } from './audit-details';

const adminSession = sessionOf({
  email: 'alex.morgan@ipo.example',
  name: 'Alex Morgan',
  roles: ['admin'],
  teams: [],
});

/** A date input of the page, by its legend: the group, and its day, month and year boxes. */
function dateBoxes(legend: string) {
  const group = screen.getByRole('group', { name: legend });
  const box = (name: string) => within(group).getByLabelText(name) as HTMLInputElement;
  return { group, day: box('Day'), month: box('Month'), year: box('Year') };
}

/** Types '1 7 2025' into a date input's boxes, as a person would ('1 7' leaves the year empty). */
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

function event(overrides: Partial<AuditEventView> = {}): AuditEventView {
  return {
    id: 120,
    // 09:05 UTC in July is 10:05am in London.
    at: '2025-07-01T09:05:00.000Z',
    actor: 'alex.morgan@ipo.example',
    action: 'user.update',
    entity: 'user',
    entityId: 'nia.lead@ipo.example',
    details: {
      before: { roles: ['team-lead'], teams: ['Examination Team C'] },
      after: { roles: ['viewer'], teams: ['Examination Team C'] },
    },
    requestId: 'req-7',
    address: '10.0.0.7',
    ...overrides,
  };
}

/** Pages of the trail by `before`: the first page, then the one below id 100, then the last. */
function serve(pages: Record<string, AuditPage> = {}) {
  return routeFetch((url) => {
    const before = url.searchParams.get('before') ?? 'first';
    return jsonResponse(pages[before] ?? { events: [event()], nextBefore: null });
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the audit trail page', () => {
  it('shows each event: London time, who, what, the request, the address and the details in words', async () => {
    serve();
    renderApp('/admin/audit', { session: adminSession });
    const table = await screen.findByRole('table', { name: /Audit events, newest first/ });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toMatch(/^Audit trail – /);
    const row = within(within(table).getAllByRole('row')[1]!);
    expect(row.getByRole('rowheader')).toHaveTextContent('10:05am on 1 July 2025');
    expect(row.getByText('alex.morgan@ipo.example')).toBeInTheDocument();
    expect(row.getByText('user.update')).toBeInTheDocument();
    expect(row.getByText('user nia.lead@ipo.example')).toBeInTheDocument();
    expect(row.getByText('req-7')).toBeInTheDocument();
    expect(row.getByText('10.0.0.7')).toBeInTheDocument();
    expect(row.getByText('roles: team-lead → viewer')).toBeInTheDocument();
  });

  it('is for administrators only', async () => {
    const fetchMock = serve();
    renderApp('/admin/audit', { session: managerSession });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps the filters in the URL, asks the server for them and offers the same CSV', async () => {
    const fetchMock = serve();
    const { router } = renderApp('/admin/audit?actor=alex.morgan%40ipo.example', {
      session: adminSession,
    });
    const user = userEvent.setup();
    await screen.findByRole('table');
    // The form shows what the URL asks for.
    expect(screen.getByLabelText('Who')).toHaveValue('alex.morgan@ipo.example');
    expect(calledUrls(fetchMock).at(-1)?.searchParams.get('actor')).toBe('alex.morgan@ipo.example');

    await user.clear(screen.getByLabelText('Who'));
    await user.type(screen.getByLabelText('Who'), 'sam.okafor@ipo.example');
    await user.type(screen.getByLabelText('What'), 'api_token');
    expect(dateBoxes('Date from').group).toHaveAccessibleDescription(
      'London date, inclusive. For example, 27 3 2026',
    );
    await typeDate(user, 'Date from', '1 7 2025');
    await typeDate(user, 'Date to', '31 7 2025');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    await waitFor(() =>
      expect(router.state.location.search).toBe(
        '?actor=sam.okafor%40ipo.example&kind=api_token&from=2025-07-01&to=2025-07-31',
      ),
    );
    await waitFor(() => {
      const asked = calledUrls(fetchMock).at(-1)!;
      expect(Object.fromEntries(asked.searchParams)).toEqual({
        actor: 'sam.okafor@ipo.example',
        kind: 'api_token',
        from: '2025-07-01',
        to: '2025-07-31',
        limit: '50',
      });
    });
    const csv = screen.getByRole('link', {
      name: 'Download CSV of every event matching these filters',
    });
    expect(csv).toHaveAttribute(
      'href',
      '/api/audit?actor=sam.okafor%40ipo.example&kind=api_token&from=2025-07-01&to=2025-07-31&format=csv',
    );

    await user.click(screen.getByRole('link', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(screen.getByRole('link', { name: /Download CSV/ })).toHaveAttribute(
      'href',
      '/api/audit?format=csv',
    );
  });

  it('pages Older and Newer through the URL', async () => {
    const fetchMock = serve({
      first: { events: [event({ id: 120 }), event({ id: 100 })], nextBefore: 100 },
      '100': { events: [event({ id: 90 }), event({ id: 80 })], nextBefore: 80 },
      '80': {
        events: [event({ id: 70, action: 'session.sign_in', details: null })],
        nextBefore: null,
      },
    });
    const { router } = renderApp('/admin/audit?kind=user', { session: adminSession });
    const user = userEvent.setup();
    await screen.findByRole('table');
    const pages = () => screen.getByRole('navigation', { name: 'Pages of events' });
    expect(within(pages()).queryByRole('link', { name: 'Newer events' })).toBeNull();

    await user.click(within(pages()).getByRole('link', { name: 'Older events' }));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=user&before=100'));
    await user.click(await within(pages()).findByRole('link', { name: 'Older events' }));
    await waitFor(() =>
      expect(router.state.location.search).toBe('?kind=user&before=80&newer=100'),
    );
    expect(await screen.findByText('session.sign_in')).toBeInTheDocument();
    // The last page: nothing older.
    expect(within(pages()).queryByRole('link', { name: 'Older events' })).toBeNull();
    expect(calledUrls(fetchMock).at(-1)?.searchParams.get('before')).toBe('80');

    await user.click(within(pages()).getByRole('link', { name: 'Newer events' }));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=user&before=100'));
    await user.click(await within(pages()).findByRole('link', { name: 'Newer events' }));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=user'));
  });

  it('refuses dates the wrong way round with an error summary linked to the field', async () => {
    const fetchMock = serve();
    const { router } = renderApp('/admin/audit', { session: adminSession });
    const user = userEvent.setup();
    await screen.findByRole('table');
    const asked = fetchMock.mock.calls.length;
    await typeDate(user, 'Date from', '1 8 2025');
    await typeDate(user, 'Date to', '1 7 2025');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    const link = await screen.findByRole('link', {
      name: 'Date to must be the same as or after date from',
    });
    expect(link).toHaveAttribute('href', '#audit-to-day');
    await waitFor(() => expect(link.closest('.govuk-error-summary')).toHaveFocus());
    expect(router.state.location.search).toBe('');
    expect(fetchMock.mock.calls.length).toBe(asked);
  });

  it('refuses an incomplete or impossible date in GOV.UK words, marking only the wrong box', async () => {
    const fetchMock = serve();
    const { router } = renderApp('/admin/audit', { session: adminSession });
    const user = userEvent.setup();
    await screen.findByRole('table');
    const asked = fetchMock.mock.calls.length;
    await typeDate(user, 'Date from', '1 7');
    await typeDate(user, 'Date to', '31 13 2025');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    const summary = within(await screen.findByRole('alert'));
    expect(summary.getByRole('link', { name: 'Date from must include a year' })).toHaveAttribute(
      'href',
      '#audit-from-year',
    );
    // Month 13 cannot be right: the summary links to the month, the only box marked.
    expect(summary.getByRole('link', { name: 'Date to must be a real date' })).toHaveAttribute(
      'href',
      '#audit-to-month',
    );
    const from = dateBoxes('Date from');
    expect(from.group).toHaveAccessibleDescription(/Error: Date from must include a year$/);
    expect(from.year).toHaveClass('govuk-input--error');
    expect(from.day).not.toHaveClass('govuk-input--error');
    const to = dateBoxes('Date to');
    expect(to.month).toHaveClass('govuk-input--error');
    expect(to.day).not.toHaveClass('govuk-input--error');
    expect(to.year).not.toHaveClass('govuk-input--error');
    await user.click(summary.getByRole('link', { name: 'Date to must be a real date' }));
    expect(to.month).toHaveFocus();
    expect(router.state.location.search).toBe('');
    expect(fetchMock.mock.calls.length).toBe(asked);
  });

  it('names the filter the server refused', async () => {
    routeFetch(() =>
      jsonResponse(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'from: must be a date from 2000 to 2999',
          issues: [{ field: 'from', message: 'must be a date from 2000 to 2999' }],
        },
        400,
      ),
    );
    renderApp('/admin/audit?from=1999-01-01', { session: adminSession });
    expect(
      await screen.findByRole('link', { name: 'Must be a date from 2000 to 2999' }),
    ).toHaveAttribute('href', '#audit-from-day');
    const from = dateBoxes('Date from');
    expect(from.group).toHaveAccessibleDescription(
      expect.stringContaining('Error: Must be a date from 2000 to 2999'),
    );
    // The URL's date in the boxes, the whole date marked.
    expect([from.day.value, from.month.value, from.year.value]).toEqual(['1', '1', '1999']);
    for (const box of [from.day, from.month, from.year]) {
      expect(box).toHaveClass('govuk-input--error');
    }
  });
});

describe('the details of an event, in a line', () => {
  it('says what changed between before and after, and the rest as key: value', () => {
    expect(
      summariseDetails({
        before: { roles: ['viewer'], teams: [] },
        after: { roles: ['team-lead'], teams: ['Examination Team C'] },
      }),
    ).toBe('roles: viewer → team-lead; teams: none → Examination Team C');
    expect(summariseDetails({ sessionsEnded: 1 })).toBe('sessionsEnded: 1');
    expect(
      summariseDetails({ kinds: ['feedback', 'work-items'], source: null, expiresAt: null }),
    ).toBe('kinds: feedback, work-items; source: none; expiresAt: none');
    expect(summariseDetails(null)).toBe('–');
    expect(summariseDetails({ before: { a: 1 }, after: { a: 1 } })).toBe('no change');
    expect(summariseDetails('text')).toBe('text');
    const long = summariseDetails({ comment: 'x'.repeat(500) });
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

import type { ClosureDay, ClosureDaysResponse, ClosureImportResponse } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { londonYearMonth } from '../../../lib/periods';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { adminSession, bodyOf, job, requestsOf } from './admin-test-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

const year = londonYearMonth().year;

function day(overrides: Partial<ClosureDay> & Pick<ClosureDay, 'date' | 'scope'>): ClosureDay {
  return {
    reason: 'Closed',
    source: 'admin',
    createdBy: 'ada.okoro@ipo.example',
    createdAt: '2025-01-01T10:00:00.000Z',
    deletable: true,
    ...overrides,
  };
}

function calendarOf(y: number): ClosureDaysResponse {
  return {
    from: `${y}-01-01`,
    to: `${y}-12-31`,
    closureDays: [
      day({
        date: `${y}-06-10`,
        scope: 'organisation',
        reason: 'Office move',
      }),
      day({
        date: `${y}-11-30`,
        scope: 'scotland',
        reason: 'St Andrew’s Day',
        source: 'govuk_import',
      }),
      day({
        date: `${y}-12-25`,
        scope: 'england_and_wales',
        reason: 'Christmas Day',
        source: 'date_holidays',
        createdBy: null,
        createdAt: null,
        deletable: false,
      }),
    ],
  };
}

/** The page's API; `extra` answers the changes (null: not it). */
function serve(extra: (url: URL, init: RequestInit) => Response | null = () => null) {
  return routeFetch((url, init) => {
    const answer = extra(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/admin/closure-days' && (init.method ?? 'GET') === 'GET') {
      return jsonResponse(calendarOf(Number(url.searchParams.get('from')?.slice(0, 4))));
    }
    if (url.pathname.startsWith('/api/admin/recalculations/')) {
      return jsonResponse(job({ status: 'succeeded', total: 12, done: 12 }));
    }
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No such thing' }, 404);
  });
}

async function openPage() {
  renderApp('/admin/closure-days', { session: adminSession });
  await screen.findByRole('heading', { level: 2, name: `Closure days in ${year}` });
}

describe('/admin/closure-days', () => {
  it('shows the year’s closure days by nation, and another year on request', async () => {
    const fetchMock = serve();
    const user = userEvent.setup();
    await openPage();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'England and Wales',
      'Scotland',
      'Northern Ireland',
      'Whole organisation',
    ]);
    const england = screen.getByRole('table', { name: 'England and Wales' });
    expect(within(england).getByRole('row', { name: /Christmas Day/ })).toHaveTextContent(
      new RegExp(`day 25 December ${year}`),
    );
    expect(within(england).getByText('Bank holiday (built in)')).toBeInTheDocument();
    // Built-in bank holidays cannot be removed; recorded and loaded days can.
    expect(within(england).queryByRole('button')).toBeNull();
    const scotland = screen.getByRole('table', { name: 'Scotland' });
    expect(within(scotland).getByText(/GOV.UK bank holidays file, loaded by/)).toBeInTheDocument();
    expect(
      within(scotland).getByRole('button', { name: /Remove the closure day of/ }),
    ).toBeInTheDocument();
    expect(screen.getByText(`No closure days in ${year}.`)).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Year' }), String(year + 1));
    await user.click(screen.getByRole('button', { name: 'Show closure days' }));
    expect(
      await screen.findByRole('heading', { name: `Closure days in ${year + 1}` }),
    ).toBeInTheDocument();
    expect(requestsOf(fetchMock)).toContain(
      `GET /api/admin/closure-days?from=${year + 1}-01-01&to=${year + 1}-12-31`,
    );
  });

  it('lists what is missing from a new closure day in the error summary, and refuses a weekend', async () => {
    const fetchMock = serve();
    const user = userEvent.setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Add the closure day' }));
    let summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((l) => [l.textContent, l.getAttribute('href')]),
    ).toEqual([
      ['Enter the date the office is closed', '#closure-date-day'],
      ['Select where the office is closed', '#closure-scope-england_and_wales'],
      ['Enter why the office is closed', '#closure-reason'],
    ]);
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    const group = screen.getByRole('group', { name: 'Where is the office closed?' });
    expect(group).toHaveAccessibleDescription('Error: Select where the office is closed');

    const form = screen.getByRole('region', { name: 'Add a closure day' });
    await user.type(within(form).getByLabelText('Day'), '2');
    await user.type(within(form).getByLabelText('Month'), '1');
    await user.type(within(form).getByLabelText('Year'), '2027');
    await user.click(screen.getByRole('button', { name: 'Add the closure day' }));
    summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(
      'Date the office is closed must be a weekday: Saturday 2 January 2027 is never a working day',
    );
    expect(requestsOf(fetchMock).filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('adds a closure day with the keyboard alone, then shows the recalculation that follows', async () => {
    let polls = 0;
    const fetchMock = serve((url, init) => {
      if (url.pathname === '/api/admin/closure-days' && init.method === 'POST') {
        const body = bodyOf(init) as { date: string; scope: 'organisation'; reason: string };
        return jsonResponse(
          {
            closureDay: { ...day(body), createdAt: null },
            recalculation: job({ status: 'queued' }),
          },
          202,
        );
      }
      if (url.pathname === '/api/admin/recalculations/7') {
        polls++;
        return jsonResponse(
          polls === 1
            ? job({ status: 'running', total: 80, done: 20 })
            : job({ status: 'succeeded', total: 80, done: 80 }),
        );
      }
      return null;
    });
    const user = userEvent.setup();
    await openPage();
    const form = screen.getByRole('region', { name: 'Add a closure day' });
    within(form).getByLabelText('Day').focus();
    await user.keyboard('24');
    await user.tab();
    await user.keyboard('12');
    await user.tab();
    await user.keyboard('2027');
    await user.tab();
    // The first radio takes focus; arrows move through the group and choose.
    expect(within(form).getByLabelText('England and Wales')).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(within(form).getByLabelText('Whole organisation')).toBeChecked();
    await user.tab();
    expect(within(form).getByLabelText('Reason')).toHaveFocus();
    await user.keyboard('Office move');
    await user.tab();
    expect(within(form).getByRole('button', { name: 'Add the closure day' })).toHaveFocus();
    await user.keyboard('{Enter}');

    const banner = await screen.findByText(
      'Closure day added: Friday 24 December 2027 (Whole organisation)',
    );
    await waitFor(() => expect(banner).toHaveFocus());
    const post = fetchMock.mock.calls.find((c) => c[1]?.method === 'POST');
    expect(bodyOf(post?.[1] ?? {})).toEqual({
      date: '2027-12-24',
      scope: 'organisation',
      reason: 'Office move',
    });
    expect(await screen.findByLabelText('Recalculation progress')).toHaveAttribute('value', '25');
    expect(
      await screen.findByRole('heading', { name: 'Recalculation finished' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/80 work items were recalculated/)).toBeInTheDocument();
    // The form is empty again and the calendar was read again.
    expect(within(form).getByLabelText('Reason')).toHaveValue('');
    expect(
      requestsOf(fetchMock).filter((r) => r.startsWith('GET /api/admin/closure-days')).length,
    ).toBeGreaterThan(1);
  });

  it('asks why before removing a closure day, then removes it', async () => {
    const fetchMock = serve((_url, init) => {
      if (init.method === 'DELETE') {
        return jsonResponse(
          {
            closureDay: day({
              date: `${year}-06-10`,
              scope: 'organisation',
              reason: 'Office move',
            }),
            recalculation: job({ status: 'succeeded', total: 3, done: 3 }),
          },
          202,
        );
      }
      return null;
    });
    const user = userEvent.setup();
    await openPage();
    await user.click(
      screen.getByRole('button', {
        name: /^Remove the closure day of \w+day 10 June \d{4} \(Whole organisation\)$/,
      }),
    );
    const question = await screen.findByRole('heading', {
      name: /^Remove the closure day of .* 10 June .* \(Whole organisation\)\?$/,
    });
    await waitFor(() => expect(question).toHaveFocus());
    expect(screen.getByText('It was recorded because: Office move')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove the closure day' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'Enter why the closure day is removed' }),
    ).toHaveAttribute('href', '#remove-reason');
    expect(requestsOf(fetchMock).some((r) => r.startsWith('DELETE'))).toBe(false);

    await user.type(screen.getByLabelText('Why is it removed?'), 'The move was put off');
    await user.click(screen.getByRole('button', { name: 'Remove the closure day' }));
    expect(await screen.findByText(/^Closure day removed: .* 10 June/)).toBeInTheDocument();
    expect(requestsOf(fetchMock)).toContain(
      `DELETE /api/admin/closure-days/${year}-06-10?scope=organisation&reason=The+move+was+put+off`,
    );
    expect(screen.queryByRole('heading', { name: /\?$/ })).not.toBeInTheDocument();
  });

  it('cancels a removal and returns to its button', async () => {
    serve();
    const user = userEvent.setup();
    await openPage();
    const remove = within(screen.getByRole('table', { name: 'Scotland' })).getByRole('button');
    await user.click(remove);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(remove).toHaveFocus());
    expect(screen.queryByLabelText('Why is it removed?')).not.toBeInTheDocument();
  });
});

describe('loading the GOV.UK bank holidays', () => {
  const file = {
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        { title: 'New Year’s Day', date: '2028-01-03', notes: 'Substitute day', bunting: true },
        { title: 'Good Friday', date: '2028-04-14', notes: '', bunting: false },
      ],
    },
  };
  const answer: ClosureImportResponse = {
    added: 2,
    alreadyKnown: 5,
    divisions: [{ division: 'england_and_wales', added: 2, alreadyKnown: 5 }],
    addedDays: [
      { date: '2028-01-03', scope: 'england_and_wales', reason: 'New Year’s Day' },
      { date: '2028-04-14', scope: 'england_and_wales', reason: 'Good Friday' },
    ],
    recalculation: job({ status: 'succeeded', total: 9, done: 9 }),
  };

  it('reads the chosen file in the browser and sends its JSON, then says what was added', async () => {
    const fetchMock = serve((url, init) =>
      url.pathname === '/api/admin/closure-days/import' && init.method === 'POST'
        ? jsonResponse(answer, 202)
        : null,
    );
    const user = userEvent.setup();
    await openPage();
    await user.upload(
      screen.getByLabelText('GOV.UK bank holidays file'),
      new File([JSON.stringify(file)], 'bank-holidays.json', { type: 'application/json' }),
    );
    await user.click(screen.getByRole('button', { name: 'Load the bank holidays' }));
    const banner = await screen.findByText('2 new bank holidays added from the GOV.UK file');
    await waitFor(() => expect(banner).toHaveFocus());
    const post = fetchMock.mock.calls.find((c) => String(c[0]).endsWith('/import'));
    expect(bodyOf(post?.[1] ?? {})).toEqual(file);
    expect(
      screen.getByText('England and Wales: 2. Of the others, 5 were known already.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/14 April 2028 \(England and Wales\): Good Friday/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Recalculation finished' }),
    ).toBeInTheDocument();
  });

  it('refuses a missing file, a file that is not JSON, and one the server does not recognise', async () => {
    const fetchMock = serve((url) =>
      url.pathname === '/api/admin/closure-days/import'
        ? jsonResponse(
            {
              statusCode: 400,
              error: 'Bad Request',
              message: 'france: unknown division',
              issues: [{ field: 'france', message: 'unknown division "france"' }],
            },
            400,
          )
        : null,
    );
    const user = userEvent.setup();
    await openPage();
    const load = screen.getByRole('button', { name: 'Load the bank holidays' });
    const input = screen.getByLabelText('GOV.UK bank holidays file');
    await user.click(load);
    expect(
      within(await screen.findByRole('alert')).getByRole('link', {
        name: 'Select the bank-holidays.json file from GOV.UK',
      }),
    ).toHaveAttribute('href', '#closure-file');

    await user.upload(input, new File(['not json at all'], 'bank-holidays.json'));
    await user.click(load);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'The file must be the bank-holidays.json file from GOV.UK: it is not JSON',
      ),
    );
    expect(requestsOf(fetchMock).some((r) => r.startsWith('POST'))).toBe(false);

    await user.upload(input, new File(['{"france":{}}'], 'holidays.json'));
    await user.click(load);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'The file is not a GOV.UK bank holidays file: france unknown division "france"',
      ),
    );
    expect(input).toHaveAccessibleDescription(expect.stringContaining('Error: The file is not'));
  });
});

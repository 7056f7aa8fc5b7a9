import type { Annotation, SessionUserView } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildBreakdown,
  buildDistribution,
  buildForecast,
  buildItems,
  buildSeries,
  callsDetail,
} from '../../../test/dashboard-fixtures';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import {
  manager,
  managerSession,
  sessionOf,
  teamLead,
  viewer,
} from '../../../test/session-fixtures';

const admin: SessionUserView = {
  email: 'alex.morgan@ipo.example',
  name: 'Alex Morgan',
  roles: ['admin'],
  teams: [],
};

const note = (over: Partial<Annotation>): Annotation => ({
  id: 1,
  standardCode: 'csc-calls',
  fromDate: '2025-03-10',
  toDate: '2025-04-02',
  note: 'Telephony outage',
  createdBy: manager.email,
  createdAt: '2025-04-03T09:00:00.000Z',
  updatedAt: '2025-04-03T09:00:00.000Z',
  ...over,
});

const outage = note({ id: 1 });
const everywhere = note({
  id: 2,
  standardCode: null,
  fromDate: '2025-06-02',
  toDate: '2025-06-02',
  note: 'New case system',
  createdBy: 'someone.else@ipo.example',
});

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/** The standard page's API, with the annotations kept in a small store. */
function api(initial: Annotation[], refuse?: (body: Record<string, unknown>) => Response | null) {
  let store = [...initial];
  let next = 100;
  const sent: Sent[] = [];
  routeFetch((url, init) => {
    const method = init.method ?? 'GET';
    if (url.pathname.startsWith('/api/annotations')) {
      const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      if (method !== 'GET')
        sent.push({ method, path: url.pathname, body: init.body ? body : undefined });
      const refusal = method === 'GET' ? null : refuse?.(body);
      if (refusal) return refusal;
      const id = Number(url.pathname.split('/')[3]);
      const input = { ...body, toDate: body.toDate ?? body.fromDate } as Partial<Annotation>;
      if (method === 'POST') {
        const created = note({ ...input, id: next++, createdBy: manager.email });
        store.push(created);
        return jsonResponse(created, 201);
      }
      if (method === 'PUT') {
        store = store.map((a) => (a.id === id ? { ...a, ...input } : a));
        return jsonResponse(store.find((a) => a.id === id));
      }
      if (method === 'DELETE') {
        store = store.filter((a) => a.id !== id);
        return new Response(null, { status: 204 });
      }
      return jsonResponse({ annotations: store });
    }
    const [, , , , resource = 'detail'] = url.pathname.split('/');
    switch (resource) {
      case 'detail':
        return jsonResponse(callsDetail);
      case 'series':
        return jsonResponse(buildSeries());
      case 'breakdown':
        return jsonResponse(buildBreakdown());
      case 'distribution':
        return jsonResponse(buildDistribution());
      case 'forecast':
        return jsonResponse(buildForecast('csc-calls'));
      default:
        return jsonResponse(buildItems({ status: 'late', count: 1, total: 1, nextCursor: null }));
    }
  });
  return { sent };
}

const panel = async () =>
  (await screen.findByRole('heading', { level: 3, name: 'Notes on the trend' })).closest(
    'section',
  ) as HTMLElement;

type Scope = ReturnType<typeof within>;
type User = ReturnType<typeof userEvent.setup>;

/** A date input of the form, by its legend: the group, and its day, month and year boxes. */
function dateBoxes(form: Scope, legend: string) {
  const group = form.getByRole('group', { name: legend });
  const box = (name: string) => within(group).getByLabelText(name) as HTMLInputElement;
  return { group, day: box('Day'), month: box('Month'), year: box('Year') };
}

/** Types '10 3 2025' into a date input's boxes (emptied first), as a person would. */
async function typeDate(user: User, form: Scope, legend: string, date: string) {
  const boxes = dateBoxes(form, legend);
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

const valuesOf = (form: Scope, legend: string) => {
  const { day, month, year } = dateBoxes(form, legend);
  return [day.value, month.value, year.value];
};

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));

// The page is a lazy route: load its code (and the chart library) once, before the clock starts.
beforeAll(async () => {
  await import('./standard-page');
}, 30_000);
afterEach(() => {
  vi.restoreAllMocks();
});

describe('notes on the trend', { timeout: 20_000 }, () => {
  it("appear in the trend's table, its CSV and its summary, on the periods they cover", async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    api([outage, everywhere]);
    const user = userEvent.setup();
    renderApp('/standards/csc-calls', { session: sessionOf(viewer) });

    const trend = await screen.findByRole('figure', { name: /monthly trend/ });
    await waitFor(() =>
      expect(trend).toHaveAccessibleDescription(
        /Notes on the chart: 10 March 2025 to 2 April 2025: Telephony outage; 2 June 2025: New case system\.$/,
      ),
    );
    expect(within(trend).getByText(/^Note \(labelled on the chart/)).toBeInTheDocument();
    await user.click(within(trend).getByRole('button', { name: /Show as table/ }));
    const table = within(trend).getByRole('table');
    const rows = rowsOf(table);
    const header = rows[0] ?? [];
    expect(header.at(-1)).toBe('Note');
    const noteOf = (period: string) => rows.find((r) => r[0] === period)?.at(-1);
    expect(noteOf('February 2025')).toBe('');
    expect(noteOf('March 2025')).toBe('Telephony outage (10 March 2025 to 2 April 2025)');
    expect(noteOf('April 2025')).toBe('Telephony outage (10 March 2025 to 2 April 2025)');
    expect(noteOf('May 2025')).toBe('');
    expect(noteOf('June 2025')).toBe('New case system (2 June 2025, all standards)');

    await user.click(within(trend).getByRole('button', { name: /Download CSV/ }));
    const csv = new TextDecoder().decode(new Uint8Array(await (blobs[0] as Blob).arrayBuffer()));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]?.endsWith(',Note')).toBe(true);
    expect(lines.find((l) => l.startsWith('March 2025,'))).toMatch(
      /,Telephony outage \(10 March 2025 to 2 April 2025\)$/,
    );

    // The list under the chart, for everyone; a viewer changes nothing and adds nothing.
    const notes = within(await panel());
    expect(await notes.findByText(/Telephony outage/)).toBeInTheDocument();
    expect(notes.getByText(/New case system \(all standards\)/)).toBeInTheDocument();
    expect(notes.queryByRole('button')).toBeNull();
    expect(screen.queryByText('Add a note to the trend')).toBeNull();
  });

  it('with no note on the periods shown, the table has no Note column', async () => {
    api([note({ fromDate: '2020-01-01', toDate: '2020-01-31' })]);
    const user = userEvent.setup();
    renderApp('/standards/csc-calls', { session: sessionOf(viewer) });
    const trend = await screen.findByRole('figure', { name: /monthly trend/ });
    await user.click(within(trend).getByRole('button', { name: /Show as table/ }));
    expect(rowsOf(within(trend).getByRole('table'))[0]).not.toContain('Note');
    expect(trend).not.toHaveAccessibleDescription(/Note/);
  });

  it('a manager adds a note for this standard or all; problems are listed and linked to fields', async () => {
    let refuseOnce = true;
    const { sent } = api([], (body) => {
      if (body.note !== 'Refused by the server' || !refuseOnce) return null;
      refuseOnce = false;
      return jsonResponse(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'toDate: must not be before fromDate',
          issues: [{ field: 'toDate', message: 'must not be before fromDate' }],
          requestId: 'r1',
        },
        400,
      );
    });
    const user = userEvent.setup();
    renderApp('/standards/csc-calls', { session: managerSession });
    const notes = within(await panel());
    expect(await notes.findByText('No notes on this trend.')).toBeInTheDocument();
    await user.click(notes.getByText('Add a note to the trend'));
    const form = within(
      notes.getByRole('button', { name: 'Add note' }).closest('form') as HTMLElement,
    );

    // Nothing typed: the summary says so, takes focus, and links to the fields.
    await user.click(form.getByRole('button', { name: 'Add note' }));
    const summary = await notes.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter a note' })).toBeInTheDocument();
    await user.click(
      within(summary).getByRole('link', { name: 'Enter the date, or the first day of the range' }),
    );
    // The link goes to the date's first box, the day.
    expect(dateBoxes(form, 'From').day).toHaveFocus();
    expect(sent).toEqual([]);

    await typeDate(user, form, 'From', '10 3 2025');
    await typeDate(user, form, 'To (optional)', '1 3 2025');
    await user.type(form.getByLabelText('Note'), 'x'.repeat(121));
    await user.click(form.getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(dateBoxes(form, 'To (optional)').group).toHaveAccessibleDescription(
        /Error: The last day must be the same as or after the first day/,
      ),
    );
    expect(form.getByLabelText('Note')).toHaveAccessibleDescription(
      /Error: The note must be 120 characters or fewer/,
    );
    expect(sent).toEqual([]);

    // The server's refusal names a field: shown on it, the whole date marked.
    await typeDate(user, form, 'To (optional)', '');
    await user.clear(form.getByLabelText('Note'));
    await user.type(form.getByLabelText('Note'), 'Refused by the server');
    await user.click(form.getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(dateBoxes(form, 'To (optional)').group).toHaveAccessibleDescription(
        /Error: To: must not be before fromDate/,
      ),
    );
    expect(dateBoxes(form, 'To (optional)').year).toHaveClass('govuk-input--error');

    await user.clear(form.getByLabelText('Note'));
    await user.type(form.getByLabelText('Note'), '  Telephony outage  ');
    await typeDate(user, form, 'To (optional)', '12 3 2025');
    await user.click(form.getByRole('button', { name: 'Add note' }));
    expect(await notes.findByText('Note ‘Telephony outage’ added.')).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({
      method: 'POST',
      path: '/api/annotations',
      body: {
        standardCode: 'csc-calls',
        fromDate: '2025-03-10',
        toDate: '2025-03-12',
        note: 'Telephony outage',
      },
    });
    expect(await notes.findByText('10 March 2025 to 12 March 2025')).toBeInTheDocument();

    // A single day, on every standard, in a fresh form; focus was on the confirmation.
    expect(notes.getByText('Note ‘Telephony outage’ added.')).toHaveFocus();
    const again = within(
      notes.getByRole('button', { name: 'Add note' }).closest('form') as HTMLElement,
    );
    expect(valuesOf(again, 'From')).toEqual(['', '', '']);
    expect(again.getByLabelText('Note')).toHaveValue('');
    expect(again.getByLabelText(/This standard only/)).toBeChecked();
    await user.click(again.getByLabelText('All standards'));
    await typeDate(user, again, 'From', '2 6 2025');
    await user.type(again.getByLabelText('Note'), 'New case system');
    await user.click(again.getByRole('button', { name: 'Add note' }));
    await notes.findByText('Note ‘New case system’ added.');
    expect(sent.at(-1)?.body).toEqual({
      standardCode: null,
      fromDate: '2025-06-02',
      note: 'New case system',
    });
  });

  it('refuses a date typed incompletely or impossibly, in GOV.UK words, marking the wrong boxes', async () => {
    const { sent } = api([]);
    const user = userEvent.setup();
    renderApp('/standards/csc-calls', { session: managerSession });
    const notes = within(await panel());
    await user.click(await notes.findByText('Add a note to the trend'));
    const form = within(
      notes.getByRole('button', { name: 'Add note' }).closest('form') as HTMLElement,
    );
    expect(dateBoxes(form, 'From').group).toHaveAccessibleDescription(
      'The day, or the first day of a range. For example, 27 3 2026',
    );

    await typeDate(user, form, 'From', '10 3');
    await typeDate(user, form, 'To (optional)', '31 2 2025');
    await user.type(form.getByLabelText('Note'), 'Telephony outage');
    await user.click(form.getByRole('button', { name: 'Add note' }));

    const summary = within(await notes.findByRole('alert'));
    // The year alone is missing: only the year box is marked, and the summary links to it.
    const from = dateBoxes(form, 'From');
    expect(from.group).toHaveAccessibleDescription(/Error: The first day must include a year$/);
    expect(from.year).toHaveClass('govuk-input--error');
    expect(from.day).not.toHaveClass('govuk-input--error');
    expect(from.month).not.toHaveClass('govuk-input--error');
    await user.click(summary.getByRole('link', { name: 'The first day must include a year' }));
    expect(from.year).toHaveFocus();
    // 31 February: no such day, and which box is wrong is not clear: the whole date is marked.
    const to = dateBoxes(form, 'To (optional)');
    expect(to.group).toHaveAccessibleDescription(/Error: The last day must be a real date$/);
    for (const box of [to.day, to.month, to.year]) expect(box).toHaveClass('govuk-input--error');
    expect(summary.getByRole('link', { name: 'The last day must be a real date' })).toHaveAttribute(
      'href',
      `#${to.day.id}`,
    );
    expect(sent).toEqual([]);

    // Put right, the note is sent with ISO dates.
    await typeDate(user, form, 'From', '10 3 2025');
    await typeDate(user, form, 'To (optional)', '28 3 2025');
    await user.click(form.getByRole('button', { name: 'Add note' }));
    expect(await notes.findByText('Note ‘Telephony outage’ added.')).toBeInTheDocument();
    expect(sent.at(-1)?.body).toEqual({
      standardCode: 'csc-calls',
      fromDate: '2025-03-10',
      toDate: '2025-03-28',
      note: 'Telephony outage',
    });
  });

  it('its author or an administrator changes or deletes a note; another manager cannot', async () => {
    const { sent } = api([outage, everywhere]);
    const user = userEvent.setup();
    renderApp('/standards/csc-calls', { session: managerSession });
    const notes = within(await panel());
    await notes.findAllByText(/Telephony outage/);
    // The manager wrote the outage note, not the other one.
    expect(notes.getAllByRole('button', { name: /^Change/ })).toHaveLength(1);
    await user.click(notes.getByRole('button', { name: 'Change the note ‘Telephony outage’' }));
    const form = within(
      notes.getByRole('button', { name: 'Save note' }).closest('form') as HTMLElement,
    );
    expect(valuesOf(form, 'From')).toEqual(['10', '3', '2025']);
    expect(valuesOf(form, 'To (optional)')).toEqual(['2', '4', '2025']);
    expect(form.getByLabelText('Note')).toHaveValue('Telephony outage');
    expect(form.getByLabelText(/This standard only/)).toBeChecked();
    await user.clear(form.getByLabelText('Note'));
    await user.type(form.getByLabelText('Note'), 'Telephony outage (all lines)');
    await user.click(form.getByRole('button', { name: 'Save note' }));
    expect(
      await notes.findByText('Note ‘Telephony outage (all lines)’ saved.'),
    ).toBeInTheDocument();
    expect(sent).toEqual([
      {
        method: 'PUT',
        path: '/api/annotations/1',
        body: {
          standardCode: 'csc-calls',
          fromDate: '2025-03-10',
          toDate: '2025-04-02',
          note: 'Telephony outage (all lines)',
        },
      },
    ]);

    await user.click(notes.getByRole('button', { name: /^Delete the note ‘Telephony outage/ }));
    const question = notes.getByRole('region', {
      name: /Are you sure you want to delete the note/,
    });
    expect(question).toHaveFocus();
    await user.click(within(question).getByRole('button', { name: 'Yes, delete it' }));
    expect(await notes.findByText('Note ‘Telephony outage (all lines)’ deleted.')).toHaveFocus();
    expect(sent.at(-1)).toEqual({ method: 'DELETE', path: '/api/annotations/1', body: undefined });
  });

  it('an administrator may change any note; a team lead may neither add nor change one', async () => {
    api([outage, everywhere]);
    const first = renderApp('/standards/csc-calls', { session: sessionOf(admin) });
    let notes = within(await panel());
    await notes.findAllByText(/Telephony outage/);
    expect(notes.getAllByRole('button', { name: /^Change/ })).toHaveLength(2);
    expect(screen.getByText('Add a note to the trend')).toBeInTheDocument();
    first.unmount();

    renderApp('/standards/csc-calls', { session: sessionOf(teamLead) });
    notes = within(await panel());
    await notes.findAllByText(/Telephony outage/);
    expect(notes.queryByRole('button')).toBeNull();
    expect(screen.queryByText('Add a note to the trend')).toBeNull();
  });
});

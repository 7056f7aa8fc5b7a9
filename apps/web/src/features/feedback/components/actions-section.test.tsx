import type { Action, ActionHistory, FeedbackOptions } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { londonDate } from '../../../lib/dates';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { managerSession, sessionOf, teamLead, viewer } from '../../../test/session-fixtures';

const options: FeedbackOptions = {
  services: [{ code: 'patents', name: 'Patents' }],
  teams: [
    { id: 5, name: 'Examination Team A', service: 'patents' },
    { id: 9, name: 'Examination Team C', service: 'patents' },
  ],
  themes: [
    { code: 'waiting-times', name: 'Waiting times' },
    { code: 'fees', name: 'Fees' },
  ],
  dataFrom: '2025-09-01',
  dataTo: '2025-12-19',
};

const action = (over: Partial<Action>): Action => ({
  id: 1,
  themeCode: 'waiting-times',
  themeName: 'Waiting times',
  title: 'Call customers back',
  description: '',
  owner: 'Casework lead',
  status: 'planned',
  startedOn: null,
  completedOn: null,
  dueOn: null,
  overdue: false,
  published: false,
  teamId: 9,
  teamName: 'Examination Team C',
  createdAt: '2025-12-01T09:00:00.000Z',
  updatedAt: '2025-12-01T09:00:00.000Z',
  ...over,
});

const ours = action({
  id: 11,
  title: 'Call customers back within a day',
  owner: 'Priya Shah',
  status: 'in_progress',
  startedOn: '2025-10-01',
  dueOn: '2025-11-28',
  overdue: true,
});
const theirs = action({
  id: 12,
  title: 'Shorter forms',
  owner: 'Jo Bloggs',
  teamId: 5,
  teamName: 'Examination Team A',
  dueOn: '2026-03-31',
});
const office = action({
  id: 13,
  title: 'New fee table',
  owner: 'Web team',
  teamId: null,
  teamName: null,
});

const history: ActionHistory = {
  actionId: 11,
  events: [
    {
      id: 101,
      at: '2025-10-01T08:05:00.000Z',
      actor: 'tariq.hughes@ipo.example',
      kind: 'create',
      changes: [
        { field: 'title', before: null, after: 'Call customers back within a day' },
        { field: 'status', before: null, after: 'planned' },
      ],
    },
    {
      id: 102,
      at: '2025-10-02T13:30:00.000Z',
      actor: 'morgan.ellis@ipo.example',
      kind: 'update',
      changes: [
        { field: 'status', before: 'planned', after: 'in_progress' },
        { field: 'dueOn', before: null, after: '2025-11-28' },
        { field: 'published', before: false, after: true },
      ],
    },
  ],
};

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/**
 * The actions API over a small store: the list, PUT (or a refusal), DELETE and the history.
 * The page's figures answer 404: only the actions are under test.
 */
function actionsApi(initial: Action[], refusePut?: () => Response | null) {
  let store = [...initial];
  const sent: Sent[] = [];
  const fetchMock = routeFetch((url, init) => {
    const method = init.method ?? 'GET';
    const path = url.pathname;
    if (method !== 'GET') {
      sent.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined });
    }
    if (path === '/api/feedback/options') return jsonResponse(options);
    if (path === '/api/feedback/actions' && method === 'POST') {
      const created = action({ ...(JSON.parse(String(init.body)) as Partial<Action>), id: 99 });
      store = [...store, created];
      return jsonResponse(created, 201);
    }
    if (path === '/api/feedback/actions') return jsonResponse({ actions: store });
    const one = /^\/api\/feedback\/actions\/(\d+)(\/history)?$/.exec(path);
    if (one) {
      const id = Number(one[1]);
      if (one[2]) return jsonResponse({ ...history, actionId: id });
      if (method === 'PUT') {
        const refusal = refusePut?.();
        if (refusal) return refusal;
        const before = store.find((a) => a.id === id) as Action;
        const body = JSON.parse(String(init.body)) as Partial<Action>;
        const after = {
          ...before,
          ...body,
          overdue: body.status === 'done' ? false : before.overdue,
        };
        store = store.map((a) => (a.id === id ? after : a));
        return jsonResponse(after);
      }
      if (method === 'DELETE') {
        store = store.filter((a) => a.id !== id);
        return new Response(null, { status: 204 });
      }
    }
    // The figures are not under test: refused, so that refreshing them after a change is quick.
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'Not here' }, 404);
  });
  return { fetchMock, sent };
}

const card = (title: string) =>
  screen.getByRole('heading', { level: 3, name: title }).closest('section') as HTMLElement;

type Scope = ReturnType<typeof within>;

/** A date input of the form, by its legend: the group, and its day, month and year boxes. */
function dateBoxes(form: Scope, legend: string) {
  const group = form.getByRole('group', { name: legend });
  const box = (name: string) => within(group).getByLabelText(name) as HTMLInputElement;
  return { group, day: box('Day'), month: box('Month'), year: box('Year') };
}

const dateValues = (form: Scope, legend: string) => {
  const { day, month, year } = dateBoxes(form, legend);
  return [day.value, month.value, year.value];
};

/** Types '1 9 2025' into a date input's boxes (emptied first; '' empties them). */
async function typeDate(
  user: ReturnType<typeof userEvent.setup>,
  form: Scope,
  legend: string,
  date: string,
) {
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

describe('actions: the list', () => {
  it('shows owner, team, due date, the status as a tag in words and "Overdue" in words', async () => {
    actionsApi([ours, theirs, office]);
    renderApp('/feedback?period=2025-26-Q3', { session: sessionOf(viewer) });
    await screen.findByRole('heading', { level: 3, name: ours.title });
    const mine = within(card(ours.title));
    const row = (key: string) =>
      mine.getByText(key, { selector: 'dt' }).closest('.govuk-summary-list__row') as HTMLElement;
    expect(row('Owner')).toHaveTextContent('Priya Shah');
    expect(row('Team')).toHaveTextContent('Examination Team C');
    expect(row('Due date')).toHaveTextContent('28 November 2025 Overdue');
    expect(within(row('Status')).getByText('In progress')).toHaveClass('govuk-tag');
    expect(within(card(theirs.title)).queryByText('Overdue')).toBeNull();
    expect(within(card(office.title)).getByText('The whole office')).toBeInTheDocument();
    expect(within(card(office.title)).getByText('None set')).toBeInTheDocument();
    // A viewer changes nothing.
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Mark as done/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
  });

  it("a team lead sees Edit, Mark as done and Delete on their own teams' actions only", async () => {
    actionsApi([ours, theirs, office]);
    renderApp('/feedback?period=2025-26-Q3', { session: sessionOf(teamLead) });
    await screen.findByRole('heading', { level: 3, name: ours.title });
    const mine = within(card(ours.title));
    expect(mine.getByRole('button', { name: `Edit ‘${ours.title}’` })).toBeInTheDocument();
    expect(mine.getByRole('button', { name: `Mark as done ‘${ours.title}’` })).toBeInTheDocument();
    expect(mine.getByRole('button', { name: `Delete ‘${ours.title}’` })).toBeInTheDocument();
    for (const other of [theirs, office]) {
      expect(within(card(other.title)).queryAllByRole('button')).toEqual([]);
    }
    expect(screen.getAllByRole('button', { name: /^Edit/ })).toHaveLength(1);
  });

  it('a manager sees them on every action; a done action has no "Mark as done"', async () => {
    const done = action({
      id: 14,
      title: 'Done already',
      status: 'done',
      completedOn: '2025-11-01',
    });
    actionsApi([ours, office, done]);
    renderApp('/feedback?period=2025-26-Q3', { session: managerSession });
    await screen.findByRole('heading', { level: 3, name: ours.title });
    expect(screen.getAllByRole('button', { name: /^Edit/ })).toHaveLength(3);
    expect(within(card(done.title)).queryByRole('button', { name: /^Mark as done/ })).toBeNull();
    expect(within(card(office.title)).getByRole('button', { name: /^Mark as done/ })).toBeVisible();
  });
});

describe('actions: changing one', () => {
  it('marks an action done: status done and completed today (London), then shown as done', async () => {
    const { sent } = actionsApi([ours]);
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3', { session: sessionOf(teamLead) });
    await user.click(await screen.findByRole('button', { name: `Mark as done ‘${ours.title}’` }));
    expect(await screen.findByText(`Action ‘${ours.title}’ marked as done.`)).toBeVisible();
    // Today in London, worked out independently of the component.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
      new Date(),
    );
    expect(sent).toEqual([
      {
        method: 'PUT',
        path: `/api/feedback/actions/${ours.id}`,
        body: expect.objectContaining({
          status: 'done',
          completedOn: today,
          dueOn: '2025-11-28',
          owner: 'Priya Shah',
          startedOn: '2025-10-01',
          teamId: 9,
        }),
      },
    ]);
    const mine = within(card(ours.title));
    await waitFor(() => expect(mine.getByText('Done', { selector: '.govuk-tag' })).toBeVisible());
    expect(mine.queryByText('Overdue')).toBeNull();
    expect(mine.queryByRole('button', { name: /^Mark as done/ })).toBeNull();
  });

  it('today in London: after 11pm UTC in summer it is already the next day', () => {
    expect(londonDate(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
    expect(londonDate(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
  });

  it('edits an action in a prefilled form, and shows the fields the server refused', async () => {
    let refuse = true;
    const { sent } = actionsApi([ours], () =>
      refuse
        ? jsonResponse(
            {
              statusCode: 400,
              error: 'Bad Request',
              message: 'completedOn: must not be before startedOn',
              issues: [{ field: 'completedOn', message: 'must not be before startedOn' }],
              requestId: 'req-1',
            },
            400,
          )
        : null,
    );
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3', { session: sessionOf(teamLead) });
    await user.click(await screen.findByRole('button', { name: `Edit ‘${ours.title}’` }));
    const heading = screen.getByRole('heading', { level: 4, name: `Change ‘${ours.title}’` });
    expect(heading).toHaveFocus();
    const form = within(heading.closest('form') as HTMLElement);
    expect(form.getByLabelText('What we did')).toHaveValue(ours.title);
    expect(form.getByLabelText('Owner')).toHaveValue('Priya Shah');
    expect(dateValues(form, 'Due date')).toEqual(['28', '11', '2025']);
    expect(dateValues(form, 'Started on')).toEqual(['1', '10', '2025']);
    expect(dateValues(form, 'Completed on')).toEqual(['', '', '']);
    expect(form.getByLabelText('Status')).toHaveValue('in_progress');
    expect(form.getByLabelText('Team')).toHaveValue('9');
    expect(form.getByLabelText('Theme')).toHaveValue('waiting-times');

    await user.clear(form.getByLabelText('Owner'));
    await user.type(form.getByLabelText('Owner'), 'Sam Reed');
    await typeDate(user, form, 'Completed on', '1 9 2025');
    await user.click(form.getByRole('button', { name: 'Save changes' }));

    // The error summary takes focus and links to the field, which says what is wrong.
    const summary = await within(card(ours.title)).findByRole('alert');
    const link = within(summary).getByRole('link', {
      name: 'Completed on: must not be before startedOn',
    });
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    await user.click(link);
    const completed = dateBoxes(form, 'Completed on');
    expect(completed.day).toHaveFocus();
    expect(completed.group).toHaveAccessibleDescription(
      'For example, 27 3 2026 Error: Completed on: must not be before startedOn',
    );
    expect(sent[0]?.body).toMatchObject({ completedOn: '2025-09-01' });

    refuse = false;
    await typeDate(user, form, 'Completed on', '');
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(`Action ‘${ours.title}’ saved.`)).toBeVisible();
    expect(sent.map((s) => s.method)).toEqual(['PUT', 'PUT']);
    expect(sent[1]?.body).toMatchObject({
      owner: 'Sam Reed',
      dueOn: '2025-11-28',
      completedOn: null,
      status: 'in_progress',
      teamId: 9,
    });
    await waitFor(() => expect(within(card(ours.title)).getByText('Sam Reed')).toBeVisible());
    expect(screen.queryByRole('heading', { level: 4 })).toBeNull();
  });

  it('refuses a date typed incompletely or impossibly, marking the wrong box, and sends nothing', async () => {
    const { sent } = actionsApi([ours]);
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3', { session: sessionOf(teamLead) });
    await user.click(await screen.findByRole('button', { name: `Edit ‘${ours.title}’` }));
    const heading = screen.getByRole('heading', { level: 4, name: `Change ‘${ours.title}’` });
    const form = within(heading.closest('form') as HTMLElement);

    await typeDate(user, form, 'Due date', '28 11');
    await typeDate(user, form, 'Completed on', '31 11 2025');
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    const summary = within(await within(card(ours.title)).findByRole('alert'));
    expect(summary.getByRole('link', { name: 'Due date must include a year' })).toHaveAttribute(
      'href',
      `#${dateBoxes(form, 'Due date').year.id}`,
    );
    expect(summary.getByRole('link', { name: 'Completed on must be a real date' })).toBeVisible();
    const due = dateBoxes(form, 'Due date');
    expect(due.group).toHaveAccessibleDescription(/Error: Due date must include a year$/);
    expect(due.year).toHaveClass('govuk-input--error');
    expect(due.day).not.toHaveClass('govuk-input--error');
    expect(dateBoxes(form, 'Completed on').month).toHaveClass('govuk-input--error');
    expect(sent).toEqual([]);

    await typeDate(user, form, 'Due date', '5 12 2025');
    await typeDate(user, form, 'Completed on', '');
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(`Action ‘${ours.title}’ saved.`)).toBeVisible();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({
      dueOn: '2025-12-05',
      startedOn: '2025-10-01',
      completedOn: null,
    });
  });

  it('records an action with its dates typed as day, month and year', async () => {
    const { sent } = actionsApi([]);
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3', { session: managerSession });
    await user.click(await screen.findByText('Record an action taken'));
    const form = within(
      screen.getByText('Record an action taken').closest('details') as HTMLElement,
    );
    await user.type(form.getByLabelText('What we did'), 'Plainer letters');
    await user.type(form.getByLabelText('Owner'), 'Sam Reed');
    await typeDate(user, form, 'Due date', '30 2 2026');
    await user.click(form.getByRole('button', { name: 'Save action' }));
    expect(
      within(await form.findByRole('alert')).getByRole('link', {
        name: 'Due date must be a real date',
      }),
    ).toBeVisible();
    expect(sent).toEqual([]);

    await typeDate(user, form, 'Due date', '27 3 2026');
    await typeDate(user, form, 'Started on', '2 3 2026');
    await user.click(form.getByRole('button', { name: 'Save action' }));
    expect(await form.findByText("Action 'Plainer letters' recorded.")).toBeVisible();
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/feedback/actions',
        body: expect.objectContaining({
          title: 'Plainer letters',
          dueOn: '2026-03-27',
          startedOn: '2026-03-02',
          completedOn: null,
        }),
      },
    ]);
    // The form starts afresh for the next action.
    expect(dateValues(form, 'Due date')).toEqual(['', '', '']);
    expect(form.queryByRole('alert')).toBeNull();
  });

  it('deletes only after confirmation', async () => {
    const { sent } = actionsApi([ours, office]);
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3', { session: managerSession });
    await user.click(await screen.findByRole('button', { name: `Delete ‘${ours.title}’` }));
    const question = screen.getByRole('region', {
      name: `Are you sure you want to delete the action ‘${ours.title}’?`,
    });
    // Focus moves in an effect after the panel renders: wait for it rather than race it.
    await waitFor(() => expect(question).toHaveFocus());
    await user.click(within(question).getByRole('button', { name: 'No, keep it' }));
    expect(screen.queryByRole('region', { name: /Are you sure/ })).toBeNull();
    expect(sent).toEqual([]);

    await user.click(screen.getByRole('button', { name: `Delete ‘${ours.title}’` }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete it' }));
    const deleted = await screen.findByText(`Action ‘${ours.title}’ deleted.`);
    await waitFor(() => expect(deleted).toHaveFocus());
    expect(sent).toEqual([
      { method: 'DELETE', path: `/api/feedback/actions/${ours.id}`, body: undefined },
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('heading', { level: 3, name: ours.title })).toBeNull(),
    );
    expect(screen.getByRole('heading', { level: 3, name: office.title })).toBeInTheDocument();
  });

  it('lists the history when it is opened: who, when, and each field before and after', async () => {
    const { fetchMock } = actionsApi([ours]);
    const user = userEvent.setup();
    renderApp('/feedback?period=2025-26-Q3', { session: sessionOf(viewer) });
    await screen.findByRole('heading', { level: 3, name: ours.title });
    const asked = () =>
      fetchMock.mock.calls.filter((c) => String(c[0]).endsWith(`/actions/${ours.id}/history`));
    // Not asked for until it is opened.
    expect(asked()).toHaveLength(0);
    await user.click(within(card(ours.title)).getByText('History'));
    const events = await within(card(ours.title)).findAllByRole('listitem');
    expect(asked()).toHaveLength(1);
    expect(events).toHaveLength(2);
    expect(events[0]).toHaveTextContent(
      'Recorded by tariq.hughes@ipo.example at 9:05am on 1 October 2025',
    );
    expect(events[1]).toHaveTextContent(
      'Changed by morgan.ellis@ipo.example at 2:30pm on 2 October 2025',
    );
    const changes = within(events[1] as HTMLElement).getByRole('table');
    const rows = within(changes)
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Field', 'Before', 'After'],
      ['Status', 'Planned', 'In progress'],
      ['Due date', 'none', '28 November 2025'],
      ['Published', 'No', 'Yes'],
    ]);
  });
});

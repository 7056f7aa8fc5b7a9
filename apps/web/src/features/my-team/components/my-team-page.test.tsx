import type { ScorecardResponse } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildItems } from '../../../test/dashboard-fixtures';
import { calledUrls, jsonResponse, renderApp, routeFetch } from '../../../test/render';
import {
  manager,
  managerSession,
  sessionOf,
  signInMethods,
  teamLead,
  viewer,
} from '../../../test/session-fixtures';
import { catalogueResponse } from '../../../test/standards-fixture';
import {
  buildAction,
  buildFreshness,
  buildTeamScorecard,
  buildTeamSeries,
  buildTeamThemes,
  contactCentre,
  teams,
} from '../../../test/team-fixtures';

const examTeam = {
  id: 9,
  name: 'Examination Team C',
  service: { code: 'patents', name: 'Patents' },
};

function api(options: { scorecard?: (team: number) => ScorecardResponse | Response } = {}) {
  return routeFetch((url) => {
    const team = Number(url.searchParams.get('team'));
    switch (url.pathname) {
      case '/api/teams':
        return jsonResponse(teams);
      case '/api/scorecard': {
        const answer =
          options.scorecard?.(team) ?? buildTeamScorecard(team === 9 ? examTeam : contactCentre);
        return answer instanceof Response ? answer : jsonResponse(answer);
      }
      case '/api/feedback/series':
        return jsonResponse(buildTeamSeries());
      case '/api/feedback/themes':
        return jsonResponse(buildTeamThemes());
      case '/api/feedback/actions':
        return jsonResponse({
          actions: [
            buildAction({ id: 1, title: 'Call-back at peak times', dueOn: '2025-07-15' }),
            buildAction({ id: 2, title: 'Plainer letters', dueOn: '2099-09-30', owner: 'Sam Lee' }),
            buildAction({
              id: 3,
              title: 'Done already',
              status: 'done',
              completedOn: '2025-07-20',
            }),
            buildAction({
              id: 4,
              title: 'Another team’s',
              teamId: 4,
              teamName: 'Contact Centre Cardiff',
            }),
            buildAction({
              id: 5,
              title: 'Shorter web forms',
              themeCode: 'website',
              themeName: 'Website',
              teamId: null,
              teamName: null,
              owner: 'Digital team',
            }),
            buildAction({
              id: 6,
              title: 'Fee calculator',
              themeCode: 'not-our-theme',
              themeName: 'Something else',
              teamId: null,
              teamName: null,
            }),
          ],
        });
      case '/api/freshness':
        return jsonResponse(buildFreshness(false));
      case '/api/standards':
        return jsonResponse(catalogueResponse);
      case '/api/session/methods':
        return jsonResponse(signInMethods);
      default: {
        const items = url.pathname.match(/^\/api\/standards\/([^/]+)\/items$/);
        if (items) {
          return jsonResponse({
            ...buildItems({ count: 3, total: items[1] === 'csc-calls' ? 41 : 0 }),
            ...(items[1] === 'csc-calls' ? {} : { items: [] }),
            code: items[1],
          });
        }
        return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'no' }, 404);
      }
    }
  });
}

describe('/my-team', () => {
  it("shows a team lead's first team: standards, satisfaction, rising themes, late records, actions", async () => {
    const fetchMock = api();
    renderApp('/my-team', { session: sessionOf(teamLead) });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Contact Centre Newport' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);

    // The scorecard filtered to the team, compact: its standards only, the others in words.
    const standards = (
      await screen.findByRole('heading', { name: 'Standards against target, July 2025' })
    ).closest('section') as HTMLElement;
    const table = within(standards).getByRole('table');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual([
      'Answer calls within 60 seconds',
      'Reply to written enquiries within 5 working days',
      'Customers satisfied with our service',
    ]);
    expect(within(table).getAllByText('Missed').length).toBeGreaterThan(0);
    expect(
      within(standards).getByText(/^No work for this team: Examine trade mark applications/),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('link', { name: 'Answer calls within 60 seconds' }),
    ).toHaveAttribute('href', '/standards/csc-calls?period=2025-07&team=3');
    expect(
      calledUrls(fetchMock)
        .find((u) => u.pathname === '/api/scorecard')
        ?.searchParams.get('team'),
    ).toBe('3');

    // Satisfaction: the latest month withheld, in words; twelve months in the table.
    expect(
      await screen.findByText(
        /^In July 2025, fewer than 10 of Contact Centre Newport’s customers gave a score/,
      ),
    ).toBeInTheDocument();
    const series = calledUrls(fetchMock).find((u) => u.pathname === '/api/feedback/series');
    expect(series?.searchParams.get('team')).toBe('3');
    expect(series?.searchParams.get('granularity')).toBe('month');
    expect(series?.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-01$/);
    const figure = screen.getByRole('figure', { name: 'Satisfaction by month' });
    await userEvent.click(within(figure).getByRole('button', { name: /Show as table/ }));
    const trend = screen.getByRole('table', { name: 'Satisfaction by month' });
    const lastRow = within(trend).getAllByRole('row').at(-1) as HTMLElement;
    expect(lastRow).toHaveTextContent('July 2025');
    expect(lastRow).toHaveTextContent('fewer than 10');

    // Rising themes, most risen first, each leading to its comments for the team.
    const themes = (
      await screen.findByRole('heading', { name: 'Rising themes in comments' })
    ).closest('section') as HTMLElement;
    const rising = within(themes).getAllByRole('listitem');
    expect(rising.map((item) => item.textContent)).toEqual([
      'Waiting times: 40 comments, up 18 from 22',
      'Website: 25 comments, up 13 from 12',
    ]);
    expect(within(themes).getByRole('link', { name: 'Waiting times' })).toHaveAttribute(
      'href',
      '/feedback?team=3&theme=waiting-times#comments',
    );

    // Records already late: the count, the first few, and the way to all of them.
    const late = (
      await screen.findByRole('heading', { name: 'Records already late, July 2025' })
    ).closest('section') as HTMLElement;
    expect(await within(late).findByText('41 late records; the first 3:')).toBeInTheDocument();
    expect(
      within(late).getByRole('link', {
        name: 'See all 41 late records of Answer calls within 60 seconds',
      }),
    ).toHaveAttribute('href', '/standards/csc-calls?period=2025-07&team=3');
    expect(await within(late).findByText('No late records in July 2025.')).toBeInTheDocument();
    const itemUrls = calledUrls(fetchMock).filter((u) => u.pathname.endsWith('/items'));
    expect(itemUrls.map((u) => u.pathname).sort()).toEqual([
      '/api/standards/csc-calls/items',
      '/api/standards/csc-written/items',
    ]);
    for (const u of itemUrls) {
      expect(Object.fromEntries(u.searchParams)).toEqual({
        status: 'late',
        team: '3',
        period: '2025-07',
        limit: '3',
      });
    }

    // Open actions on the team's themes: owners and due dates, the overdue one said in words.
    const actions = (
      await screen.findByRole('heading', { name: 'Open actions on the team’s themes' })
    ).closest('section') as HTMLElement;
    const rows = within(await within(actions).findByRole('table'))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Call-back at peak times',
      'Plainer letters',
      'Shorter web forms (whole office)',
    ]);
    expect(rows[0]).toHaveTextContent('Overdue 15 July 2025');
    expect(rows[0]).toHaveTextContent('Priya Shah');
    expect(rows[1]).toHaveTextContent('30 September 2099');
    expect(rows[2]).toHaveTextContent('No due date');
  });

  it('lets a team lead of several teams choose one, kept in the URL', async () => {
    const fetchMock = api();
    const user = userEvent.setup();
    const { router } = renderApp('/my-team', { session: sessionOf(teamLead) });
    const select = await screen.findByRole('combobox', { name: 'Team' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Contact Centre Newport', 'Examination Team C']);
    await user.selectOptions(select, '9');
    await user.click(screen.getByRole('button', { name: 'Show team' }));
    expect(router.state.location.search).toBe('?team=9');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Examination Team C' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        calledUrls(fetchMock).some(
          (u) => u.pathname === '/api/scorecard' && u.searchParams.get('team') === '9',
        ),
      ).toBe(true),
    );
  });

  it("tells a team lead who asks for another team's page that it shows their own", async () => {
    api();
    renderApp('/my-team?team=4', { session: sessionOf(teamLead) });
    expect(
      await screen.findByText(/Contact Centre Cardiff is not one of them, so this page shows/),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Contact Centre Newport');
  });

  it("lets a manager open any team's page, and choose one first", async () => {
    api();
    const user = userEvent.setup();
    const { router } = renderApp('/my-team', { session: managerSession });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'A team’s page' }),
    ).toBeInTheDocument();
    // Every team, grouped by service.
    const groups = () =>
      screen.getByRole('combobox', { name: 'Team' }).querySelectorAll('optgroup');
    await waitFor(() => expect(groups()).toHaveLength(2));
    const select = screen.getByRole('combobox', { name: 'Team' });
    expect([...groups()].map((g) => g.getAttribute('label'))).toEqual([
      'Customer Support Centre',
      'Patents',
    ]);
    await user.selectOptions(select, '4');
    await user.click(screen.getByRole('button', { name: 'Show team' }));
    expect(router.state.location.search).toBe('?team=4');
  });

  it('tells a viewer the page is for team leads and managers', async () => {
    const fetchMock = api();
    renderApp('/my-team', { session: sessionOf(viewer) });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/needs the role of a team lead or a manager/)).toBeInTheDocument();
    expect(calledUrls(fetchMock).some((u) => u.pathname === '/api/scorecard')).toBe(false);
  });

  it('shows satisfaction in numbers when the latest month is shown', async () => {
    routeFetch((url) =>
      url.pathname === '/api/feedback/series'
        ? jsonResponse(buildTeamSeries({ lastWithheld: false }))
        : url.pathname === '/api/teams'
          ? jsonResponse(teams)
          : jsonResponse({ statusCode: 404, error: 'Not Found', message: 'no' }, 404),
    );
    renderApp('/my-team?team=3', { session: managerSession });
    expect(
      await screen.findByText(
        'In July 2025, 88% of Contact Centre Newport’s customers were satisfied (50 responses with a score), against a target of 85%: met.',
      ),
    ).toBeInTheDocument();
  });
});

describe('landing and menu', () => {
  it('a team lead signing in with nowhere to return to lands on /my-team', async () => {
    api();
    const { router } = renderApp('/sign-in', { session: sessionOf(teamLead) });
    await waitFor(() => expect(router.state.location.pathname).toBe('/my-team'));
  });

  it('a team lead with a page to return to goes there; a manager goes home', async () => {
    api();
    const lead = renderApp('/sign-in?returnTo=%2Ffeedback', { session: sessionOf(teamLead) });
    await waitFor(() => expect(lead.router.state.location.pathname).toBe('/feedback'));
    lead.unmount();
    const boss = renderApp('/sign-in', { session: sessionOf(manager) });
    await waitFor(() => expect(boss.router.state.location.pathname).toBe('/'));
  });

  it('the menu has "My team" for team leads only', async () => {
    api();
    const lead = renderApp('/my-team', { session: sessionOf(teamLead) });
    const menu = await screen.findByRole('navigation', { name: 'Menu' });
    expect(within(menu).getByRole('link', { name: 'My team' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    lead.unmount();
    renderApp('/my-team?team=3', { session: managerSession });
    const managerMenu = await screen.findByRole('navigation', { name: 'Menu' });
    expect(within(managerMenu).queryByRole('link', { name: 'My team' })).toBeNull();
  });
});

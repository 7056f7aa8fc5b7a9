import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';

// Actions and annotations (issue 14): a team lead closes an action of their own team and reads
// its history; a manager marks a date range on a standard's trend and finds the note on the
// chart and in its table. axe on every state reached.

/** Headers of a change made with the page's own session, as the dashboard sends them. */
async function changeHeaders(page: Page) {
  const { csrfToken } = await (await page.request.get('/api/session')).json();
  return { 'x-csrf-token': csrfToken as string, 'sec-fetch-site': 'same-origin' };
}

/** A short unique stamp, so that reruns against the same data directory do not collide. */
const stamp = () => Date.now().toString(36);

test.describe('a team lead', () => {
  test.use({ signedInAs: 'team-lead' });

  test('closes an overdue action of their team, sees it done, and reads its history', async ({
    page,
  }) => {
    // The action, made through the API with the page's session: Tariq Hughes's own team.
    const session = await (await page.request.get('/api/session')).json();
    const team = session.user.teams.find(
      (t: { name: string }) => t.name === 'Examination Team C',
    ) as { id: number };
    expect(team).toBeTruthy();
    const options = await (await page.request.get('/api/feedback/options')).json();
    const title = `Call back within a day ${stamp()}`;
    const created = await page.request.post('/api/feedback/actions', {
      headers: await changeHeaders(page),
      data: {
        themeCode: options.themes[0].code,
        title,
        owner: 'Tariq Hughes',
        status: 'in_progress',
        dueOn: '2020-01-31',
        teamId: team.id,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    expect(await created.json()).toMatchObject({ overdue: true, teamName: 'Examination Team C' });

    await page.goto('/feedback');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const card = page.locator('section.govuk-summary-card', {
      has: page.getByRole('heading', { level: 3, name: title }),
    });
    await expect(card).toBeVisible();
    await expect(card.getByText('In progress', { exact: true })).toBeVisible();
    await expect(card.getByText('Overdue', { exact: true })).toBeVisible();
    await expect(card.getByText('31 January 2020')).toBeVisible();
    await expect(card.getByText('Examination Team C')).toBeVisible();
    await expectNoAxeViolations(page);

    await card.getByRole('button', { name: `Mark as done ‘${title}’` }).click();
    await expect(card.getByRole('status').first()).toHaveText(`Action ‘${title}’ marked as done.`);
    await expect(card.getByText('Done', { exact: true })).toBeVisible();
    await expect(card.getByText('Overdue', { exact: true })).toHaveCount(0);
    await expect(card.getByRole('button', { name: /^Mark as done/ })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // The history: recorded, then closed, each by Tariq Hughes, with what changed.
    await card.locator('summary.govuk-details__summary', { hasText: 'History' }).click();
    const events = card.locator('.app-action-history__event');
    await expect(events).toHaveCount(2);
    await expect(events.nth(0)).toContainText('Recorded by team-lead@demo.example');
    await expect(events.nth(1)).toContainText('Changed by team-lead@demo.example');
    const status = events.nth(1).getByRole('row', { name: /^Status/ });
    await expect(status.getByRole('cell')).toHaveText(['In progress', 'Done']);
    await expect(events.nth(1).getByRole('rowheader', { name: 'Completed on' })).toBeVisible();
    await expectNoAxeViolations(page);

    // Another team's action offers no way to change it, and the API refuses it too.
    const others = await page.request.get('/api/feedback/actions');
    const foreign = ((await others.json()).actions as { id: number; teamId: number | null }[]).find(
      (a) => a.teamId !== team.id,
    );
    if (foreign) {
      const refused = await page.request.delete(`/api/feedback/actions/${foreign.id}`, {
        headers: await changeHeaders(page),
      });
      expect(refused.status()).toBe(403);
    }
  });
});

/** '2025-11-03': a day of the month before this one, within the trend's default range. */
function dayLastMonth(day: number): string {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day));
  return first.toISOString().slice(0, 10);
}

/**
 * Types an ISO date ('2025-11-03') into a GOV.UK date input (the group named by its legend), box
 * by box: day 3, month 11, year 2025.
 */
async function fillDate(group: Locator, iso: string) {
  const [year = '', month = '', day = ''] = iso.split('-');
  await group.getByLabel('Day', { exact: true }).fill(String(Number(day)));
  await group.getByLabel('Month', { exact: true }).fill(String(Number(month)));
  await group.getByLabel('Year', { exact: true }).fill(year);
}

test.describe('a manager', () => {
  test.use({ signedInAs: 'manager' });

  test('marks a date range on a standard and finds the note on its trend and in its table', async ({
    page,
  }) => {
    await page.goto('/standards/csc-calls');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Answer calls within 60 seconds',
    );
    const trend = page.getByRole('figure', { name: /monthly trend/ });
    await expect(trend).toBeVisible();
    const notes = page.locator('section.app-annotations');
    await expect(notes.getByRole('heading', { name: 'Notes on the trend' })).toBeVisible();

    const note = `Telephony outage ${stamp()}`;
    await notes.getByText('Add a note to the trend').click();
    const from = notes.getByRole('group', { name: 'From', exact: true });
    await expect(from).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing filled in: the error summary names the fields.
    await notes.getByRole('button', { name: 'Add note' }).click();
    await expect(notes.getByRole('alert')).toContainText('Enter a note');
    await expectNoAxeViolations(page);

    await fillDate(from, dayLastMonth(3));
    await fillDate(
      notes.getByRole('group', { name: 'To (optional)', exact: true }),
      dayLastMonth(5),
    );
    await notes.getByLabel('Note').fill(note);
    await notes.getByRole('button', { name: 'Add note' }).click();
    await expect(notes.getByText(`Note ‘${note}’ added.`)).toBeVisible();
    await expect(notes.getByRole('listitem').filter({ hasText: note })).toContainText(
      'Added by manager@demo.example',
    );

    // On the chart: labelled with its note in text.
    await expect(trend.locator('.app-chart__annotation-label', { hasText: note })).toBeVisible();
    await expect(trend).toHaveAttribute('aria-describedby', /.+/);
    await expect(trend.locator('.app-chart__summary')).toContainText(note);
    await expectNoAxeViolations(page);

    // In the table: a Note column, on the month the range falls in.
    await trend.getByRole('button', { name: /Show as table/ }).click();
    const table = trend.getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'Note' })).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: note })).toHaveCount(1);
    await expectNoAxeViolations(page);

    // Its author deletes it, after confirming.
    await notes.getByRole('button', { name: `Delete the note ‘${note}’` }).click();
    await notes.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect(notes.getByText(`Note ‘${note}’ deleted.`)).toBeFocused();
    await expect(table.getByRole('row').filter({ hasText: note })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

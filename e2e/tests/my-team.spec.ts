import { expectNoAxeViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';

// The team lead's page (/my-team) and the scorecard's team filter: a team lead signs in and lands
// on their team's page, and follows a late record to the standard's records; a manager filters
// the scorecard to a team and keeps it through a reload; a viewer is told the page is not theirs.
// axe on every page and state reached.

// Signed out, the dashboard's first question (GET /api/session) is answered 401, which the
// browser logs: that message is expected on the sign-in journey, nothing else.
const unauthorised = /status of 401 \(Unauthorized\)/;

test.describe('a team lead', () => {
  test.use({ signedInAs: null, expectedConsoleErrors: [unauthorised] });

  test('signs in, lands on their team’s page, and follows a late record to the standard’s records', async ({
    page,
  }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in as Tariq Hughes' }).click();

    // Nowhere to return to: a team lead lands on their team's page.
    await expect(page).toHaveURL(/\/my-team$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Examination Team C');
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await expect(menu.getByRole('link', { name: 'My team' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    // Every section has arrived.
    await expect(page.getByRole('heading', { name: /^Standards against target, / })).toBeVisible();
    await expect(page.locator('.app-my-team-standards')).toBeVisible();
    await expect(page.getByText(/^No work for this team: /)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Customer satisfaction' })).toBeVisible();
    await expect(page.getByText(/^In [A-Z][a-z]+ \d{4}, /)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Rising themes in comments' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Records already late, / })).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Open actions on the team’s themes' }),
    ).toBeVisible();
    const late = page.getByRole('link', { name: /^See all [\d,]+ late records? of / }).first();
    await expect(late).toBeVisible();
    await expectNoAxeViolations(page);

    // The trend as a table, withheld months in words.
    const trend = page.getByRole('figure', { name: 'Satisfaction by month' });
    await trend.getByRole('button', { name: /Show as table/ }).click();
    await expect(trend.getByRole('table')).toBeVisible();
    await expectNoAxeViolations(page);

    // A late record leads to the standard's records, for the team, with focus on them.
    const href = (await late.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/standards\/[a-z-]+\?period=\d{4}-\d{2}&team=\d+$/);
    await late.click();
    await expect(page).toHaveURL(new RegExp(href.replace(/[?]/g, '\\?')));
    const records = page.getByRole('heading', { level: 2, name: /^Late items, / });
    await expect(records).toBeFocused();
    await expect(page.locator('.app-data-table--records tbody tr').first()).toBeVisible();
    await expect(page.getByText(/Examination Team C/).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('the scorecard’s team filter', () => {
  test('a manager filters the scorecard to a team, and the filter survives a reload', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service standards scorecard');
    await expect(page.getByText(/^\d+ of \d+ standards met in /)).toBeVisible();

    const team = page.getByLabel('Team', { exact: true });
    await team.selectOption({ label: 'Examination Team C' });
    await page.getByRole('button', { name: 'Show scorecard' }).click();
    await expect(page).toHaveURL(/[?&]team=\d+/);
    await expect(
      page.getByText(/^\d+ of \d+ standards met by Examination Team C in /),
    ).toBeVisible();
    await expect(page.getByText(/no work for this team/).first()).toBeVisible();
    await expectNoAxeViolations(page);

    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect(
      page.getByText(/^\d+ of \d+ standards met by Examination Team C in /),
    ).toBeVisible();
    await expect(page.getByLabel('Team', { exact: true }).locator('option:checked')).toHaveText(
      'Examination Team C',
    );
  });
});

test.describe('a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('is told that the team page is for team leads and managers', async ({ page }) => {
    await page.goto('/my-team');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access');
    await expect(page.getByText(/needs the role of a team lead or a manager/)).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

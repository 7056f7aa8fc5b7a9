import { expectNoAxeViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';
import { tabTo } from '../support/keyboard.js';

// Administration (issue 14): an administrator changes a target after seeing what it changes,
// records a closure day with the keyboard alone, and changes the theme taxonomy; axe on every
// page and state; a manager is told these pages are not theirs.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The first day of the month `back` months before this one (UTC is close enough to London). */
function monthsAgo(back: number): { day: number; month: number; year: number; words: string } {
  const now = new Date();
  const index = now.getUTCFullYear() * 12 + now.getUTCMonth() - back;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { day: 1, month, year, words: `1 ${MONTHS[month - 1]} ${year}` };
}

const complaints = 'Reply in full to complaints within 10 working days';

test.describe('an administrator', () => {
  test.use({ signedInAs: 'admin' });
  test.setTimeout(120_000);

  test('changes a target: sees the preview, confirms, and sees the new target and status', async ({
    page,
  }) => {
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Administration' })
      .click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Standards and targets' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Standards and targets');
    await expect(page.getByRole('row')).not.toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: complaints }).click();
    await expect(page).toHaveURL(/\/admin\/standards\/complaints$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(complaints);
    await expect(page.getByRole('table', { name: 'Target history' })).toBeVisible();
    await expectNoAxeViolations(page);

    // A low target from six months ago: the months since are judged against it.
    const from = monthsAgo(6);
    const form = page.getByRole('region', { name: 'Add a target version' });
    await form.getByLabel('Target', { exact: true }).fill('30');
    await form.getByLabel('Tolerance (percentage points)').fill('2');
    await form.getByLabel('Day').fill(String(from.day));
    await form.getByLabel('Month').fill(String(from.month));
    await form.getByLabel('Year').fill(String(from.year));
    await form.getByLabel('Reason').fill('Temporary target while the backlog is cleared (e2e)');
    await form.getByRole('button', { name: 'Preview the change' }).click();

    // The preview: nothing stored yet.
    const check = page.getByRole('heading', { name: 'Check the new target before you confirm it' });
    await expect(check).toBeFocused();
    const table = page.getByRole('table', { name: /Status of the last 12 complete months/ });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(12);
    // The first months come before the new version: unchanged.
    await expect(rows.first().locator('td').last()).toHaveText('No change');
    const last = rows.last();
    const withNew = last.locator('td').nth(3).locator('.app-status-tag');
    await expect(withNew).toHaveText('Met');
    await expect(withNew.locator('svg[data-status="met"]')).toHaveCount(1);
    await expect(last.locator('td').nth(3)).toContainText('target 30%');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Confirm the new target' }).click();
    const saved = page.getByText(`New target saved: 30% from ${from.words}`);
    await expect(saved).toBeFocused();
    const history = page.getByRole('table', { name: 'Target history' });
    await expect(history.getByRole('row').nth(1)).toContainText(`From ${from.words}`);
    await expect(history.getByRole('row').nth(1)).toContainText('30%');
    await expect(page.locator('.govuk-summary-list')).toContainText(
      `30% (tolerance 2 percentage points), since ${from.words}`,
    );
    await expectNoAxeViolations(page);

    // The scorecard shows what the preview said.
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Scorecard' })
      .click();
    const card = page.getByRole('article', { name: complaints });
    await expect(card.locator('.app-status-tag')).toHaveText('Status: Met');
  });

  test('adds a closure day with the keyboard alone, and sees the recalculation that follows', async ({
    page,
  }) => {
    await page.goto('/admin/closure-days');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Closure days');
    await expect(page.getByRole('heading', { name: /^Closure days in \d{4}$/ })).toBeVisible();
    await expectNoAxeViolations(page);

    // The first Wednesday of June two years ahead: a weekday and no nation's bank holiday.
    const year = new Date().getUTCFullYear() + 2;
    const date = new Date(Date.UTC(year, 5, 1));
    while (date.getUTCDay() !== 3) date.setUTCDate(date.getUTCDate() + 1);
    const dayOfMonth = date.getUTCDate();

    const form = page.getByRole('region', { name: 'Add a closure day' });
    await tabTo(page, form.getByLabel('Day'));
    await page.keyboard.type(String(dayOfMonth));
    await page.keyboard.press('Tab');
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(year));
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('England and Wales')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(form.getByLabel('Whole organisation')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Reason')).toBeFocused();
    await page.keyboard.type('Office move (e2e)');
    await page.keyboard.press('Tab');
    await expect(form.getByRole('button', { name: 'Add the closure day' })).toBeFocused();
    await page.keyboard.press('Enter');

    const added = page.getByText(
      `Closure day added: Wednesday ${dayOfMonth} June ${year} (Whole organisation)`,
    );
    await expect(added).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Recalculation finished' })).toBeVisible();
    await expectNoAxeViolations(page);

    // In that year's calendar, it can be removed, after saying why.
    await page.goto(`/admin/closure-days?year=${year}`);
    const organisation = page.getByRole('table', { name: 'Whole organisation' });
    await expect(organisation).toContainText('Office move (e2e)');
    await organisation
      .getByRole('button', { name: /^Remove the closure day of Wednesday/ })
      .click();
    await expect(page.getByRole('heading', { name: /^Remove the closure day of/ })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByLabel('Why is it removed?').fill('The move was put off (e2e)');
    await page.getByRole('button', { name: 'Remove the closure day', exact: true }).click();
    await expect(page.getByText(/^Closure day removed: Wednesday/)).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Recalculation finished' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Whole organisation' })).toHaveCount(0);
  });

  test('adds a theme, sees how many comments it re-tagged, and retires it', async ({ page }) => {
    await page.goto('/admin/themes');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feedback themes');
    await expect(page.getByRole('table', { name: 'Themes' })).toBeVisible();
    // Phrase discovery answers: phrases with their sample comments, or that there are none.
    await expect(
      page
        .getByRole('region', { name: 'Phrases no theme covers' })
        .getByText(/comments from \d+ \w+ \d{4} to/),
    ).toBeVisible();
    await expectNoAxeViolations(page);

    const form = page.getByRole('region', { name: 'Add a theme' });
    await form.getByLabel('Name', { exact: true }).fill('E2E reminders');
    await form.getByLabel('Phrases', { exact: true }).fill('reminder\nremind me');
    await form.getByRole('button', { name: 'Add the theme' }).click();
    await expect(page.getByText('Theme ‘E2E reminders’ added')).toBeFocused();
    await expect(
      page.getByText(/comments? (was|were) re-tagged\.|No comment’s themes changed\./),
    ).toBeVisible();
    await expect(page.getByRole('row', { name: /E2E reminders/ })).toContainText('e2e-reminders');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Retire E2E reminders' }).click();
    await expect(
      page.getByRole('heading', { name: 'Retire the theme ‘E2E reminders’?' }),
    ).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Retire the theme', exact: true }).click();
    await expect(page.getByText('Theme ‘E2E reminders’ retired')).toBeFocused();
    await expect(page.getByRole('row', { name: /E2E reminders/ })).toHaveCount(0);
  });
});

test.describe('a manager', () => {
  test('is told the administration pages need an administrator', async ({ page }) => {
    for (const path of ['/admin/standards/complaints', '/admin/closure-days', '/admin/themes']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access');
      await expect(page.getByText('This needs the role of an administrator.')).toBeVisible();
    }
    await expect(page.getByText('Signed in as')).toContainText('Morgan Ellis');
    await expect(
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Administration' }),
    ).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

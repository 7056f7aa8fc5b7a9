import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';

// Sign-in and roles in the browser (decision 11): a manager by mouse, a team lead by keyboard
// alone, an administrator at a page they may not use, a session that ends mid-visit; axe on the
// sign-in page and on each page the journeys reach.

const signInHeading = 'Sign in to the service standards dashboard';

/** Tabs until the focused element is the one named, then presses Enter: no mouse at all. */
async function tabToAndPress(page: Page, name: string | RegExp, key = 'Enter') {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (el?.textContent || el?.getAttribute('aria-label') || '').trim();
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) {
      await page.keyboard.press(key);
      return;
    }
  }
  throw new Error(`no focusable element named ${String(name)} within 80 tabs`);
}

// Signed out, the dashboard's first question (GET /api/session) is answered 401, which the
// browser logs: that message is expected here, nothing else.
const unauthorised = /status of 401 \(Unauthorized\)/;

test.describe('signing in', () => {
  test.use({ signedInAs: null, expectedConsoleErrors: [unauthorised] });

  test('a manager asks for a page, signs in as the demo manager, lands on it, and signs out', async ({
    page,
  }) => {
    await page.goto('/standards');
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fstandards$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(signInHeading);
    await expect(page.getByRole('heading', { name: 'Try the demo' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Sign in as Morgan Ellis' }).click();
    await expect(page).toHaveURL(/\/standards$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customer service standards');
    await expect(page.getByText('Signed in as')).toContainText('Morgan Ellis');
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await expect(menu.getByRole('link', { name: 'Feedback' })).toBeVisible();
    // Imports are for data stewards: not offered to a manager.
    await expect(menu.getByRole('link', { name: 'Imports' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(signInHeading);
    await expect(page.getByText('You have signed out.')).toBeVisible();
    // The session is gone on the server too.
    expect((await page.request.get('/api/session')).status()).toBe(401);
  });

  test('a team lead signs in and reads their own team’s comments with the keyboard alone', async ({
    page,
  }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(signInHeading);
    await tabToAndPress(page, 'Sign in as Tariq Hughes');
    // With nowhere to return to, a team lead lands on their team's page.
    await expect(page).toHaveURL(/\/my-team$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Examination Team C');
    await expect(page.getByText('Signed in as')).toContainText('Tariq Hughes');

    await tabToAndPress(page, 'Feedback');
    await expect(page).toHaveURL(/\/feedback/);
    await expect(page.getByText(/Showing the comments of/)).toContainText('Examination Team C');
    await expectNoAxeViolations(page);
    // The API agrees: another team's comments are refused, not filtered quietly.
    const session = await (await page.request.get('/api/session')).json();
    const own = session.user.teams[0].id as number;
    const other = await page.request.get(`/api/feedback/comments?period=2025-10&team=${own + 1}`);
    expect(other.status()).toBe(403);
  });

  test('wrong details are refused with an error summary that takes focus', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill('nobody@example.org');
    await page.getByLabel('Password', { exact: true }).fill('not a password of anyone');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText(
      'The e-mail address or password is not right.',
    );
    // The whole summary takes focus, so a screen reader starts from it.
    await expect(page.locator('.govuk-error-summary')).toBeFocused();
    await expectNoAxeViolations(page);
  });
});

test.describe('an administrator', () => {
  test.use({ signedInAs: 'admin' });

  test('is told which role a page needs, and reads the audit trail', async ({ page }) => {
    await page.goto('/imports');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access');
    await expect(page.getByText(/data steward/)).toBeVisible();
    await expectNoAxeViolations(page);

    const audit = await page.request.get('/api/audit?kind=session&limit=20');
    expect(audit.status()).toBe(200);
    const { events } = await audit.json();
    expect(events).toContainEqual(
      expect.objectContaining({ actor: 'admin@demo.example', action: 'session.sign_in' }),
    );
  });
});

test.describe('a session that ends', () => {
  test.use({ expectedConsoleErrors: [unauthorised] });
  test('sends the user to sign in, then back to the page they were on', async ({ page }) => {
    await page.goto('/standards');
    await expect(page.getByText('Signed in as')).toContainText('Morgan Ellis');
    // Ended on the server (as by the idle timeout) while the browser still holds the cookie.
    const cookies = await page.context().cookies();
    const { csrfToken } = await (await page.request.get('/api/session')).json();
    const out = await page.request.delete('/api/session', {
      headers: { 'x-csrf-token': csrfToken, 'sec-fetch-site': 'same-origin' },
    });
    expect(out.status()).toBe(204);
    await page.context().addCookies(cookies);

    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Feedback' })
      .click();
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Ffeedback/);
    await expect(page.getByText('Your session has ended. Sign in again.')).toBeVisible();
    await page.getByRole('button', { name: 'Sign in as Morgan Ellis' }).click();
    await expect(page).toHaveURL(/\/feedback/);
  });
});

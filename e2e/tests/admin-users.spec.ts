import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.js';
import { DEMO_EMAILS, expect, test } from '../support/fixtures.js';

// Users, tokens and the audit trail (issue 14): an administrator invites a team lead, sees their
// one-time password, changes their roles and disables them, then finds each change in the audit
// trail; a data steward creates and revokes an ingestion token with the keyboard alone. Axe on
// every page and state the journeys reach.

/** Tabs until the focused element matches, with the keyboard alone; fails after `max` tabs. */
async function tabTo(page: Page, matches: { id?: string; name?: string | RegExp }, max = 200) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        id: el?.id ?? '',
        name: (el?.textContent || el?.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim(),
      };
    });
    const byId = matches.id !== undefined && focused.id === matches.id;
    const byName =
      matches.name !== undefined &&
      (typeof matches.name === 'string'
        ? focused.name === matches.name
        : matches.name.test(focused.name));
    if (byId || byName) return;
  }
  throw new Error(
    `nothing matching ${JSON.stringify(String(matches.id ?? matches.name))} within ${max} tabs`,
  );
}

// Each run makes its own people and tokens: the e2e database lives on between runs.
const run = Date.now().toString(36);

test.describe('an administrator manages a user', () => {
  test.use({ signedInAs: 'admin' });

  test('invites a team lead, sees the one-time password, changes their roles, disables them; the audit trail shows it', async ({
    page,
    request,
  }) => {
    const email = `e2e-lead-${run}@example.org`;
    const name = `Erin Lead ${run}`;

    await page.goto('/admin/users');
    await expect(page).toHaveTitle(
      'Users and roles – Service standards – Intellectual Property Office',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users and roles');
    await expect(page.getByRole('table', { name: /^Users \(\d+\)$/ })).toBeVisible();
    await expectNoAxeViolations(page);

    // A team lead needs a team: refused first, with the error summary.
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Full name').fill(name);
    await page.getByRole('checkbox', { name: 'Team lead', exact: true }).check();
    await page.getByRole('button', { name: 'Invite user' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Select at least one team for a team lead');
    await expectNoAxeViolations(page);

    await page.getByRole('checkbox', { name: /^Examination Team C\b/ }).check();
    await page.getByRole('button', { name: 'Invite user' }).click();
    const banner = page.locator('.govuk-notification-banner');
    await expect(banner).toBeFocused();
    await expect(banner).toContainText(`${name} has been invited`);
    const password = ((await page.locator('#users-initial-password').textContent()) ?? '').trim();
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    await expectNoAxeViolations(page);

    // The password signs them in (elsewhere: the test's own request context).
    const signedIn = await request.post('/api/session', { data: { email, password } });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    expect((await signedIn.json()).user.teams.map((t: { name: string }) => t.name)).toEqual([
      'Examination Team C',
    ]);
    expect((await request.get('/api/session')).status()).toBe(200);

    // Shown once: after a reload it is nowhere on the page.
    await page.reload();
    await expect(page.getByRole('table', { name: /^Users/ })).toBeVisible();
    await expect(page.getByText(password)).toHaveCount(0);
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('Team lead');
    await expect(row).toContainText('Examination Team C');
    await expect(row).toContainText('Active');

    // Change their roles: a manager as well.
    await row.getByRole('button', { name: `Change the roles and teams of ${name}` }).click();
    const form = page.getByRole('region', { name: `Change the roles and teams of ${name}` });
    await expect(form.getByRole('heading')).toBeFocused();
    await expectNoAxeViolations(page);
    await form.getByRole('checkbox', { name: 'Manager', exact: true }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(banner).toContainText(`The roles and teams of ${name} have been changed`);
    await expect(row).toContainText('Team lead, Manager');

    // Disable them, after the question; their session ends at once.
    await row.getByRole('button', { name: `Disable ${name}` }).click();
    const question = page.getByRole('heading', { name: `Disable ${name}?` });
    await expect(question).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: `Yes, disable ${name}` }).click();
    await expect(banner).toContainText(`${name} has been disabled`);
    await expect(banner).toContainText('1 session ended.');
    await expect(row).toContainText('Disabled');
    await expectNoAxeViolations(page);
    expect((await request.get('/api/session')).status()).toBe(401);

    // The audit trail: filtered by the administrator, the three changes to this user.
    await page.goto('/admin/audit');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    await expectNoAxeViolations(page);
    await page.getByLabel('Who').fill(DEMO_EMAILS.admin);
    await page.getByLabel('What').fill('user');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?actor=admin%40demo\.example&kind=user$/);
    const table = page.getByRole('table', { name: /Audit events, newest first/ });
    const events = table.getByRole('row').filter({ hasText: `user ${email}` });
    await expect(events).toHaveCount(3);
    await expect(events.nth(0)).toContainText('user.disable');
    await expect(events.nth(0)).toContainText('sessionsEnded: 1');
    await expect(events.nth(1)).toContainText('user.update');
    await expect(events.nth(1)).toContainText('roles: team-lead → team-lead, manager');
    await expect(events.nth(2)).toContainText('user.create');
    // Every event shown is the administrator's.
    const actors = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set([DEMO_EMAILS.admin]));
    await expectNoAxeViolations(page);

    // The CSV carries the same filters.
    const csvLink = page.getByRole('link', { name: /Download CSV/ });
    const href = await csvLink.getAttribute('href');
    expect(href).toBe('/api/audit?actor=admin%40demo.example&kind=user&format=csv');
    const csv = await page.request.get(href ?? '');
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = (await csv.text()).split('\r\n').filter((l) => l.includes(email));
    expect(lines.map((l) => l.split(',')[3])).toEqual([
      'user.disable',
      'user.update',
      'user.create',
    ]);
    // The new user's own sign-in is not the administrator's: filtered out here, found by actor.
    await page.getByLabel('Who').fill(email);
    await page.getByLabel('What').fill('session');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(table.getByRole('row').filter({ hasText: 'session.sign_in' })).toHaveCount(1);
  });
});

test.describe('a data steward manages ingestion tokens', () => {
  test.use({
    signedInAs: 'data-steward',
    permissions: ['clipboard-read', 'clipboard-write'],
  });

  test('creates a token, sees it once and copies it, then revokes it, with the keyboard alone', async ({
    page,
    request,
  }) => {
    const name = `e2e-token-${run}`;
    await page.goto('/admin/tokens');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingestion tokens');
    await expectNoAxeViolations(page);

    await tabTo(page, { id: 'token-name' });
    await page.keyboard.type(name);
    // Every kind is ticked to begin with: untick quality checks and work items.
    await tabTo(page, { id: 'token-kinds' });
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(page.getByRole('checkbox', { name: 'Work items' })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Quality checks' })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Feedback' })).toBeChecked();
    await tabTo(page, { id: 'token-source' });
    await page.keyboard.type('e2e');
    await tabTo(page, { id: 'token-expiry-day' });
    await page.keyboard.type('31');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2099');
    await tabTo(page, { name: 'Create token' });
    await page.keyboard.press('Enter');

    const banner = page.locator('.govuk-notification-banner');
    await expect(banner).toBeFocused();
    await expect(banner).toContainText(`Token ${name} created`);
    const token = ((await page.locator('#tokens-new-token').textContent()) ?? '').trim();
    expect(token).toMatch(/^ipo_[A-Za-z0-9_-]{43}$/);
    await expectNoAxeViolations(page);

    await tabTo(page, { name: 'Copy the token' });
    await page.keyboard.press('Enter');
    await expect(banner.getByRole('status')).toHaveText('The token has been copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('Feedback');
    await expect(row).toContainText('e2e');
    await expect(row).toContainText('At the end of 31 December 2099');
    await expect(row).toContainText('Active');
    // Shown once: the list never carries it.
    const listed = await page.request.get('/api/tokens');
    expect(await listed.text()).not.toContain(token);

    // The token is accepted for what it was given (a system's own request: no cookie), and
    // refused for anything else.
    const ingest = (kind: string) =>
      request.post(`/api/ingest/${kind}?source=e2e`, {
        headers: { authorization: `Bearer ${token}` },
        data: { rows: [] },
      });
    const accepted = await ingest('feedback');
    expect([401, 403], await accepted.text()).not.toContain(accepted.status());
    expect((await ingest('work-items')).status()).toBe(403);

    // Revoke it: the question first, then the answer (focus is still on the copy button).
    await tabTo(page, { name: `Revoke the token ${name}` });
    await page.keyboard.press('Enter');
    const question = page.getByRole('heading', { name: `Revoke the token ${name}?` });
    await expect(question).toBeFocused();
    await expectNoAxeViolations(page);
    await tabTo(page, { name: `Yes, revoke ${name}` }, 10);
    await page.keyboard.press('Enter');
    await expect(banner).toContainText(`Token ${name} revoked`);
    await expect(banner).toBeFocused();
    await expect(row).toContainText('Revoked');
    await expect(row.getByRole('button')).toHaveCount(0);
    await expectNoAxeViolations(page);

    const refused = await ingest('feedback');
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toMatch(/revoked/);
  });
});

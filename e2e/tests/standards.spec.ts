import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';

async function openStandards(page: Page) {
  await page.goto('/standards');
  // The tables appear once GET /api/standards has answered.
  await expect(page.getByRole('table')).toHaveCount(3);
}

test.describe('customer service standards page', () => {
  test('lists the 13 standards grouped by kind with the target in force', async ({ page }) => {
    await openStandards(page);

    await expect(page).toHaveTitle(
      'Customer service standards – Service standards – Intellectual Property Office',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText([
      'Customer service standards',
    ]);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText([
      'Timeliness',
      'Accuracy',
      'Satisfaction',
    ]);

    await expect(page.getByRole('rowheader')).toHaveCount(13);
    const groups = { Timeliness: 10, Accuracy: 2, Satisfaction: 1 };
    for (const [name, count] of Object.entries(groups)) {
      await expect(page.getByRole('table', { name }).getByRole('rowheader')).toHaveCount(count);
    }

    const calls = page.getByRole('row', { name: /^Answer calls within 60 seconds/ });
    await expect(calls.getByRole('cell')).toHaveText([
      'Customer Support Centre',
      '60 seconds',
      'Share within threshold',
      '90% within 60 seconds',
    ]);

    const examination = page.getByRole('row', {
      name: /^Examine trade mark applications within 10 working days/,
    });
    await expect(examination.getByRole('cell').last()).toHaveText(
      '90% completed within 10 working days',
    );

    const satisfaction = page.getByRole('table', { name: 'Satisfaction' }).getByRole('row').last();
    await expect(satisfaction.getByRole('cell').last()).toHaveText('85% satisfied');
  });

  test('has no WCAG 2.2 AA violations that axe can find', async ({ page }) => {
    await openStandards(page);
    await expectNoAxeViolations(page);
  });

  test('reflows at 320px wide without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await openStandards(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('rowheader')).toHaveCount(13);
    await expectNoAxeViolations(page);
  });

  test('keyboard: the first Tab reaches the skip link, Enter moves focus to main', async ({
    page,
  }) => {
    await openStandards(page);

    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport();
    // The GOV.UK focus state: yellow background.
    await expect(skipLink).toHaveCSS('background-color', 'rgb(255, 221, 0)');

    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await expect(page.getByRole('main')).toHaveAttribute('id', 'main-content');
    // Once it loses focus the skip link is visually hidden again.
    await expect(skipLink).not.toBeInViewport();
  });
});

test.describe('unknown pages', () => {
  test('show a page not found with a way back', async ({ page }) => {
    await page.goto('/no-such-page');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page).toHaveTitle(
      'Page not found – Service standards – Intellectual Property Office',
    );
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Go to the customer service standards' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service standards scorecard');
  });
});

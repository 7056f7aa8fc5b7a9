import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary}`),
  }));
  expect(summary).toEqual([]);
}

test.describe('feedback explorer', () => {
  test('a team lead goes from a falling theme to its comments, with no personal data on screen', async ({
    page,
  }) => {
    // January to March 2026 against October to December 2025.
    await page.goto('/feedback?period=2025-26-Q4');
    await expect(page.getByRole('heading', { level: 1, name: 'Customer feedback' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /Satisfaction, Q4 2025-26/ })).toBeVisible();
    await expect(
      page.getByText(/of customers satisfied \(scoring 4 or 5\) against a target of 85%/),
    ).toBeVisible();

    // A theme that customers mention less than in the previous quarter.
    const falling = page
      .locator('.app-theme-links li')
      .filter({ hasText: /down \d+/ })
      .first();
    await expect(falling).toBeVisible();
    const link = falling.getByRole('link');
    const theme = (await link.textContent())?.trim() ?? '';
    expect(theme).not.toBe('');
    await link.click();

    await expect(page).toHaveURL(/theme=[a-z-]+/);
    await expect(
      page.getByRole('heading', { name: `Comments about ${theme.toLowerCase()}` }),
    ).toBeVisible();
    await expect(page.locator('#comments')).toBeFocused();
    const comments = page.locator('.app-comment');
    await expect(comments.first()).toBeVisible();
    expect(await comments.count()).toBeGreaterThan(3);
    await expect(comments.first()).toContainText(/themes: .*/);
    await expect(comments.first()).toContainText(theme);

    // Search for a word of the first comment: the matches are marked.
    const first = (await comments.first().locator('.app-comment__text').textContent()) ?? '';
    const word = first.match(/[A-Za-z]{6,}/)?.[0] ?? '';
    expect(word).not.toBe('');
    await page.getByRole('searchbox', { name: 'Search comments' }).fill(word);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    await expect(page.locator('.app-comment mark').first()).toBeVisible();

    const text = await page.locator('#comments').textContent();
    expect(text ?? '').not.toMatch(/@|07700|\+44|NP10 8QQ|QQ ?12|4929/);

    await expectNoAxeViolations(page);
  });

  test('the trend has a table alternative with the same numbers', async ({ page }) => {
    await page.goto('/feedback?period=2025-26-Q3');
    const figure = page.getByRole('figure', { name: /Satisfaction by week/ });
    await expect(figure).toBeVisible();
    await figure.getByRole('button', { name: /Show as table/ }).click();
    await expect(figure.getByRole('table')).toBeVisible();
    await expect(figure.getByRole('row')).not.toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('usable at 320px: nothing wider than the screen', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 900 });
    await page.goto('/feedback?period=2025-26-Q3&theme=waiting-times');
    await expect(page.getByRole('heading', { name: 'Comments about waiting times' })).toBeVisible();
    await expect(page.locator('.app-comment').first()).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/feedback-320.png', fullPage: true });
  });
});

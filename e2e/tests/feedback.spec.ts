import { expectNoAxeViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';

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

  test('the trend, by month or by quarter, has a table alternative with the same numbers', async ({
    page,
  }) => {
    await page.goto('/feedback?period=2025-26-Q3');
    const figure = page.getByRole('figure', { name: /Satisfaction by month/ });
    await expect(figure).toBeVisible();
    await figure.getByRole('button', { name: /Show as table/ }).click();
    await expect(figure.getByRole('table')).toBeVisible();
    // Twelve whole months up to December 2025, each a month (never a week).
    const rows = figure.getByRole('table').locator('tbody tr');
    await expect(rows).toHaveCount(12);
    await expect(rows.first().locator('th')).toHaveText('January 2025');
    await expect(rows.last().locator('th')).toHaveText('December 2025');
    // No n is ever printed as null, and a small month says 'fewer than 10' with no number.
    await expect(figure.getByRole('table')).not.toContainText(/null|W\d\d/);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Trend by quarter' }).click();
    await expect(page).toHaveURL(/trend=quarter/);
    const quarters = page.getByRole('figure', { name: /Satisfaction by quarter/ });
    await expect(quarters).toBeVisible();
    // Still shown as a table (the choice is kept while the data changes).
    await expect(quarters.getByRole('button', { name: /Show as table/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(quarters.getByRole('table').locator('tbody tr')).toHaveCount(8);
    await expect(quarters.getByRole('table')).not.toContainText(/null/);
    await expectNoAxeViolations(page);
  });

  test('a figure takes one of channel, customer group, type and theme', async ({ page }) => {
    await page.goto('/feedback?period=2025-26-Q3');
    const form = page.getByRole('form', { name: 'Feedback filters' });
    const group = form.getByRole('group', { name: 'Narrow down by' });
    await expect(group).toContainText(
      'Choose one of channel, customer group, type or theme: figures of smaller groups cannot be protected.',
    );
    // By keyboard: the radios, then the select they reveal.
    await group.getByRole('radio', { name: 'Channel' }).check();
    const channel = group.getByRole('combobox', { name: 'Channel' });
    await expect(channel).toBeVisible();
    await channel.selectOption('email');
    await expectNoAxeViolations(page);
    await group.getByRole('radio', { name: 'Customer group' }).focus();
    await page.keyboard.press('Space');
    await expect(channel).toBeHidden();
    await group.getByRole('combobox', { name: 'Customer group' }).selectOption('attorney');
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/customerGroup=attorney/);
    expect(page.url()).not.toContain('channel=');

    // With a customer group, themes are not listed and groups are not compared: both say why.
    await expect(
      page.getByText('Themes are shown without a channel, customer group or type filter.'),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Satisfaction, / })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(/n = null|null responses/);
    await expectNoAxeViolations(page);

    // An old link with two of them keeps the first and says so; the API is never asked for both.
    const asked: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/feedback/')) asked.push(url);
    });
    await page.goto('/feedback?period=2025-26-Q3&type=complaint&theme=waiting-times');
    await expect(
      page.getByText(/this page uses the type of feedback and leaves out the theme\./),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Satisfaction, / })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Comments', exact: true })).toBeVisible();
    expect(asked.length).toBeGreaterThan(0);
    for (const url of asked) expect(url.searchParams.has('theme')).toBe(false);
    await expectNoAxeViolations(page);
  });

  test('the API refuses two splits and weeks, naming the field', async ({ page }) => {
    // The page's own request context carries the signed-in session's cookie.
    const request = page.request;
    const two = await request.get('/api/feedback/summary?channel=phone&customerGroup=attorney');
    expect(two.status()).toBe(400);
    expect((await two.json()).message).toMatch(/^customerGroup:/);
    const week = await request.get('/api/feedback/summary?period=2025-W40');
    expect(week.status()).toBe(400);
    expect((await week.json()).message).toMatch(/^period:/);
  });

  test('usable at 320px: nothing wider than the screen', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 900 });
    // A theme with enough comments to list them (a theme with fewer than 10 lists none).
    await page.goto('/feedback?period=2025-26-Q3');
    const theme = page
      .locator('.app-theme-links li')
      .filter({ hasNotText: 'fewer than 10' })
      .first()
      .getByRole('link');
    const name = ((await theme.textContent()) ?? '').trim();
    await theme.click();
    await expect(page).toHaveURL(/theme=[a-z-]+/);
    await expect(
      page.getByRole('heading', { name: `Comments about ${name.toLowerCase()}` }),
    ).toBeVisible();
    await expect(page.locator('.app-comment').first()).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/feedback-320.png', fullPage: true });
  });
});

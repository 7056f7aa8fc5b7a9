import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.js';
import { parseCsv } from '../support/csv.js';
import { expect, test } from '../support/fixtures.js';
import { tabTo } from '../support/keyboard.js';

// The managers' dashboard against the production build and the demo data (DEMO_SCALE=0.1):
// scorecard -> standard -> late items, by mouse and by keyboard, with axe on every state.

const headline = /^\d+ of 13 standards met in .+$/;

async function openScorecard(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service standards scorecard');
  await expect(page.getByText(headline)).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(13);
}

/** The figure (chart with its table and CSV) whose accessible name matches. */
function figure(page: Page, name: RegExp) {
  return page.getByRole('figure', { name });
}

async function tableCells(table: Locator): Promise<string[][]> {
  return table
    .locator('tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim()),
      ),
    );
}

async function csvOf(download: Download): Promise<string[][]> {
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  expect(text.charCodeAt(0), 'a UTF-8 byte order mark for spreadsheets').toBe(0xfeff);
  return parseCsv(text.slice(1)).map((line) =>
    // The only difference allowed: a leading ' that neutralises a spreadsheet formula.
    line.map((cell) => cell.replace(/^'(?=[=+\-@])/, '')),
  );
}

test.describe('scorecard and standard pages', () => {
  test.setTimeout(120_000);

  test('mouse: scorecard, change period, standard, breakdown, drill, back, CSV', async ({
    page,
  }) => {
    await openScorecard(page);
    await expect(page).toHaveTitle('Service standards – Intellectual Property Office');
    // The table at a glance, then the cards under 'Each standard in detail', by kind.
    await expect(page.getByRole('heading', { level: 2 })).toHaveText([
      /^Every standard at a glance, /,
      'Each standard in detail',
    ]);
    await expect(page.getByRole('heading', { level: 3 })).toHaveText([
      'Timeliness',
      'Accuracy',
      'Satisfaction',
    ]);
    // Every card shows its status as a word and a shape.
    const calls = page.getByRole('article', { name: 'Answer calls within 60 seconds' });
    await expect(calls.locator('.app-status-tag')).toHaveText(/Met|Near target|Missed|No data/);
    await expect(calls.locator('.app-status-tag svg[data-status]')).toHaveCount(1);
    await expect(calls.getByRole('img')).toHaveAccessibleName(/target met in \d+ of 12 periods/);
    await expectNoAxeViolations(page);

    // Change the period to the last complete quarter.
    const quarter = await page
      .locator('optgroup[label="Quarters of the financial year"] option')
      .nth(1)
      .getAttribute('value');
    expect(quarter).toMatch(/^\d{4}-\d{2}-Q[1-4]$/);
    await page.getByRole('combobox', { name: 'Period' }).selectOption(quarter as string);
    await page.getByRole('button', { name: 'Show scorecard' }).click();
    await expect(page).toHaveURL(`/?period=${quarter}`);
    await expect(page.getByText(headline)).toHaveText(/met in Q[1-4] \d{4}-\d{2}/);
    await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue(quarter as string);
    await expectNoAxeViolations(page);

    // Open a standard.
    await calls.getByRole('link', { name: 'Answer calls within 60 seconds' }).click();
    await expect(page).toHaveURL(`/standards/csc-calls?period=${quarter}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Answer calls within 60 seconds',
    );
    await expect(figure(page, /monthly trend for everyone/)).toBeVisible();
    await expect(page.locator('.app-forecast')).toHaveText(/^At the current pace|no forecast/i);
    await expectNoAxeViolations(page);

    // Switch the breakdown to customer group.
    await page.getByRole('link', { name: 'Break down by customer group' }).click();
    await expect(page).toHaveURL(`/standards/csc-calls?period=${quarter}&by=customerGroup`);
    const breakdown = figure(page, /by customer group/);
    await expect(breakdown).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Fairness' })).toBeVisible();
    await expectNoAxeViolations(page);

    // Drill from a month in the trend table to its late items.
    const trend = figure(page, /monthly trend/);
    await trend.getByRole('button', { name: /Show as table/ }).click();
    const trendTable = trend.getByRole('table');
    await expect(trendTable).toBeVisible();
    const lastMonth = trendTable.locator('tbody tr').last().getByRole('link');
    const monthLabel = (await lastMonth.textContent()) ?? '';
    const beforeDrill = page.url();
    await lastMonth.click();
    const itemsHeading = page.getByRole('heading', { level: 2, name: `Late items, ${monthLabel}` });
    await expect(itemsHeading).toBeFocused();
    await expect(page.getByText(/^Showing \d+ of [\d,]+ items\.$/)).toBeVisible();
    const records = page.getByRole('table', { name: `Late items, ${monthLabel}` });
    await expect(records.locator('tbody tr').first()).toBeVisible();
    await expectNoAxeViolations(page);

    // The records and their CSV hold the same cells.
    const [recordsDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download CSV of Late items, ${monthLabel}` }).click(),
    ]);
    expect(await csvOf(recordsDownload)).toEqual(await tableCells(records));

    // Back restores the view before the drill; forward the drill.
    await page.goBack();
    await expect(page).toHaveURL(beforeDrill);
    await expect(page.getByRole('heading', { level: 2, name: /^Late items, Q/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Break down by customer group' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await page.goForward();
    await expect(itemsHeading).toBeVisible();

    // Clicking a bar drills to the records of that group (charts are drawn as they come near
    // the screen).
    await breakdown.locator('.app-chart__canvas').scrollIntoViewIfNeeded();
    await breakdown.locator('.app-chart__canvas .app-chart__point').first().click();
    await expect(page).toHaveURL(/customerGroup=[a-z_]+/);
    await expect(page.getByRole('heading', { level: 2, name: /^Late items, / })).toBeFocused();
    await expect(page.locator('.app-active-filters .govuk-tag')).toHaveCount(1);
    await expectNoAxeViolations(page);

    // The breakdown table and its CSV hold the same cells.
    await breakdown.getByRole('button', { name: /Show as table/ }).click();
    const breakdownTable = breakdown.getByRole('table');
    await expect(breakdownTable).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      breakdown.getByRole('button', { name: /Download CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^csc-calls-breakdown-customergroup-.+\.csv$/);
    expect(await csvOf(download)).toEqual(await tableCells(breakdownTable));
    await expectNoAxeViolations(page);
  });

  test('keyboard only: the same journey', async ({ page }) => {
    await openScorecard(page);

    // The period: the select, the next option down, then the button.
    const select = page.getByRole('combobox', { name: 'Period' });
    const shown = await select.inputValue();
    await tabTo(page, select);
    await page.keyboard.press('ArrowDown');
    const chosen = await select.inputValue();
    expect(chosen).not.toBe(shown);
    // Past the team filter (left at the whole office) to the button.
    await tabTo(page, page.getByRole('button', { name: 'Show scorecard' }));
    await expect(page.getByRole('button', { name: 'Show scorecard' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/?period=${chosen}`);
    await expect(page.getByText(headline)).toBeVisible();

    // A standard.
    const link = page
      .getByRole('article', { name: 'Reply to written enquiries within 5 working days' })
      .getByRole('link', { name: 'Reply to written enquiries within 5 working days' });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/standards/csc-written?period=${chosen}`);
    await expect(figure(page, /monthly trend/)).toBeVisible();

    // The breakdown tab.
    const channelTab = page.getByRole('link', { name: 'Break down by channel' });
    await tabTo(page, channelTab);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/by=channel/);
    await expect(figure(page, /by channel/)).toBeVisible();

    // The trend as a table, then a period's late items.
    const trend = figure(page, /monthly trend/);
    const showTable = trend.getByRole('button', { name: /Show as table/ });
    await tabTo(page, showTable, 150, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(showTable).toHaveAttribute('aria-pressed', 'true');
    const periodLink = trend.getByRole('table').locator('tbody tr').last().getByRole('link');
    const monthLabel = (await periodLink.textContent()) ?? '';
    await tabTo(page, periodLink, 60, 'Shift+Tab');
    const beforeDrill = page.url();
    await page.keyboard.press('Enter');
    const itemsHeading = page.getByRole('heading', { level: 2, name: `Late items, ${monthLabel}` });
    await expect(itemsHeading).toBeFocused();

    // Back restores the breakdown tab and period of the view before.
    await page.goBack();
    await expect(page).toHaveURL(beforeDrill);
    await expect(page.getByRole('link', { name: 'Break down by channel' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await page.goForward();
    await expect(itemsHeading).toBeVisible();

    // The CSV of the trend, from the keyboard, equals its table.
    const download = trend.getByRole('button', { name: /Download CSV/ });
    await tabTo(page, download, 200, 'Shift+Tab');
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(await csvOf(file)).toEqual(await tableCells(trend.getByRole('table')));
  });

  test('at a glance: every standard in one table, sorted by status from the keyboard', async ({
    page,
  }) => {
    await openScorecard(page);
    const table = page.getByRole('table', { name: /^Every standard at a glance, / });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(13);
    // The cards stay below for detail; the table holds none of them.
    await expect(table.getByRole('article')).toHaveCount(0);
    // The catalogue's order to begin with, no column sorted.
    await expect(rows.first().getByRole('rowheader')).toHaveText('Answer calls within 60 seconds');
    await expect(rows.last().getByRole('rowheader')).toHaveText(
      'Customers satisfied with our service',
    );
    const status = table.getByRole('columnheader', { name: 'Status', exact: true });
    await expect(status).toHaveAttribute('aria-sort', 'none');
    // Each row: a status word with its shape, and a sparkline named in words.
    await expect(rows.locator('.app-status-tag')).toHaveText(
      Array(13).fill(/^(Met|Near target|Missed|No data)$/),
    );
    await expect(rows.locator('.app-status-tag svg[data-status]')).toHaveCount(13);
    await expect(rows.getByRole('img')).toHaveCount(13);
    for (const sparkline of await rows.getByRole('img').all()) {
      await expect(sparkline).toHaveAccessibleName(/periods/);
    }
    await expectNoAxeViolations(page);

    // Sort by status from the keyboard: missed first, then near target, met, no data.
    const statusButton = status.getByRole('button', { name: 'Status', exact: true });
    await tabTo(page, statusButton);
    await page.keyboard.press('Enter');
    await expect(status).toHaveAttribute('aria-sort', 'ascending');
    await expect(statusButton).toBeFocused();
    const rank: Record<string, number> = { Missed: 0, 'Near target': 1, Met: 2, 'No data': 3 };
    const ranks = (await rows.locator('.app-status-tag').allTextContents()).map(
      (word) => rank[word.trim()] ?? -1,
    );
    expect(ranks).not.toContain(-1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await expect(page.getByText(/^Sorted by Status, ascending: missed first\.$/)).toBeAttached();
    await expectNoAxeViolations(page);

    await page.keyboard.press('Enter');
    await expect(status).toHaveAttribute('aria-sort', 'descending');

    // Back to the catalogue's order.
    await page.getByRole('button', { name: 'Show in catalogue order' }).click();
    await expect(status).toHaveAttribute('aria-sort', 'none');
    await expect(rows.first().getByRole('rowheader')).toHaveText('Answer calls within 60 seconds');

    // A row's link opens the standard for the same period.
    await rows.first().getByRole('link', { name: 'Answer calls within 60 seconds' }).click();
    await expect(page).toHaveURL(/\/standards\/csc-calls\?period=[\w-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Answer calls within 60 seconds',
    );
  });

  test('a pasted link reproduces the view', async ({ page }) => {
    await page.goto('/standards/csc-calls?granularity=quarter&channel=phone&by=channel&status=all');
    await expect(figure(page, /quarterly trend for phone/)).toBeVisible();
    await expect(figure(page, /by channel/)).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Channel' })).toHaveValue('phone');
    await expect(page.getByRole('heading', { level: 2, name: /^All items, / })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('satisfaction: months only, a channel or a customer group, withheld figures in words', async ({
    page,
  }) => {
    const asked: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/standards/csat/')) asked.push(url);
    });
    // An old link: weekly trend, channel and customer group together.
    await page.goto('/standards/csat?granularity=week&channel=phone&customerGroup=attorney');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Customers satisfied with our service',
    );
    await expect(
      page.getByText(/uses the channel and leaves out the customer group\./),
    ).toBeVisible();
    await expect(page.getByText(/reported by month, quarter or year, not by week/)).toBeVisible();
    const trend = figure(page, /monthly trend for phone/);
    await expect(trend).toBeVisible();
    await expect(page.getByRole('link', { name: 'Trend by week' })).toHaveCount(0);
    for (const url of asked) {
      expect(url.searchParams.get('granularity')).not.toBe('week');
      expect(url.searchParams.has('channel') && url.searchParams.has('customerGroup')).toBe(false);
    }

    // The trend table and its CSV: a withheld month reads 'fewer than 10', never null.
    await trend.getByRole('button', { name: /Show as table/ }).click();
    const table = trend.getByRole('table');
    await expect(table).toBeVisible();
    await expect(table).not.toContainText(/null|NaN/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      trend.getByRole('button', { name: /Download CSV/ }).click(),
    ]);
    const csv = await csvOf(download);
    expect(csv).toEqual(await tableCells(table));
    expect(csv.flat().join(',')).not.toMatch(/null/);

    // One of channel and customer group in the filters form.
    const group = page.getByRole('group', { name: 'Narrow down by' });
    await expect(group.getByRole('radio', { name: 'Channel', exact: true })).toBeChecked();
    await group.getByRole('radio', { name: 'Customer group', exact: true }).check();
    await group
      .getByRole('combobox', { name: 'Customer group', exact: true })
      .selectOption('attorney');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/customerGroup=attorney/);
    expect(page.url()).not.toContain('channel=');
    await expect(figure(page, /monthly trend for attorneys/)).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('reflows at 320px wide without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of ['/', '/standards/csc-calls', '/standards/csat']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      const wide = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return Array.from(document.querySelectorAll('body *'))
          .filter((element) => element.getBoundingClientRect().right > width + 1)
          .slice(0, 5)
          .map((element) => `${element.tagName} ${element.getAttribute('class') ?? ''}`);
      });
      expect(overflow, `${path}: ${wide.join('; ')}`).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
    }
  });
});

test.describe('loading, empty and error states', () => {
  test.setTimeout(90_000);

  test('loading: skeletons, announced, with no axe violations', async ({ page }) => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/scorecard*', async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto('/');
    await expect(
      page.getByRole('status').filter({ hasText: 'Loading the scorecard…' }),
    ).toBeAttached();
    await expect(page.locator('.app-skeleton').first()).toBeVisible();
    await expectNoAxeViolations(page);
    release();
    await expect(page.getByText(headline)).toBeVisible();
  });

  test('empty: no data for this period', async ({ page }) => {
    await page.route('**/api/scorecard*', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const entry of body.standards) {
        Object.assign(entry, { value: null, n: 0, successes: null, interval: null });
        entry.status = 'no_data';
      }
      Object.assign(body.summary, { met: 0, near: 0, missed: 0, noData: body.standards.length });
      await route.fulfill({ response, json: body });
    });
    await page.goto('/');
    await expect(page.getByText('No data for this period.')).toBeVisible();
    await expect(page.getByText('0 of 13 standards met in')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test.describe('errors', () => {
    test.use({ expectedConsoleErrors: [/status of (500|404)/] });

    test('a failed scorecard shows the message and Try again loads it', async ({ page }) => {
      let fail = true;
      await page.route('**/api/scorecard*', async (route) => {
        if (!fail) return route.continue();
        await route.fulfill({
          status: 500,
          json: {
            statusCode: 500,
            error: 'Internal Server Error',
            message: 'The database is down',
          },
        });
      });
      await page.goto('/');
      const alert = page.getByRole('alert');
      // The query client tries a 5xx three times before it gives up.
      await expect(alert).toContainText('The scorecard could not be loaded', { timeout: 20_000 });
      await expect(alert).toContainText('The database is down');
      await expectNoAxeViolations(page);
      fail = false;
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByText(headline)).toBeVisible();
    });

    test('a failed section of a standard page keeps the rest of the page', async ({ page }) => {
      await page.route('**/api/standards/csc-calls/distribution*', (route) =>
        route.fulfill({
          status: 500,
          json: { statusCode: 500, error: 'Internal Server Error', message: 'Query failed' },
        }),
      );
      await page.goto('/standards/csc-calls');
      await expect(page.getByRole('alert')).toContainText('The distribution could not be loaded', {
        timeout: 20_000,
      });
      await expect(figure(page, /monthly trend/)).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('an unknown standard says so', async ({ page }) => {
      await page.goto('/standards/no-such-standard');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Standard not found');
      await expectNoAxeViolations(page);
    });
  });
});

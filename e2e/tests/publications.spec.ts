import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.js';
import { parseCsv } from '../support/csv.js';
import { DEMO_EMAILS, expect, test } from '../support/fixtures.js';
import { tabTo } from '../support/keyboard.js';

// Publishing (issue 16): a manager reviews the last month that has ended, by keyboard, and
// publishes it; the public page, with JavaScript switched off and nobody signed in, shows the
// published figures, and its CSV and ODS downloads hold them; axe on every page and state.
//
// The spec shares its database with the other specs of a run and does not depend on their order
// or on its own: the journey publishes the most recent month that has ended and is not yet
// published (it asks GET /api/publications first), so it never meets a month published before;
// the public page is checked against whatever month it features, whose published figures come
// from the review API, and one month is published through the API only when none is.

/** A figure as the review API gives it. */
interface Value {
  value: number | null;
  n: number;
  status: 'met' | 'near' | 'missed' | 'no_data';
  withheld: boolean;
}
interface ReviewRow {
  standardCode: string;
  title: string;
  unit: 'share' | 'working_days';
  target: string;
  published: Value | null;
  current: Value;
}
interface Review {
  period: string;
  periodLabel: string;
  latest: { version: number } | null;
  rows: ReviewRow[];
}
interface Publication {
  period: string;
  periodLabel: string;
  version: number;
  current: boolean;
}

const MONTH = /^\d{4}-\d{2}$/;

/** axe on the page at `path` (it needs JavaScript: see the public page's tests). */
async function axeAt(page: Page, path: string) {
  await page.goto(path);
  await expectNoAxeViolations(page);
}

async function json<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

/** The periods published so far (their latest versions). */
async function publishedPeriods(request: APIRequestContext): Promise<Publication[]> {
  const { publications } = await json<{ publications: Publication[] }>(
    request,
    '/api/publications',
  );
  return publications.filter((p) => p.current);
}

// The words and numbers the public sees, from a published figure (docs/measurement.md: shares
// as a percentage to 1 decimal place, turnaround in working days to 1 decimal place).
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
function shownNumber(v: Value, unit: ReviewRow['unit']): number | null {
  if (v.withheld || v.value === null) return null;
  return Math.round((unit === 'share' ? v.value * 100 : v.value) * 10) / 10;
}
function resultWords(v: Value, unit: ReviewRow['unit']): string {
  if (v.withheld) return 'Fewer than 10 responses';
  const shown = shownNumber(v, unit);
  if (shown === null) return 'No data';
  return unit === 'share'
    ? `${oneDecimal.format(shown)}%`
    : `${oneDecimal.format(shown)} working ${shown === 1 ? 'day' : 'days'}`;
}
const MET_WORDS: Record<Value['status'], string> = {
  met: 'Met',
  near: 'Not met (close to target)',
  missed: 'Not met',
  no_data: 'No data',
};
const metWords = (v: Value) => (v.withheld ? 'Not shown' : MET_WORDS[v.status]);

test.describe('a manager', () => {
  test.setTimeout(120_000);

  test('reviews the last month not yet published by keyboard, publishes it and sees it listed', async ({
    page,
  }) => {
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Publications' })
      .click();
    await expect(page).toHaveURL(/\/publications$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Publish performance');
    await expect(page).toHaveTitle(/^Publish performance – /);

    // The months offered (newest first, all ended), and the first of them nobody has published.
    const select = page.getByRole('combobox', { name: 'Period' });
    const months = await select
      .locator('optgroup[label="Months"] option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(months.length).toBe(12);
    const published = new Set((await publishedPeriods(page.request)).map((p) => p.period));
    const index = months.findIndex((id) => !published.has(id));
    expect(index, 'a month of the last 12 left to publish').toBeGreaterThanOrEqual(0);
    const period = months[index] as string;
    await expect(select).toHaveValue(months[0] as string);
    await expect(page.getByRole('region', { name: 'Published periods' })).not.toContainText(
      'Loading',
    );
    await expectNoAxeViolations(page);

    // Keyboard alone: to the select, down to the month, then Review.
    await tabTo(page, select);
    for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
    await expect(select).toHaveValue(period);
    await page.keyboard.press('Tab');
    const review = page.getByRole('button', { name: 'Review the figures' });
    await expect(review).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/publications\\?period=${period}$`));

    const answer = await json<Review>(page.request, `/api/publications/review?period=${period}`);
    const label = answer.periodLabel;
    expect(answer.latest).toBeNull();
    const region = page.getByRole('region', { name: 'Review a period' });
    await expect(region.getByRole('heading', { level: 3 })).toHaveText(label);
    await expect(
      region.getByText(`${label} has not been published.`, { exact: false }),
    ).toBeVisible();
    const table = region.getByRole('table', { name: `${label}: the figures as they stand now` });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(answer.rows.length);
    // Each standard's figure as it stands, in words, its status a word beside a shape.
    for (const [i, row] of answer.rows.entries()) {
      await expect(rows.nth(i).locator('th')).toHaveText(row.title);
      await expect(rows.nth(i).locator('td').nth(0)).toHaveText(row.target);
      await expect(rows.nth(i).locator('td').nth(1)).toContainText(
        resultWords(row.current, row.unit),
      );
    }
    await expect(rows.locator('.app-status-tag svg')).toHaveCount(answer.rows.length);
    await expectNoAxeViolations(page);

    // Publish: the question first, answered by keyboard.
    const publish = region.getByRole('button', { name: `Publish ${label}` });
    await tabTo(page, publish);
    await page.keyboard.press('Enter');
    await expect(region.getByRole('heading', { name: `Publish ${label}?` })).toBeFocused();
    await expectNoAxeViolations(page);
    const yes = region.getByRole('button', { name: `Yes, publish ${label}` });
    await tabTo(page, yes);
    await page.keyboard.press('Enter');

    const banner = page.getByRole('alert').filter({ hasText: `${label} has been published` });
    await expect(banner).toBeFocused();
    await expect(
      banner.getByRole('link', { name: `See ${label} on the public page` }),
    ).toHaveAttribute('href', `/performance/${period}`);
    // Listed, newest first: the first row is this month's first version, by the manager.
    const list = page.getByRole('table', { name: 'Publications, newest first' });
    const first = list.locator('tbody tr').first();
    await expect(first.getByRole('link', { name: label })).toHaveAttribute(
      'href',
      `/performance/${period}`,
    );
    await expect(first.locator('td').nth(0)).toHaveText('1');
    await expect(first.locator('td').nth(1)).toContainText('by Morgan Ellis');
    await expect(first.locator('td').nth(3)).toHaveText('First publication');
    // The review now has nothing left to do.
    await expect(
      region.getByText(/Nothing has changed since, so there is nothing to revise\./),
    ).toBeVisible();
    await expect(region.getByRole('button', { name: /^Publish/ })).toHaveCount(0);
    await expect(select.locator(`option[value="${period}"]`)).toHaveText(`${label} (published)`);
    await expectNoAxeViolations(page);

    // The server agrees: published once, as version 1.
    const now = (await publishedPeriods(page.request)).filter((p) => p.period === period);
    expect(now.map((p) => p.version)).toEqual([1]);
  });
});

test.describe('the public performance page', () => {
  // Nobody signed in. The pages are read in a browser context with JavaScript switched off; axe,
  // which is JavaScript itself, runs on the same addresses in the test's own page (signed out
  // too; the pages carry no script, so both get the same HTML).
  test.use({ signedInAs: null });
  test.setTimeout(120_000);

  /**
   * The month the public page features (the latest month published), published through the API
   * as a manager when none is yet, and its published figures from the review API.
   */
  async function featuredMonth(manager: APIRequestContext): Promise<Review> {
    // The request fixture keeps its own cookies: the browsers' contexts stay signed out.
    const signIn = await manager.post('/api/session/demo', {
      data: { email: DEMO_EMAILS.manager },
    });
    expect(signIn.status(), await signIn.text()).toBe(200);
    let months = (await publishedPeriods(manager)).filter((p) => MONTH.test(p.period));
    if (months.length === 0) {
      const { csrfToken } = await json<{ csrfToken: string }>(manager, '/api/session');
      // Last month (London and UTC agree but for the first hour of a month in summer time).
      const now = new Date();
      const back = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
      const period = `${back.getUTCFullYear()}-${String(back.getUTCMonth() + 1).padStart(2, '0')}`;
      const made = await manager.post('/api/publications', {
        data: { period },
        headers: { 'x-csrf-token': csrfToken, 'sec-fetch-site': 'same-origin' },
      });
      expect(made.status(), await made.text()).toBe(201);
      months = (await publishedPeriods(manager)).filter((p) => MONTH.test(p.period));
    }
    const latest = months
      .map((p) => p.period)
      .sort()
      .at(-1) as string;
    const review = await json<Review>(manager, `/api/publications/review?period=${latest}`);
    expect(review.latest).not.toBeNull();
    return review;
  }

  test('shows the latest published month with JavaScript off, and its downloads hold the same figures', async ({
    page: axePage,
    browser,
    request,
  }) => {
    const review = await featuredMonth(request);
    const label = review.periodLabel;

    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: test.info().project.use.baseURL,
    });
    const page = await context.newPage();
    await page.goto('/performance');
    expect(await context.cookies(), 'nobody is signed in').toEqual([]);
    // Nothing on it needs JavaScript: it carries none.
    expect(await page.locator('script').count()).toBe(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page).toHaveTitle(/service performance$/);
    await expect(
      page.getByRole('heading', { name: `Latest published figures ${label}` }),
    ).toBeVisible();

    // The table of standards: target, result, met or not, each as the month was published.
    const table = page.getByRole('table', { name: `Results for ${label}` });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(review.rows.length);
    for (const [i, row] of review.rows.entries()) {
      const published = row.published as Value;
      const cells = rows.nth(i).locator('td');
      await expect(rows.nth(i).locator('th')).toHaveText(row.title);
      await expect(cells.nth(0)).toHaveText(row.target);
      await expect(cells.nth(1)).toContainText(resultWords(published, row.unit));
      await expect(cells.nth(2)).toHaveText(metWords(published));
    }
    await axeAt(axePage, '/performance');

    // The month in full, with the history of its figures.
    await page
      .getByRole('link', { name: `${label} in full, with the history of its figures` })
      .click();
    await expect(page).toHaveURL(new RegExp(`/performance/${review.period}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(label);
    await expect(page.getByRole('heading', { name: 'History of these figures' })).toBeVisible();
    await expect(
      page.getByText(`Version ${review.latest?.version}:`, { exact: false }),
    ).toBeVisible();
    await expect(
      page.getByRole('table', { name: `Results for ${label}` }).locator('tbody tr'),
    ).toHaveCount(review.rows.length);
    await axeAt(axePage, `/performance/${review.period}`);

    // The CSV, downloaded from its link: the month's rows hold the published figures.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Published figures (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ipo-service-performance.csv');
    const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = parseCsv(text);
    const column = (name: string) => {
      const at = header?.indexOf(name) ?? -1;
      expect(at, `the CSV's column ${name}`).toBeGreaterThanOrEqual(0);
      return at;
    };
    const [periodAt, codeAt, resultAt, metAt] = [
      column('Period'),
      column('Standard code'),
      column('Result'),
      column('Met or not'),
    ];
    const month = lines.filter((line) => line[periodAt] === review.period);
    expect(month).toHaveLength(review.rows.length);
    for (const row of review.rows) {
      const published = row.published as Value;
      const line = month.find((l) => l[codeAt] === row.standardCode);
      expect(line, row.standardCode).toBeDefined();
      const shown = shownNumber(published, row.unit);
      expect(line?.[resultAt]).toBe(shown === null ? '' : String(shown));
      expect(line?.[metAt]).toBe(metWords(published));
    }

    // Both downloads answer 200 with their type, to anyone.
    const csv = await page.request.get('/performance.csv');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const ods = await page.request.get('/performance.ods');
    expect(ods.status()).toBe(200);
    expect(ods.headers()['content-type']).toBe('application/vnd.oasis.opendocument.spreadsheet');
    // An OpenDocument file is a zip whose first entry is its mimetype, stored uncompressed.
    const body = await ods.body();
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(body.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(body.subarray(38, 38 + 46).toString('latin1')).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
    await context.close();
  });

  test.describe('for a period never published', () => {
    // The browser reports the page's 404 status on the console: expected here.
    test.use({ expectedConsoleErrors: [/status of 404/] });

    test('says it is not found', async ({ page }) => {
      // A month far ahead cannot have been published.
      const response = await page.goto('/performance/2099-01');
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expectNoAxeViolations(page);
    });
  });
});

import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';

const header = 'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at';
// Unique references per run, so the test does not depend on what earlier runs left behind.
const run = Date.now().toString(36);

function csv(lines: string[]) {
  return Buffer.from(`${[header, ...lines].join('\n')}\n`);
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: 'Import the file' }).click();
}

test.describe('imports page', () => {
  // A rejected file is answered 422 with its errors (the page lists them); the browser logs
  // every 4xx answer to the console, so that one message is expected.
  test.use({
    expectedConsoleErrors: [/status of 422 \(Unprocessable Entity\)/],
    signedInAs: 'data-steward',
  });

  test('imports a valid file, rejects a bad one with its errors, and keeps the history', async ({
    page,
  }) => {
    await page.goto('/imports');
    await expect(page).toHaveTitle(
      'Import data – Service standards – Intellectual Property Office',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import data');

    await page.getByLabel('Work items').check();
    await upload(
      page,
      'good.csv',
      csv([
        `E2E-${run}-1,phone_call,customer-support,E2E Team,phone,individual,2025-07-01T09:00:00Z,2025-07-01T09:00:40Z`,
        `E2E-${run}-2,written_enquiry,customer-support,,email,attorney,2025-07-01T09:00:00Z,`,
      ]),
    );
    const imported = page.getByRole('heading', { name: 'File imported' });
    await expect(imported).toBeFocused();
    await expect(
      page
        .getByRole('region', { name: 'File imported' })
        .getByText('Imported 2 work items: 2 added, 0 updated, 0 unchanged.'),
    ).toBeVisible();
    const history = page.getByRole('table', { name: /Imports, newest first/ });
    await expect(history.getByRole('rowheader', { name: /good\.csv/ })).toBeVisible();
    await expectNoAxeViolations(page);

    await upload(
      page,
      'bad.csv',
      csv([
        `E2E-${run}-3,phone_call,customer-support,,fax,individual,2025-07-01T09:00:00Z,`,
        `E2E-${run}-4,phone_call,customer-support,,phone,individual,2025-07-01 09:00,`,
      ]),
    );
    await expect(page.getByRole('heading', { name: 'The file was not imported' })).toBeFocused();
    const errors = page.getByRole('table', { name: 'Errors' });
    await expect(errors.getByRole('row')).toHaveCount(3);
    await expect(errors.getByRole('row').nth(1)).toContainText('2channelunknown channel "fax"');
    await expect(errors.getByRole('row').nth(2)).toContainText('3received_at');
    await expect(history.getByRole('rowheader', { name: /bad\.csv/ })).toBeVisible();
    await expect(
      history.getByRole('row', { name: /bad\.csv/ }).getByText('Rejected', { exact: true }),
    ).toBeVisible();
    await expectNoAxeViolations(page);

    // Valid-only: the good row goes in; the bad one can be downloaded to fix.
    await page.getByLabel('Import the valid rows only').check();
    await upload(
      page,
      'mixed.csv',
      csv([
        `E2E-${run}-5,complaint,customer-experience,,post,individual,2025-07-01T09:00:00Z,2025-07-04T09:00:00Z`,
        `E2E-${run}-6,complaint,patents,,post,individual,2025-07-01T09:00:00Z,`,
      ]),
    );
    await expect(page.getByRole('heading', { name: 'File imported' })).toBeFocused();
    const download = page.getByRole('link', { name: /Download the rejected rows/ });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const text = await (await file.createReadStream()).toArray();
    expect(Buffer.concat(text).toString()).toContain('belongs to the service customer-experience');
    await expectNoAxeViolations(page);
  });

  test('asks for a file before uploading', async ({ page }) => {
    await page.goto('/imports');
    await page.getByRole('button', { name: 'Import the file' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary).toBeFocused();
    await summary.getByRole('link', { name: 'Choose a CSV file to import' }).click();
    await expect(page.getByLabel('CSV file')).toBeFocused();
    await expectNoAxeViolations(page);
  });
});

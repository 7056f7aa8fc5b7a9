import type { ImportHistoryResponse, ImportResult } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeXhr } from '../../../test/fake-xhr';
import { jsonResponse, renderApp, stubFetch } from '../../../test/render';
import { dataSteward, sessionOf } from '../../../test/session-fixtures';

// Imports are for data stewards ('load-data').
const stewardSession = sessionOf(dataSteward);

const emptyHistory: ImportHistoryResponse = { batches: [], page: 1, pageSize: 20, total: 0 };

function result(overrides: Partial<ImportResult> = {}): ImportResult {
  return {
    batchId: 1,
    kind: 'work-items',
    mode: 'all-or-nothing',
    source: 'import',
    status: 'applied',
    message: 'Imported 2 work items: 2 added, 0 updated, 0 unchanged.',
    rows: { total: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
    teamsCreated: [{ service: 'customer-support', name: 'Calls Team 1' }],
    errors: [],
    errorCount: 0,
    rejectedCsv: null,
    rejectedCsvTruncated: false,
    durationMs: 12,
    ...overrides,
  };
}

const csvFile = () => new File(['source_ref,work_type\n'], 'items.csv', { type: 'text/csv' });

beforeEach(() => {
  FakeXhr.last = null;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ImportsPage', () => {
  it('asks for a file with the error summary pattern and moves focus to it', async () => {
    stubFetch(async () => jsonResponse(emptyHistory));
    renderApp('/imports', { session: stewardSession });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Import the file' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getByText('There is a problem')).toBeInTheDocument();
    const link = within(summary).getByRole('link', { name: 'Choose a CSV file to import' });
    expect(link).toHaveAttribute('href', `#${screen.getByLabelText('CSV file').id}`);
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    expect(screen.getByLabelText('CSV file')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Choose a CSV file to import'),
    );
    expect(FakeXhr.last).toBeNull();
  });

  it('uploads the file, shows progress accessibly, then the result and the refreshed history', async () => {
    const history: ImportHistoryResponse = {
      ...emptyHistory,
      total: 1,
      batches: [
        {
          id: 1,
          kind: 'work-items',
          status: 'applied',
          mode: 'all-or-nothing',
          file: 'items.csv',
          dataSource: 'import',
          createdBy: 'web upload (127.0.0.1)',
          rowsInserted: 2,
          rowsUpdated: 0,
          rowsUnchanged: 0,
          rowsRejected: 0,
          errorCount: 0,
          message: 'Imported 2 work items.',
          teamsCreated: [],
          startedAt: '2025-11-20T10:00:00.000Z',
          finishedAt: '2025-11-20T10:00:01.000Z',
          durationMs: 1000,
        },
      ],
    };
    const fetchMock = stubFetch(
      async () => jsonResponse(emptyHistory),
      async () => jsonResponse(history),
    );
    renderApp('/imports', { session: stewardSession });
    const user = userEvent.setup();
    expect(await screen.findByText('Nothing has been imported yet.')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Quality checks'));
    await user.click(screen.getByLabelText('Import the valid rows only'));
    await user.upload(screen.getByLabelText('CSV file'), csvFile());
    await user.click(screen.getByRole('button', { name: 'Import the file' }));

    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/imports/quality-checks?mode=valid-only&filename=items.csv');
    expect(xhr.headers['content-type']).toBe('text/csv');
    // The session's check against cross-site requests goes with every change.
    expect(xhr.headers['X-CSRF-Token']).toBe(stewardSession.csrfToken);
    expect(screen.getByRole('button', { name: 'Import the file' })).toBeDisabled();

    xhr.progress(50, 100);
    const bar = await screen.findByLabelText('Upload progress');
    expect(bar.tagName).toBe('PROGRESS');
    await waitFor(() => expect(bar).toHaveAttribute('value', '50'));
    expect(screen.getByText('Sending the file: 50%')).toHaveAttribute('aria-live', 'polite');

    xhr.respond(200, result({ kind: 'quality-checks' }));
    const heading = await screen.findByRole('heading', { name: 'File imported' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.queryByLabelText('Upload progress')).not.toBeInTheDocument();
    expect(screen.getByText(/New teams: Calls Team 1 \(customer-support\)/)).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: /Imports, newest first/ });
    expect(within(table).getByRole('rowheader', { name: /items.csv/ })).toBeInTheDocument();
    expect(within(table).getByText('Imported')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('lists every error with its line and column, and links to the rejected rows', async () => {
    stubFetch(async () => jsonResponse(emptyHistory));
    renderApp('/imports', { session: stewardSession });
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file'), csvFile());
    await user.click(screen.getByRole('button', { name: 'Import the file' }));
    // A rejected file answers 422, with the import result as its body.
    FakeXhr.last!.respond(
      422,
      result({
        status: 'rejected',
        mode: 'valid-only',
        message: 'Nothing was imported: every row has errors (2 errors in all).',
        rows: { total: 2, inserted: 0, updated: 0, unchanged: 0, rejected: 2 },
        teamsCreated: [],
        errors: [
          { line: 2, column: 'channel', reason: 'unknown channel "fax"' },
          { line: 4, column: null, reason: 'has 7 values; the header has 8 columns' },
        ],
        errorCount: 1500,
        rejectedCsv: 'source_ref,line,error\r\nA,2,bad\r\n',
      }),
    );
    const heading = await screen.findByRole('heading', { name: 'The file was not imported' });
    await waitFor(() => expect(heading).toHaveFocus());
    const table = screen.getByRole('table', { name: 'Errors (the first 2 of 1,500)' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['2', 'channel', 'unknown channel "fax"'],
      ['4', '–', 'has 7 values; the header has 8 columns'],
    ]);
    const link = screen.getByRole('link', { name: /Download the rejected rows/ });
    expect(link).toHaveAttribute('download', 'rejected-rows.csv');
  });

  it('shows the rejection report of a malformed file (422)', async () => {
    stubFetch(async () => jsonResponse(emptyHistory));
    renderApp('/imports', { session: stewardSession });
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file'), csvFile());
    await user.click(screen.getByRole('button', { name: 'Import the file' }));
    FakeXhr.last!.respond(
      422,
      result({
        status: 'rejected',
        message: 'Nothing was imported: The header is missing the column team.',
        rows: { total: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 },
        teamsCreated: [],
        errors: [{ line: 1, column: 'team', reason: 'The header is missing the column team.' }],
        errorCount: 1,
      }),
    );
    const heading = await screen.findByRole('heading', { name: 'The file was not imported' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(
      screen.queryByRole('heading', { name: 'The file could not be imported' }),
    ).not.toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Errors' });
    expect(within(table).getByRole('cell', { name: 'team' })).toBeInTheDocument();
    expect(
      within(table).getByRole('cell', { name: 'The header is missing the column team.' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Download the rejected rows/ }),
    ).not.toBeInTheDocument();
  });

  it('says why when a 422 is not an import result', async () => {
    stubFetch(async () => jsonResponse(emptyHistory));
    renderApp('/imports', { session: stewardSession });
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file'), csvFile());
    await user.click(screen.getByRole('button', { name: 'Import the file' }));
    FakeXhr.last!.respond(422, {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'The file is not valid UTF-8.',
    });
    expect(
      await screen.findByRole('heading', { name: 'The file could not be imported' }),
    ).toHaveFocus();
    expect(screen.getByText('The file is not valid UTF-8.')).toBeInTheDocument();
  });

  it('says why when the server refuses the file', async () => {
    stubFetch(async () => jsonResponse(emptyHistory));
    renderApp('/imports', { session: stewardSession });
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file'), csvFile());
    await user.click(screen.getByRole('button', { name: 'Import the file' }));
    FakeXhr.last!.respond(413, {
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The file is larger than the 1,024 MB limit: split it into smaller files.',
    });
    expect(
      await screen.findByRole('heading', { name: 'The file could not be imported' }),
    ).toHaveFocus();
    expect(screen.getByText(/larger than the 1,024 MB limit/)).toBeInTheDocument();
  });

  it('says the file could not be sent when no answer comes', async () => {
    stubFetch(async () => jsonResponse(emptyHistory));
    renderApp('/imports', { session: stewardSession });
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file'), csvFile());
    await user.click(screen.getByRole('button', { name: 'Import the file' }));
    FakeXhr.last!.fail();
    expect(
      await screen.findByRole('heading', { name: 'The file could not be imported' }),
    ).toHaveFocus();
    expect(
      screen.getByText('The file could not be sent: is the server running?'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import the file' })).toBeEnabled();
  });
});

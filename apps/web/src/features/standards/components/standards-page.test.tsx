import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { deferred, jsonResponse, renderApp, stubFetch } from '../../../test/render';
import { buildStandard, catalogueResponse } from '../../../test/standards-fixture';

function rowFor(title: string) {
  return screen.getByRole('row', { name: new RegExp(`^${title}`) });
}

function cellsOf(row: HTMLElement) {
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);
}

describe('StandardsPage', () => {
  it('lists the standards in tables grouped by kind, in charter order', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(catalogueResponse));
    renderApp('/standards');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Customer service standards' }),
    ).toBeInTheDocument();

    const tables = await screen.findAllByRole('table');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Timeliness',
      'Accuracy',
      'Satisfaction',
    ]);
    // Each heading names its table.
    expect(tables).toEqual([
      screen.getByRole('table', { name: 'Timeliness' }),
      screen.getByRole('table', { name: 'Accuracy' }),
      screen.getByRole('table', { name: 'Satisfaction' }),
    ]);

    const rowsPerTable = tables.map((table) => within(table).getAllByRole('row').length - 1);
    expect(rowsPerTable).toEqual([10, 2, 1]);

    const accuracyTitles = within(screen.getByRole('table', { name: 'Accuracy' }))
      .getAllByRole('rowheader')
      .map((header) => header.textContent);
    expect(accuracyTitles).toEqual([
      'Trade mark and designs examination quality',
      'Patent search and examination quality',
    ]);

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/standards');
  });

  it('shows service, threshold, measure and target in words for each measure type', async () => {
    stubFetch(async () => jsonResponse(catalogueResponse));
    renderApp('/standards');
    await screen.findAllByRole('table');

    expect(cellsOf(rowFor('Answer calls within 60 seconds'))).toEqual([
      'Customer Support Centre',
      '60 seconds',
      'Share within threshold',
      '90% within 60 seconds',
    ]);
    expect(cellsOf(rowFor('Examine trade mark applications within 10 working days'))).toEqual([
      'Trade Marks',
      '10 working days',
      '90th percentile turnaround',
      '90% completed within 10 working days',
    ]);
    expect(cellsOf(rowFor('Search report within 6 months of request'))).toEqual([
      'Patents',
      '6 calendar months',
      'Share within threshold',
      '90% within 6 calendar months',
    ]);
    expect(cellsOf(rowFor('Trade mark and designs examination quality'))).toEqual([
      'Trade Marks',
      'Not applicable',
      'Pass rate',
      '95% of checks passed',
    ]);
    expect(cellsOf(rowFor('Customers satisfied with our service'))).toEqual([
      'All services',
      'Not applicable',
      'Share satisfied',
      '85% satisfied',
    ]);
  });

  it('says when a standard has no target in force', async () => {
    stubFetch(async () =>
      jsonResponse({
        standards: [buildStandard({ code: 'x', title: 'Untargeted standard', target: null })],
      }),
    );
    renderApp('/standards');
    await screen.findByRole('table');
    expect(cellsOf(rowFor('Untargeted standard'))[3]).toBe('No target in force');
  });

  it('announces loading and marks the region busy until the data arrives', async () => {
    const answer = deferred<Response>();
    stubFetch(() => answer.promise);
    renderApp('/standards');

    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Loading the standards');
    expect(status.closest('[aria-busy]')).toHaveAttribute('aria-busy', 'true');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    answer.resolve(jsonResponse(catalogueResponse));

    expect(await screen.findAllByRole('table')).toHaveLength(3);
    expect(screen.queryByText('Loading the standards…')).not.toBeInTheDocument();
    expect(screen.getAllByRole('table')[0]?.closest('[aria-busy]')).toHaveAttribute(
      'aria-busy',
      'false',
    );
  });

  it('shows the server message on failure and loads again with Try again', async () => {
    const fetchMock = stubFetch(
      async () =>
        jsonResponse(
          { statusCode: 503, error: 'Service Unavailable', message: 'The database is starting' },
          503,
        ),
      async () => jsonResponse(catalogueResponse),
    );
    renderApp('/standards');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The standards could not be loaded');
    expect(alert).toHaveTextContent('The database is starting');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findAllByRole('table')).toHaveLength(3);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('shows an empty state when no standards are set up', async () => {
    stubFetch(async () => jsonResponse({ standards: [] }));
    renderApp('/standards');
    expect(
      await screen.findByText(/No customer service standards have been set up yet/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('treats a response that breaks the contract as an error, not as data', async () => {
    stubFetch(async () => jsonResponse({ standards: [{ code: 'csc-calls', kind: 'speed' }] }));
    renderApp('/standards');
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'The server sent data the dashboard could not read.',
      ),
    );
  });
});

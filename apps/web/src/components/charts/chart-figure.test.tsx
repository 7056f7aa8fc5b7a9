import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider } from '../../lib/router';
import { ChartFigure } from './chart-figure';
import type { TableColumn } from './data-table';

interface Row {
  id: string;
  label: string;
  value: number | null;
}

const columns: TableColumn<Row>[] = [
  { header: 'Period', value: (row) => row.label },
  { header: 'Value (%)', value: (row) => row.value, numeric: true },
];
const rows: Row[] = [
  { id: 'a', label: 'July 2025', value: 94.2 },
  { id: 'b', label: '=cmd, "quoted"', value: null },
];

/** Parse the RFC 4180 CSV the download writes (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r') {
      // part of CRLF
    } else if (c === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return out;
}

function tableCells(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

function renderFigure() {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: (
          <ChartFigure
            title="Calls answered within 60 seconds"
            summary="Latest 94.2%."
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            csvFileName="calls.csv"
            chartHeight={200}
          >
            <svg data-testid="chart" />
          </ChartFigure>
        ),
      },
    ],
    { initialEntries: ['/'] },
  );
  return render(<RouterProvider router={router} />);
}

describe('ChartFigure', () => {
  it('names the chart, summarises it in words and hides the drawing from assistive technology', () => {
    renderFigure();
    const figure = screen.getByRole('figure', { name: 'Calls answered within 60 seconds' });
    expect(figure).toHaveAccessibleDescription('Latest 94.2%.');
    expect(screen.getByTestId('chart').parentElement).toHaveAttribute('aria-hidden', 'true');
  });

  it('shows the same numbers as a table and downloads exactly the table as CSV', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderFigure();

    const toggle = screen.getByRole('button', { name: /Show as table/ });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByTestId('chart')).not.toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Calls answered within 60 seconds' });
    expect(tableCells(table)).toEqual([
      ['Period', 'Value (%)'],
      ['July 2025', '94.2'],
      ['=cmd, "quoted"', ''],
    ]);

    await userEvent.click(screen.getByRole('button', { name: /Download CSV/ }));
    expect(click).toHaveBeenCalledTimes(1);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    // A UTF-8 byte order mark first, for spreadsheets.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toBe('Period,Value (%)\r\nJuly 2025,94.2\r\n"\'=cmd, ""quoted""",\r\n');
    // The CSV is the table, except that a cell starting with = is neutralised with a quote.
    const csv = parseCsv(text);
    expect(csv.map((line) => line.map((cell) => cell.replace(/^'(?=[=+\-@])/, '')))).toEqual(
      tableCells(table),
    );
  });
});

describe('charts drawn as they come near the screen', () => {
  it('draws the chart only once the browser says its place is near the viewport', async () => {
    const observed: { callback: IntersectionObserverCallback; elements: Element[] }[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        elements: Element[] = [];
        constructor(callback: IntersectionObserverCallback) {
          observed.push({ callback, elements: this.elements });
        }
        observe(element: Element) {
          this.elements.push(element);
        }
        disconnect() {}
      },
    );
    render(
      <ChartFigure
        title="Trend"
        summary="Rising."
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        csvFileName="trend.csv"
        chartHeight={200}
      >
        <p>the chart</p>
      </ChartFigure>,
    );
    // Its place is kept (the summary and buttons are there), the chart not yet drawn.
    expect(screen.getByText('Rising.')).toBeInTheDocument();
    expect(screen.queryByText('the chart')).not.toBeInTheDocument();
    const [watch] = observed;
    expect(watch?.elements[0]).toHaveClass('app-chart__canvas');
    act(() =>
      watch?.callback(
        [{ isIntersecting: true, target: watch.elements[0] } as IntersectionObserverEntry],
        {} as IntersectionObserver,
      ),
    );
    expect(await screen.findByText('the chart')).toBeInTheDocument();
  });
});

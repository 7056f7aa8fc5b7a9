import type { ScorecardResponse } from '@ipo/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createMemoryRouter, RouterProvider } from '../../../lib/router';
import {
  buildEntry,
  buildScorecard,
  figure,
  monthPeriod,
  scorecardEntries,
  suppressedFigure,
} from '../../../test/dashboard-fixtures';
import { buildTeamScorecard } from '../../../test/team-fixtures';
import { ScorecardGlance } from './scorecard-glance';

function renderGlance(data: ScorecardResponse = buildScorecard()) {
  const router = createMemoryRouter([{ path: '/', element: <ScorecardGlance data={data} /> }], {
    initialEntries: ['/'],
  });
  render(<RouterProvider router={router} />);
  return screen.getByRole('table');
}

function bodyRows(table: HTMLElement) {
  // The first row holds the column headings.
  return within(table).getAllByRole('row').slice(1);
}

/** Each body row as its text: the standard, then every cell. */
function rowTexts(table: HTMLElement): string[][] {
  return bodyRows(table).map((row) => [
    within(row).getByRole('rowheader').textContent ?? '',
    ...within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent ?? ''),
  ]);
}

function titles(table: HTMLElement): string[] {
  return bodyRows(table).map((row) => within(row).getByRole('rowheader').textContent ?? '');
}

function header(table: HTMLElement, name: string | RegExp) {
  return within(table).getByRole('columnheader', { name });
}

const catalogueOrder = scorecardEntries.map((entry) => entry.title);

describe('ScorecardGlance', () => {
  it('lists every standard in one row: result, target, status, change and the last 12 periods', () => {
    const table = renderGlance();
    expect(table).toHaveAccessibleName('Every standard at a glance, July 2025');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Standard', 'Result', 'Target', 'Status', 'Change on June 2025', 'Last 12 periods']);
    expect(rowTexts(table)).toEqual([
      ['Answer calls within 60 seconds', '94.2%', '90%', 'Met', '↑ Up 2.1 points (better)', ''],
      [
        'Reply to written enquiries within 5 working days',
        '88.7%',
        '95%',
        'Missed',
        '↓ Down 2.1 points (worse)',
        '',
      ],
      [
        'Examine trade mark applications within 10 working days',
        '11 working days',
        'at most 10 working days',
        'Near target',
        // Lower is better for a turnaround: up is worse, and says so.
        '↑ Up 2 working days (worse)',
        '',
      ],
      [
        'Trade mark and designs examination quality',
        '96%',
        '95%',
        'MetLow volume: fewer than 30',
        '↑ Up 3.9 points (better)',
        '',
      ],
      [
        'Customers satisfied with our service',
        'No data',
        '85%',
        'No data',
        'No figure to compare',
        '',
      ],
    ]);
    // Each sparkline is named in words.
    const calls = bodyRows(table)[0]!;
    expect(within(calls).getByRole('img')).toHaveAccessibleName(
      'August 2024 to July 2025: lowest 82%, highest 98%; latest 94.2% (met); target met in 9 of 12 periods.',
    );
    // The arrows are decoration: the words say which way.
    expect(calls.querySelector('.app-glance__arrow')).toHaveAttribute('aria-hidden', 'true');
    // No <article>: the cards below are the page's articles.
    expect(table.querySelector('article')).toBeNull();
  });

  it('gives each status a word and its own shape, never colour alone', () => {
    const table = renderGlance();
    const shapes = bodyRows(table).map((row) => {
      const tag = row.querySelector('.app-status-tag') as HTMLElement;
      const icon = tag.querySelector('svg[data-status]');
      expect(icon).toHaveAttribute('aria-hidden', 'true');
      return [tag.textContent, icon?.getAttribute('data-status')];
    });
    expect(shapes).toEqual([
      ['Met', 'met'],
      ['Missed', 'missed'],
      ['Near target', 'near'],
      ['Met', 'met'],
      ['No data', 'no_data'],
    ]);
  });

  it('links each standard to its page for the period', () => {
    const table = renderGlance();
    expect(
      within(table)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Answer calls within 60 seconds', '/standards/csc-calls?period=2025-07'],
      ['Reply to written enquiries within 5 working days', '/standards/csc-written?period=2025-07'],
      [
        'Examine trade mark applications within 10 working days',
        '/standards/tm-exam?period=2025-07',
      ],
      ['Trade mark and designs examination quality', '/standards/quality-tm?period=2025-07'],
      ['Customers satisfied with our service', '/standards/csat?period=2025-07'],
    ]);
  });

  it('keeps the team filter in the links, except where the team has no work', () => {
    const table = renderGlance(buildTeamScorecard());
    expect(table).toHaveAccessibleName(
      'Every standard at a glance for Contact Centre Newport, July 2025',
    );
    const link = (name: string) => within(table).getByRole('link', { name });
    expect(link('Answer calls within 60 seconds')).toHaveAttribute(
      'href',
      '/standards/csc-calls?period=2025-07&team=3',
    );
    expect(link('Reply to written enquiries within 5 working days')).toHaveAttribute(
      'href',
      '/standards/csc-written?period=2025-07&team=3',
    );
    expect(link('Examine trade mark applications within 10 working days')).toHaveAttribute(
      'href',
      '/standards/tm-exam?period=2025-07',
    );
    const tm = rowTexts(table)[2]!;
    expect(tm).toEqual([
      'Examine trade mark applications within 10 working days',
      'No data',
      'at most 10 working days',
      'No work for this team',
      'No figure to compare',
      '',
    ]);
  });

  it('sorts from the keyboard, with aria-sort on the column, and back to the catalogue order', async () => {
    const user = userEvent.setup();
    const table = renderGlance();
    const sortable = ['Standard', 'Result', 'Target', 'Status', 'Change on June 2025'];
    for (const name of sortable) expect(header(table, name)).toHaveAttribute('aria-sort', 'none');
    expect(header(table, 'Last 12 periods')).not.toHaveAttribute('aria-sort');
    expect(titles(table)).toEqual(catalogueOrder);

    // Tab to the Status heading's button: Standard, Result, Target, Status.
    const status = within(header(table, 'Status')).getByRole('button', { name: 'Status' });
    for (let i = 0; i < 4; i += 1) await user.tab();
    expect(status).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(header(table, 'Status')).toHaveAttribute('aria-sort', 'ascending');
    for (const name of sortable.filter((n) => n !== 'Status')) {
      expect(header(table, name)).toHaveAttribute('aria-sort', 'none');
    }
    // Missed first, then near target, then met; no data last.
    expect(titles(table)).toEqual([
      'Reply to written enquiries within 5 working days',
      'Examine trade mark applications within 10 working days',
      'Answer calls within 60 seconds',
      'Trade mark and designs examination quality',
      'Customers satisfied with our service',
    ]);
    expect(screen.getByText('Sorted by Status, ascending: missed first.')).toBeInTheDocument();
    expect(status).toHaveFocus();

    await user.keyboard(' ');
    expect(header(table, 'Status')).toHaveAttribute('aria-sort', 'descending');
    expect(titles(table)).toEqual([
      'Answer calls within 60 seconds',
      'Trade mark and designs examination quality',
      'Examine trade mark applications within 10 working days',
      'Reply to written enquiries within 5 working days',
      // No data stays at the bottom whichever the direction.
      'Customers satisfied with our service',
    ]);
    expect(screen.getByText('Sorted by Status, descending: met first.')).toBeInTheDocument();

    // Back to the catalogue's order (the button before the table, one Shift+Tab away).
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    const reset = screen.getByRole('button', { name: 'Show in catalogue order' });
    expect(reset).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(titles(table)).toEqual(catalogueOrder);
    for (const name of sortable) expect(header(table, name)).toHaveAttribute('aria-sort', 'none');
    expect(screen.queryByRole('button', { name: 'Show in catalogue order' })).toBeNull();
  });

  it('sorts by standard, result, target and change', async () => {
    const user = userEvent.setup();
    const table = renderGlance();
    const sortBy = (name: string) =>
      user.click(within(header(table, name)).getByRole('button', { name }));

    await sortBy('Standard');
    expect(titles(table)).toEqual([...catalogueOrder].sort());

    // Percentages, lowest first, then working days; no figure last.
    await sortBy('Result');
    expect(titles(table)).toEqual([
      'Reply to written enquiries within 5 working days',
      'Answer calls within 60 seconds',
      'Trade mark and designs examination quality',
      'Examine trade mark applications within 10 working days',
      'Customers satisfied with our service',
    ]);

    await sortBy('Target');
    expect(titles(table)).toEqual([
      'Customers satisfied with our service',
      'Answer calls within 60 seconds',
      'Reply to written enquiries within 5 working days',
      'Trade mark and designs examination quality',
      'Examine trade mark applications within 10 working days',
    ]);

    // The worst changes first, whatever the unit: a rise in a turnaround is a change for the worse.
    await sortBy('Change on June 2025');
    expect(titles(table)).toEqual([
      'Reply to written enquiries within 5 working days',
      'Examine trade mark applications within 10 working days',
      'Answer calls within 60 seconds',
      'Trade mark and designs examination quality',
      'Customers satisfied with our service',
    ]);
  });

  it('a withheld satisfaction figure reads "fewer than 10", never its n, and sorts last', async () => {
    const csat = scorecardEntries.find((entry) => entry.code === 'csat')!;
    const withheld = buildEntry({
      ...csat,
      n: null,
      suppressed: true,
      previous: figure(monthPeriod(2025, 6), 0.87, 0.85),
      sparkline: csat.sparkline.map((point, i) =>
        i === 11 ? suppressedFigure(point.period) : point,
      ),
    });
    // A figure shown now, but withheld the period before.
    const complaints = buildEntry({
      code: 'complaints',
      title: 'Reply in full to complaints within 10 working days',
      value: 0.91,
      previous: suppressedFigure(monthPeriod(2025, 6), 0.9),
    });
    const table = renderGlance(
      buildScorecard({ standards: [withheld, complaints, scorecardEntries[1]!] }),
    );
    const [first, second] = rowTexts(table);
    expect(first).toEqual([
      'Customers satisfied with our service',
      'Fewer than 10 responses',
      '85%',
      'No data',
      'No figure to compare',
      '',
    ]);
    expect(second?.[4]).toBe('Earlier figure not shown: fewer than 10 responses');
    expect(within(bodyRows(table)[0]!).getByRole('img')).toHaveAccessibleName(
      /latest not shown \(fewer than 10 responses\); .* 1 period not shown: fewer than 10 responses\.$/,
    );
    expect(table).not.toHaveTextContent(/null|NaN|undefined/);

    const user = userEvent.setup();
    const result = within(header(table, 'Result')).getByRole('button', { name: 'Result' });
    await user.click(result);
    expect(titles(table).at(-1)).toBe('Customers satisfied with our service');
    await user.click(result);
    expect(header(table, 'Result')).toHaveAttribute('aria-sort', 'descending');
    expect(titles(table).at(-1)).toBe('Customers satisfied with our service');
  });

  it('says no data plainly for a standard with no figures at all', () => {
    const empty = scorecardEntries.map((entry) => ({
      ...entry,
      value: null,
      n: 0,
      successes: null,
      interval: null,
      lowVolume: false,
      status: 'no_data' as const,
      sparkline: entry.sparkline.map((point) => figure(point.period, null, point.target)),
    }));
    const table = renderGlance(buildScorecard({ standards: empty }));
    for (const row of rowTexts(table)) {
      expect([row[1], row[3], row[4]]).toEqual(['No data', 'No data', 'No figure to compare']);
    }
    expect(within(bodyRows(table)[0]!).getByRole('img')).toHaveAccessibleName(
      'No data in the last 12 periods.',
    );
  });
});

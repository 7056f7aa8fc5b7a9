import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryRouter, RouterProvider } from '../../../lib/router';
import {
  buildEntry,
  buildForecast,
  figure,
  monthPeriod,
  scorecardEntries,
  suppressedFigure,
} from '../../../test/dashboard-fixtures';
import { ScorecardCard } from './scorecard-card';

function renderCard(
  entry = scorecardEntries[0]!,
  forecast?: Parameters<typeof ScorecardCard>[0]['forecast'],
) {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: <ScorecardCard entry={entry} periodId="2025-07" forecast={forecast} />,
      },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} />);
  return screen.getByRole('article', { name: entry.title });
}

function row(card: HTMLElement, key: string) {
  const term = within(card).getByText(key, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('ScorecardCard', () => {
  it('shows the value against the target with the status as a word and a shape', () => {
    const card = renderCard();
    expect(
      within(card).getByRole('link', { name: 'Answer calls within 60 seconds' }),
    ).toHaveAttribute('href', '/standards/csc-calls?period=2025-07');
    expect(card).toHaveTextContent('94.2%');
    expect(card).toHaveTextContent('target 90%');
    const tag = within(card).getByText('Met', { selector: 'strong' });
    expect(tag).toHaveTextContent('Status: Met');
    // Never colour alone: the tag carries the 'met' shape (a tick in a circle).
    const icon = tag.querySelector('svg[data-status="met"]');
    expect(icon).not.toBeNull();
    expect(icon?.querySelector('circle')).not.toBeNull();
    expect(icon).toHaveAttribute('aria-hidden', 'true');
  });

  it('uses a different shape for each status', () => {
    const shapes = ['met', 'near', 'missed', 'no_data'].map((status) => {
      const entry = scorecardEntries.find((e) => e.status === status)!;
      const card = renderCard(entry);
      return card.querySelector(`.app-status-tag svg[data-status="${status}"] g`)?.innerHTML;
    });
    expect(new Set(shapes).size).toBe(4);
  });

  it('gives n, the interval, the changes in points, the year to date, the backlog and data as of', () => {
    const card = renderCard();
    expect(row(card, 'Counted')).toHaveTextContent(
      '21,345 items completed (95% confidence interval 93.9% to 94.5%)',
    );
    expect(row(card, 'Previous period')).toHaveTextContent('Up 2.1 points on June 2025 (better)');
    expect(row(card, 'A year earlier')).toHaveTextContent('Down 0.4 points on July 2024 (worse)');
    expect(row(card, 'Financial year to date')).toHaveTextContent(
      '93.1%, met (April to July 2025)',
    );
    expect(row(card, 'Backlog')).toHaveTextContent('120 open, 14 already late');
    expect(row(card, 'Data as of')).toHaveTextContent('6:05am on 4 August 2025');
  });

  it('compares percentile turnarounds in working days, where down is better', () => {
    const card = renderCard(scorecardEntries.find((entry) => entry.code === 'tm-exam')!);
    expect(card).toHaveTextContent('11 working days');
    expect(card).toHaveTextContent('target at most 10 working days');
    expect(within(card).getByText('Near target', { selector: 'strong' })).toBeInTheDocument();
    expect(row(card, 'Previous period')).toHaveTextContent(
      'Up 2 working days on June 2025 (worse)',
    );
    expect(row(card, 'A year earlier')).toHaveTextContent(
      'Down 1 working day on July 2024 (better)',
    );
  });

  it('flags low volume beside the status and explains it', () => {
    const card = renderCard(scorecardEntries.find((entry) => entry.code === 'quality-tm')!);
    expect(within(card).getByText(/Low volume/)).toHaveTextContent('Low volume: fewer than 30');
    expect(row(card, 'Counted')).toHaveTextContent(
      '24 checks made, below the minimum sample of 30',
    );
    expect(within(card).queryByText('Backlog')).not.toBeInTheDocument();
  });

  it('says no data plainly', () => {
    const card = renderCard(scorecardEntries.find((entry) => entry.code === 'csat')!);
    expect(within(card).getByText('No data', { selector: 'strong' })).toBeInTheDocument();
    expect(row(card, 'Previous period')).toHaveTextContent('No figure to compare with June 2025');
    expect(row(card, 'Data as of')).toHaveTextContent('No data yet');
  });

  it('a withheld satisfaction figure says "fewer than 10", never its n', () => {
    const csat = scorecardEntries.find((entry) => entry.code === 'csat')!;
    const card = renderCard(
      buildEntry({
        ...csat,
        n: null,
        suppressed: true,
        previous: suppressedFigure(monthPeriod(2025, 6)),
        lastYear: figure(monthPeriod(2024, 7), 0.87, 0.85),
        yearToDate: suppressedFigure(csat.yearToDate.period),
        sparkline: csat.sparkline.map((point, i) =>
          i === 11 ? suppressedFigure(point.period) : point,
        ),
      }),
    );
    expect(card.querySelector('.app-figure__value')).toHaveTextContent('Not shown');
    expect(row(card, 'Counted')).toHaveTextContent(
      /^Fewer than 10 responses with a score, so the figure is not shown$/,
    );
    expect(row(card, 'Previous period')).toHaveTextContent('No figure to compare with June 2025');
    expect(row(card, 'Financial year to date')).toHaveTextContent(
      'fewer than 10 responses (April to July 2025)',
    );
    expect(within(card).getByRole('img')).toHaveAccessibleName(
      /latest not shown \(fewer than 10 responses\); .* 1 period not shown: fewer than 10 responses\.$/,
    );
    expect(card).not.toHaveTextContent(/null|NaN/);
  });

  it('a withheld earlier figure is named as such in the change', () => {
    const card = renderCard(
      buildEntry({ code: 'csat-x', previous: suppressedFigure(monthPeriod(2025, 6)) }),
    );
    expect(row(card, 'Previous period')).toHaveTextContent(
      'Not shown for June 2025: fewer than 10 responses',
    );
  });

  it('has a sparkline with a text alternative', () => {
    const card = renderCard();
    const sparkline = within(card).getByRole('img');
    expect(sparkline).toHaveAccessibleName(
      'August 2024 to July 2025: lowest 82%, highest 98%; latest 94.2% (met); target met in 9 of 12 periods.',
    );
  });

  it('shows the forecast sentence for the quarter in progress', () => {
    const forecast = buildForecast('csc-calls');
    const card = renderCard(buildEntry({ code: 'csc-calls', title: 'Calls' }), {
      data: forecast,
      isPending: false,
      isError: false,
    });
    expect(row(card, 'This quarter')).toHaveTextContent(forecast.sentence);
  });
});

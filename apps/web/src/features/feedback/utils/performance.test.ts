import { describe, expect, it } from 'vitest';
import { buildPerformance } from '../../../test/team-fixtures';
import { correlationSentence, monthName, performanceRows } from './performance';

describe('the correlation in words', () => {
  it('states the association, its figures and that it shows no cause', () => {
    expect(correlationSentence(0.62, 12, 12)).toBe(
      'Over these 12 months, months with more work on time also had higher satisfaction (correlation 0.62, 12 months with both figures). This does not show that one causes the other.',
    );
    expect(correlationSentence(-0.41, 10, 12)).toBe(
      'Over these 12 months, months with more work on time had lower satisfaction (correlation −0.41, 10 months with both figures). This does not show that one causes the other.',
    );
    expect(correlationSentence(0.2, 12, 12)).toMatch(
      /months with more work on time had slightly higher satisfaction \(correlation 0\.20,/,
    );
    expect(correlationSentence(0.04, 12, 12)).toMatch(
      /^Over these 12 months, satisfaction did not rise or fall with the share of work done on time \(correlation 0\.04, 12 months with both figures\)\. This does not show/,
    );
  });

  it('never uses the words of a cause', () => {
    for (const r of [-0.9, -0.3, -0.05, 0, 0.05, 0.3, 0.9]) {
      expect(correlationSentence(r, 12, 12)).not.toMatch(
        /\b(because|caused by|leads to|due to|drives)\b/,
      );
    }
  });

  it('says why there is no correlation', () => {
    expect(correlationSentence(null, 2, 12)).toBe(
      'There are too few months with both figures to compare them: 2 months of 12, and at least 3 are needed (a month needs 10 or more responses with a score).',
    );
    expect(correlationSentence(null, 12, 12)).toMatch(
      /did not change, so the two cannot be compared/,
    );
  });
});

describe('rows of satisfaction beside work on time', () => {
  it('pairs each month with its share on time, each with its n; a withheld month stays withheld', () => {
    const performance = buildPerformance();
    const rows = performanceRows(performance, performance.standards[0]!);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({
      month: '2024-12',
      label: 'December 2024',
      satisfiedPct: 80,
      onTimePct: 80,
      onTimeN: 1000,
    });
    expect(rows[3]).toMatchObject({ satisfiedPct: null, onTimePct: 83, onTimeN: 1003 });
    expect(rows[3]?.satisfied).toMatchObject({ suppressed: true, n: null, value: null });
    expect(monthName('2025-01')).toBe('January 2025');
  });
});

import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../../components/charts/data-table';
import {
  buildBreakdown,
  buildCsatBreakdown,
  buildCsatDistribution,
  buildCsatSeries,
  buildDistribution,
  buildItems,
  buildSeries,
  figure,
  monthPeriod,
} from '../../../test/dashboard-fixtures';
import {
  ageingRows,
  breakdownColumns,
  breakdownRows,
  breakdownSummary,
  distributionColumns,
  distributionRows,
  distributionSummary,
  itemColumns,
  londonTimestamp,
  trendColumns,
  trendRows,
  trendSummary,
} from './tables';

describe('chart rows', () => {
  it('give the trend table the series numbers, as percentages to 1 decimal place', () => {
    const series = buildSeries();
    const rows = trendRows(series.points, series.unit);
    expect(rows).toHaveLength(series.points.length);
    rows.forEach((row, i) => {
      const point = series.points[i]!;
      expect(row.period).toBe(point.period.label);
      expect(row.value).toBeCloseTo((point.value ?? 0) * 100, 1);
      expect(row.target).toBeCloseTo((point.target ?? 0) * 100, 1);
      expect(row.n).toBe(point.n);
    });
    // The target step from 85% to 90% in April 2025 is in the data.
    expect(rows.map((row) => row.target)).toEqual([85, 85, 85, 85, 85, 85, 85, 85, 90, 90, 90, 90]);
    const csv = tableCsv(trendColumns(series.unit), rows).split('\r\n');
    expect(csv[0]).toBe(
      'Period,Value (%),Target (%),Status,Number counted,Low volume,95% interval from (%),95% interval to (%)',
    );
    expect(csv[12]).toBe('July 2025,94.2,90,Met,400,No,91.2,96.2');
    expect(trendSummary(series.points, series.unit, 'for everyone')).toBe(
      'August 2024 to July 2025 for everyone: the latest figure is 94.2% (met) against a target of 90%. The target was met in 10 of 12 periods; lowest 82%, highest 98%.',
    );
  });

  it('give the breakdown table every group with its gap in points and fairness flag', () => {
    const data = buildBreakdown('customerGroup');
    const rows = breakdownRows(data.groups, data.unit);
    expect(tableCsv(breakdownColumns(data.unit), rows)).toBe(
      'Group,Value (%),Status,Number counted,Low volume,Gap to other groups (points),Fairness flag\r\n' +
        'Individuals,86,Missed,300,No,-11,Yes\r\n' +
        'Attorneys and agents,97,Met,500,No,5,No\r\n',
    );
  });

  it('split each distribution band into meeting and not meeting the standard', () => {
    const data = buildDistribution();
    const rows = distributionRows(data);
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(data.n);
    expect(rows.find((row) => row.band === '60-69 seconds')).toMatchObject({
      count: 40,
      within: 10,
      beyond: 30,
    });
    expect(distributionColumns(data).map((column) => column.header)).toEqual([
      'Time taken (seconds)',
      'Count',
      'Meeting the standard',
      'Not meeting the standard',
    ]);
  });

  it('band open items by age against the threshold', () => {
    const items = buildItems({ status: 'open', count: 8 }).items;
    expect(ageingRows(items, 60, 'seconds')).toEqual([
      { key: 'half', band: '0 to 30 seconds', open: 2, late: 0 },
      { key: 'within', band: '31 to 60 seconds', open: 2, late: 0 },
      { key: 'double', band: '61 to 120 seconds', open: 2, late: 2 },
      { key: 'older', band: 'Over 120 seconds', open: 2, late: 2 },
    ]);
  });

  it('write record times in London time and neutralise formulas in the CSV', () => {
    expect(londonTimestamp('2025-07-01T08:14:00Z')).toBe('2025-07-01 09:14');
    expect(londonTimestamp('2025-01-01T08:14:00Z')).toBe('2025-01-01 08:14');
    const csv = tableCsv(itemColumns('timeliness', 'seconds'), buildItems({ count: 1 }).items);
    expect(csv.split('\r\n')[1]).toBe(
      '"\'=HYPERLINK(""x"")",call,Support Team A,Phone,Individuals,2025-07-01 09:14,2025-07-01 09:16,130,,Yes',
    );
  });
});

describe('working days, where fewer is better', () => {
  const days = (month: number, value: number, status: 'met' | 'missed') =>
    figure(monthPeriod(2025, month), value, 10, { status, interval: null, successes: null });

  it('the trend table and summary say that lower is better', () => {
    const points = [days(6, 12, 'missed'), days(7, 9, 'met')];
    const csv = tableCsv(trendColumns('working_days'), trendRows(points, 'working_days'));
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      'Period,Value (working days; lower is better),Target (working days),Status,Number counted,Low volume',
      'June 2025,12,10,Missed,400,No',
      'July 2025,9,10,Met,400,No',
    ]);
    expect(trendSummary(points, 'working_days', 'for everyone')).toBe(
      'June 2025 to July 2025 for everyone: the latest figure is 9 working days (met) against a target of 10 working days or fewer; lower is better. The target was met in 1 of 2 periods; lowest 9 working days, highest 12 working days.',
    );
  });

  it('the breakdown table and summary say so too, the fewest days being the best', () => {
    const shares = buildBreakdown('team');
    const [a, b] = shares.groups;
    const data = {
      ...shares,
      unit: 'working_days' as const,
      target: 10,
      overall: days(7, 9, 'met'),
      groups: [
        { ...a!, value: 8, interval: null, successes: null, status: 'met' as const },
        { ...b!, value: 12, interval: null, successes: null, status: 'missed' as const },
      ],
    };
    expect(breakdownColumns('working_days')[1]?.header).toBe(
      'Value (working days; lower is better)',
    );
    expect(breakdownSummary(data, 'Team')).toBe(
      'Overall 9 working days in July 2025 (lower is better), by team: best Support Team A at 8 working days, weakest Support Team B at 12 working days. No group differs from the others enough to be flagged.',
    );
  });
});

describe('withheld satisfaction figures', () => {
  it('the trend CSV writes "fewer than 10" for a withheld month, never null or its n', () => {
    const series = buildCsatSeries();
    const rows = trendRows(series.points, series.unit);
    const june = rows.find((row) => row.id === '2025-06');
    expect(june).toMatchObject({ value: null, n: null, suppressed: true });
    const csv = tableCsv(trendColumns(series.unit), rows).split('\r\n');
    expect(csv).toContain('June 2025,fewer than 10,85,Not shown,fewer than 10,No,,');
    expect(csv.join('\n')).not.toMatch(/null/);
    expect(trendSummary(series.points, series.unit, 'for everyone')).toMatch(
      /1 period is not shown: fewer than 10 responses\.$/,
    );
  });

  it('the breakdown CSV writes "fewer than 10" for a withheld group', () => {
    const data = buildCsatBreakdown();
    const csv = tableCsv(breakdownColumns(data.unit), breakdownRows(data.groups, data.unit));
    expect(csv.split('\r\n')).toContain('Post,fewer than 10,Not shown,fewer than 10,No,,');
    expect(csv).not.toMatch(/null/);
  });

  it('a withheld distribution is described without a count', () => {
    expect(distributionSummary(buildCsatDistribution(true))).toBe(
      'Fewer than 10 responses with a score in July 2025, so the scores are not shown.',
    );
  });
});

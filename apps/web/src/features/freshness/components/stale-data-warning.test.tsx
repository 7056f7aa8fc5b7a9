import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildForecast, buildScorecard, callsDetail } from '../../../test/dashboard-fixtures';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { buildStandard } from '../../../test/standards-fixture';
import { buildFreshness } from '../../../test/team-fixtures';
import { staleSourcesOf, usesSource } from '../utils/stale-sources';

const standards = {
  standards: [
    buildStandard({
      code: 'csc-calls',
      title: 'Answer calls within 60 seconds',
      workTypes: ['phone_call'],
    }),
    buildStandard({
      code: 'tm-exam',
      title: 'Examine trade mark applications within 10 working days',
      measure: 'percentile_turnaround',
      workTypes: ['tm_examination', 'tm_intl_examination'],
    }),
    buildStandard({
      code: 'quality-tm',
      title: 'Trade mark and designs examination quality',
      kind: 'accuracy',
      measure: 'pass_rate',
      workTypes: ['tm_examination'],
    }),
    buildStandard({
      code: 'csat',
      title: 'Customers satisfied with our service',
      kind: 'satisfaction',
      measure: 'satisfied_share',
      workTypes: [],
    }),
  ],
};

function api(stale: boolean) {
  return routeFetch((url) => {
    if (url.pathname === '/api/scorecard') return jsonResponse(buildScorecard());
    if (url.pathname === '/api/freshness') return jsonResponse(buildFreshness(stale));
    if (url.pathname === '/api/standards') return jsonResponse(standards);
    if (url.pathname === '/api/standards/tm-exam') {
      return jsonResponse({
        ...callsDetail,
        code: 'tm-exam',
        title: 'Examine trade mark applications within 10 working days',
      });
    }
    const forecast = url.pathname.match(/^\/api\/standards\/([^/]+)\/forecast$/);
    if (forecast) return jsonResponse(buildForecast(forecast[1]!));
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No route' }, 404);
  });
}

const warningText =
  /^Trade mark examination work items may be out of date: last updated 10:30am on 23 July 2025; the newest record is from 10:00am on 23 July 2025 \(8 working days ago\)\./;

describe('stale data sources', () => {
  it('the scorecard warns of a stale source, naming it, its last update and its standards', async () => {
    api(true);
    renderApp('/');
    await screen.findByText('2 of 5 standards met in July 2025');
    const warning = (await screen.findByText(warningText)).closest('.govuk-warning-text');
    expect(warning).not.toBeNull();
    expect(warning).toHaveTextContent(
      'Used by Examine trade mark applications within 10 working days.',
    );
    // quality-tm reads quality checks, not work items: not named.
    expect(warning).not.toHaveTextContent('examination quality');
    // The icon is decorative; the word 'Warning' is read out.
    expect(within(warning as HTMLElement).getByText('Warning')).toHaveClass(
      'govuk-visually-hidden',
    );
  });

  it("the standard's page warns of its own stale source", async () => {
    api(true);
    renderApp('/standards/tm-exam');
    await screen.findByRole('heading', {
      level: 1,
      name: 'Examine trade mark applications within 10 working days',
    });
    const warning = await screen.findByText(warningText);
    expect(warning).not.toHaveTextContent('Used by');
  });

  it('says nothing when every source is fresh', async () => {
    api(false);
    const { queryClient } = renderApp('/');
    await screen.findByText('2 of 5 standards met in July 2025');
    // Both answers have arrived (and would have drawn a warning by now).
    await waitFor(() => {
      expect(queryClient.getQueryState(['freshness'])?.status).toBe('success');
      expect(queryClient.getQueryState(['standards'])?.status).toBe('success');
    });
    expect(screen.queryByText(/may be out of date/)).toBeNull();
    expect(document.querySelector('.govuk-warning-text')).toBeNull();
  });
});

describe('which standards use a source', () => {
  it('work items by work type; quality checks for pass rates; feedback for satisfaction', () => {
    const [calls, tm, quality, csat] = standards.standards as [
      (typeof standards.standards)[number],
      (typeof standards.standards)[number],
      (typeof standards.standards)[number],
      (typeof standards.standards)[number],
    ];
    const items = { kind: 'work_items' as const, workType: { code: 'tm_examination', name: 'x' } };
    const checks = { kind: 'quality_checks' as const, workType: items.workType };
    const feedback = { kind: 'feedback' as const, workType: null };
    expect([calls, tm, quality, csat].map((s) => usesSource(s, items))).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect([calls, tm, quality, csat].map((s) => usesSource(s, checks))).toEqual([
      false,
      false,
      true,
      false,
    ]);
    expect([calls, tm, quality, csat].map((s) => usesSource(s, feedback))).toEqual([
      false,
      false,
      false,
      true,
    ]);
    // Only the standards shown count.
    expect(staleSourcesOf(buildFreshness(true), standards.standards, ['csc-calls'])).toEqual([]);
    expect(
      staleSourcesOf(buildFreshness(true), standards.standards, ['tm-exam']).map((s) => s.name),
    ).toEqual(['Trade mark examination work items']);
  });
});

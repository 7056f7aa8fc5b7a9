import type {
  StandardDetailResponse,
  TargetPreviewResponse,
  UpdateStandardResponse,
} from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callsDetail, monthPeriod } from '../../../test/dashboard-fixtures';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { catalogueResponse } from '../../../test/standards-fixture';
import { adminSession, bodyOf, job, requestsOf } from './admin-test-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The last 12 months: values between 90% and 94%, met now; three below 93% (missed at 95%). */
function previewOf(target = 0.95, tolerance = 0.01): TargetPreviewResponse {
  const values = [0.94, 0.95, 0.96, 0.92, 0.94, 0.93, 0.95, 0.91, 0.96, 0.97, 0.935, 0.925];
  return {
    code: 'csc-calls',
    measure: 'within_threshold_share',
    unit: 'share',
    proposed: { effectiveFrom: '2025-06-01', target, tolerance },
    periods: values.map((value, i) => {
      const period = monthPeriod(i < 1 ? 2024 : 2025, i < 1 ? 12 : i);
      const after = period.start >= '2025-06-01';
      const proposedStatus = !after
        ? 'met'
        : value >= target
          ? 'met'
          : target - value <= tolerance + 1e-9
            ? 'near'
            : 'missed';
      return {
        period,
        value,
        n: 1000 + i,
        suppressed: false,
        lowVolume: false,
        currentTarget: 0.9,
        currentStatus: 'met' as const,
        proposedTarget: after ? target : 0.9,
        proposedStatus,
      };
    }),
    changed: 3,
  };
}

function detailAfter(): StandardDetailResponse {
  return {
    ...callsDetail,
    targets: [
      { ...callsDetail.targets[0]! },
      { ...callsDetail.targets[1]!, effectiveTo: '2025-05-31' },
      {
        value: 0.95,
        tolerance: 0.01,
        effectiveFrom: '2025-06-01',
        effectiveTo: null,
        reason: 'Callers wait less',
        changedBy: 'Ada Okoro',
      },
    ],
  };
}

/** The API of the standard page; `extra` answers the changes (null: not found). */
function serve(
  extra: (url: URL, init: RequestInit) => Response | null = () => null,
  detail: () => StandardDetailResponse = () => callsDetail,
) {
  return routeFetch((url, init) => {
    const answer = extra(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/standards') return jsonResponse(catalogueResponse);
    if (url.pathname === '/api/standards/csc-calls') return jsonResponse(detail());
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No such thing' }, 404);
  });
}

async function openCalls() {
  renderApp('/admin/standards/csc-calls', { session: adminSession });
  await screen.findByRole('heading', { level: 1, name: 'Answer calls within 60 seconds' });
}

async function fillTarget(
  user: ReturnType<typeof userEvent.setup>,
  values: { target?: string; tolerance?: string; day?: string; month?: string; year?: string },
) {
  const form = screen.getByRole('region', { name: 'Add a target version' });
  const type = async (label: string | RegExp, text: string | undefined) => {
    if (text === undefined) return;
    const box = within(form).getByLabelText(label);
    await user.clear(box);
    if (text) await user.type(box, text);
  };
  await type('Target', values.target);
  await type('Tolerance (percentage points)', values.tolerance);
  await type('Day', values.day);
  await type('Month', values.month);
  await type('Year', values.year);
}

describe('/admin/standards', () => {
  it('lists the standards with their threshold and target in force, each linked to its page', async () => {
    serve();
    renderApp('/admin/standards', { session: adminSession });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Standards and targets' }),
    ).toBeInTheDocument();
    const row = await screen.findByRole('row', { name: /Answer calls within 60 seconds/ });
    expect(within(row).getByRole('link')).toHaveAttribute('href', '/admin/standards/csc-calls');
    expect(row).toHaveTextContent('60 seconds');
    expect(row).toHaveTextContent('90% (tolerance 2 percentage points, since 1 April 2025)');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});

describe('/admin/standards/:code', () => {
  it('shows the threshold, the rules and the target history, newest first', async () => {
    serve();
    await openCalls();
    expect(
      screen.getByText('Minimum sample', { selector: 'dt' }).nextElementSibling,
    ).toHaveTextContent('30');
    expect(screen.getByText('Threshold', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      '60 seconds',
    );
    const history = screen.getByRole('table', { name: 'Target history' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'From 1 April 202590%2 percentage pointsadminCharter 2025',
      '1 April 2024 to 31 March 202585%2 percentage pointsadminCharter 2024',
    ]);
  });

  it('lists what is missing in the error summary, linked to each field, and asks nothing of the API', async () => {
    const fetchMock = serve();
    const user = userEvent.setup();
    await openCalls();
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('There is a problem')).toBeInTheDocument();
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Enter the target', '#target-value'],
      ['Enter the date the target takes effect', '#target-from-day'],
      ['Enter why the target changes', '#target-reason'],
    ]);
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    expect(document.title).toBe(
      'Error: Answer calls within 60 seconds: standards and targets – Service standards – Intellectual Property Office',
    );
    expect(screen.getByLabelText('Target')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter the target'),
    );
    expect(screen.getByLabelText('Target')).toHaveClass('govuk-input--error');
    expect(requestsOf(fetchMock).filter((r) => !r.startsWith('GET'))).toEqual([]);
  });

  it('refuses a share above 100%, a date that does not exist and one before the latest version', async () => {
    serve();
    const user = userEvent.setup();
    await openCalls();
    await fillTarget(user, { target: '150', day: '31', month: '2', year: '2026' });
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));
    let summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Target must be more than 0% and no more than 100%');
    expect(summary).toHaveTextContent('Date the target takes effect must be a real date');

    await fillTarget(user, { target: '95', day: '1', month: '1', year: '2025' });
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));
    summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(
      'Date the target takes effect must be after 1 April 2025, when the latest target took effect',
    );
    expect(summary).not.toHaveTextContent('Target must be');
  });

  it('previews the change month by month, then confirms it and shows the new target', async () => {
    let saved = false;
    const fetchMock = serve(
      (url) => {
        if (url.pathname === '/api/admin/standards/csc-calls/targets/preview') {
          return jsonResponse(previewOf());
        }
        if (url.pathname === '/api/admin/standards/csc-calls/targets') {
          saved = true;
          const targets = detailAfter().targets.map(({ value, ...v }) => ({ ...v, target: value }));
          return jsonResponse({ code: 'csc-calls', targets }, 201);
        }
        return null;
      },
      () => (saved ? detailAfter() : callsDetail),
    );
    const user = userEvent.setup();
    await openCalls();
    await fillTarget(user, { target: '95', tolerance: '1', day: '1', month: '6', year: '2025' });
    await user.type(
      screen.getByLabelText('Reason', { selector: '#target-reason' }),
      'Callers wait less',
    );
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));

    // The preview step: what would change, before anything is stored.
    const heading = await screen.findByRole('heading', {
      name: 'Check the new target before you confirm it',
    });
    await waitFor(() => expect(heading).toHaveFocus());
    const previewCall = fetchMock.mock.calls.find((c) => String(c[0]).endsWith('/preview'));
    expect(previewCall?.[1]?.method).toBe('POST');
    expect(bodyOf(previewCall?.[1] ?? {})).toEqual({
      effectiveFrom: '2025-06-01',
      target: 0.95,
      tolerance: 0.01,
    });
    expect(screen.getByText('3 of the last 12 months would change status.')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Status of the last 12 complete months/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(12);
    const july = within(table).getByRole('row', { name: /July 2025/ });
    const cells = within(july).getAllByRole('cell');
    // Value, items, now, with the new target, change: words and shapes, not colour alone.
    expect(cells[0]).toHaveTextContent('91%');
    expect(cells[2]).toHaveTextContent('Met');
    expect(cells[2]?.querySelector('svg[data-status="met"]')).not.toBeNull();
    expect(cells[3]).toHaveTextContent('Missed');
    expect(cells[3]).toHaveTextContent('target 95%');
    expect(cells[3]?.querySelector('svg[data-status="missed"]')).not.toBeNull();
    expect(cells[4]).toHaveTextContent('Changes');
    const may = within(table).getByRole('row', { name: /May 2025/ });
    expect(within(may).getAllByRole('cell')[4]).toHaveTextContent('No change');
    expect(requestsOf(fetchMock)).not.toContain('POST /api/admin/standards/csc-calls/targets');

    // The confirm step stores it, with who and why.
    await user.click(screen.getByRole('button', { name: 'Confirm the new target' }));
    const done = await screen.findByText('New target saved: 95% from 1 June 2025');
    await waitFor(() => expect(done).toHaveFocus());
    const confirmCall = fetchMock.mock.calls.find((c) => String(c[0]).endsWith('/targets'));
    expect(bodyOf(confirmCall?.[1] ?? {})).toEqual({
      effectiveFrom: '2025-06-01',
      target: 0.95,
      tolerance: 0.01,
      reason: 'Callers wait less',
      changedBy: 'Ada Okoro',
    });
    // The history is read again and shows it.
    const history = screen.getByRole('table', { name: 'Target history' });
    await within(history).findByText('From 1 June 2025');
    expect(within(history).getByText('1 April 2025 to 31 May 2025')).toBeInTheDocument();
    expect(screen.getByText(/November 2025 on the scorecard/)).toHaveTextContent('Missed');
  });

  it('goes back from the preview to the form, values kept, to change the target', async () => {
    serve((url) =>
      url.pathname.endsWith('/preview') ? jsonResponse(previewOf(0.95, 0.01)) : null,
    );
    const user = userEvent.setup();
    await openCalls();
    await fillTarget(user, { target: '95', tolerance: '1', day: '1', month: '6', year: '2025' });
    await user.type(
      screen.getByLabelText('Reason', { selector: '#target-reason' }),
      'Callers wait less',
    );
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));
    await user.click(await screen.findByRole('button', { name: 'Change the new target' }));
    expect(await screen.findByLabelText('Target')).toHaveValue('95');
    expect(screen.getByLabelText('Reason', { selector: '#target-reason' })).toHaveValue(
      'Callers wait less',
    );
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Add a target version' })).toHaveFocus(),
    );
  });

  it('takes a refused confirmation back to the form, with the server’s reason against the date', async () => {
    serve((url) => {
      if (url.pathname.endsWith('/preview')) return jsonResponse(previewOf());
      if (url.pathname.endsWith('/targets')) {
        return jsonResponse(
          {
            statusCode: 409,
            error: 'Conflict',
            message: 'effectiveFrom: must be after 2025-07-01',
            issues: [{ field: 'effectiveFrom', message: 'must be after 2025-07-01' }],
          },
          409,
        );
      }
      return null;
    });
    const user = userEvent.setup();
    await openCalls();
    await fillTarget(user, { target: '95', tolerance: '1', day: '1', month: '6', year: '2025' });
    await user.type(
      screen.getByLabelText('Reason', { selector: '#target-reason' }),
      'Callers wait less',
    );
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm the new target' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', {
      name: 'Date the target takes effect must be after 2025-07-01',
    });
    expect(link).toHaveAttribute('href', '#target-from-day');
    expect(
      screen.getByRole('group', { name: 'Date the target takes effect' }),
    ).toHaveAccessibleDescription(
      expect.stringContaining('Error: Date the target takes effect must be after 2025-07-01'),
    );
  });
});

describe('the threshold, working days and minimum sample', () => {
  it('asks why, and says when nothing changed', async () => {
    const fetchMock = serve();
    const user = userEvent.setup();
    await openCalls();
    const save = screen.getByRole('button', { name: 'Save the rules' });
    await user.click(save);
    let summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'Enter why the rules change' }),
    ).toHaveAttribute('href', '#rules-reason');
    await user.type(screen.getByLabelText('Reason', { selector: '#rules-reason' }), 'Tidy up');
    await user.clear(screen.getByLabelText('Threshold'));
    await user.type(screen.getByLabelText('Threshold'), 'sixty');
    await user.click(save);
    summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Threshold must be a whole number');
    await user.clear(screen.getByLabelText('Threshold'));
    await user.type(screen.getByLabelText('Threshold'), '60');
    await user.click(save);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Change the threshold, the working days or the minimum sample: nothing changed',
      ),
    );
    expect(requestsOf(fetchMock).filter((r) => r.startsWith('PATCH'))).toEqual([]);
  });

  it('shows the recalculation a threshold change starts while it runs, then its outcome', async () => {
    let polls = 0;
    const answer: UpdateStandardResponse = {
      code: 'csc-calls',
      changes: { thresholdValue: { from: 60, to: 30 } },
      recalculation: job({ status: 'queued' }),
    };
    const fetchMock = serve((url, init) => {
      if (url.pathname === '/api/admin/standards/csc-calls' && init.method === 'PATCH') {
        return jsonResponse(answer, 202);
      }
      if (url.pathname === '/api/admin/recalculations/7') {
        polls++;
        return jsonResponse(
          polls === 1
            ? job({ status: 'running', done: 40, total: 100 })
            : job({
                status: 'succeeded',
                done: 100,
                total: 100,
                finishedAt: '2025-12-01T10:01:00Z',
              }),
        );
      }
      return null;
    });
    const user = userEvent.setup();
    await openCalls();
    await user.clear(screen.getByLabelText('Threshold'));
    await user.type(screen.getByLabelText('Threshold'), '30');
    await user.type(
      screen.getByLabelText('Reason', { selector: '#rules-reason' }),
      'Faster answers',
    );
    await user.click(screen.getByRole('button', { name: 'Save the rules' }));

    expect(
      await screen.findByText(
        'Saved: Threshold changed from 60 to 30. It applies when the recalculation has finished.',
      ),
    ).toBeInTheDocument();
    const patch = fetchMock.mock.calls.find((c) => c[1]?.method === 'PATCH');
    expect(bodyOf(patch?.[1] ?? {})).toEqual({ thresholdValue: 30, reason: 'Faster answers' });

    const bar = await screen.findByLabelText('Recalculation progress');
    expect(bar.tagName).toBe('PROGRESS');
    expect(bar).toHaveAttribute('value', '40');
    expect(screen.getByText(/40 of 100 work items recalculated \(40%\)/)).toBeInTheDocument();

    expect(
      await screen.findByRole('heading', { name: 'Recalculation finished' }),
    ).toBeInTheDocument();
    expect(screen.getByText('The recalculation has finished.')).toHaveAttribute('role', 'status');
    expect(screen.getByText(/100 work items were recalculated/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Recalculation progress')).not.toBeInTheDocument();
    expect(polls).toBe(2);
  });

  it('changes the minimum sample at once, without a recalculation', async () => {
    serve((url, init) =>
      init.method === 'PATCH'
        ? jsonResponse({
            code: 'csc-calls',
            changes: { minimumSample: { from: 30, to: 50 } },
            recalculation: null,
          })
        : url.pathname.startsWith('/api/admin/recalculations')
          ? jsonResponse({ statusCode: 500, error: 'x', message: 'not expected' }, 500)
          : null,
    );
    const user = userEvent.setup();
    await openCalls();
    await user.clear(screen.getByLabelText('Minimum sample'));
    await user.type(screen.getByLabelText('Minimum sample'), '50');
    await user.type(screen.getByLabelText('Reason', { selector: '#rules-reason' }), 'Busier line');
    await user.click(screen.getByRole('button', { name: 'Save the rules' }));
    const saved = await screen.findByText('Saved: Minimum sample changed from 30 to 50.');
    await waitFor(() => expect(saved).toHaveFocus());
    expect(screen.queryByLabelText('Recalculation progress')).not.toBeInTheDocument();
  });
});

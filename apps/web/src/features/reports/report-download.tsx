import { MONTH_ID } from '@ipo/domain/vocabulary';
import { useEffect, useRef, useState } from 'react';
import { apiGetFile, isApiError } from '../../lib/api-client';
import { downloadBlob } from '../../lib/download';
import { londonYearMonth, monthId, monthLabel } from '../../lib/periods';
import { useCan } from '../session/access';

/**
 * True for a month that has ended (London): the board report is monthly and covers whole months,
 * so quarters, years and the month in progress have none.
 */
export function hasBoardReport(period: string, now: Date = new Date()): boolean {
  if (!MONTH_ID.test(period)) return false;
  const { year, month } = londonYearMonth(now);
  return period < monthId(year, month);
}

/** Why the download failed, in words. */
function failureInWords(error: unknown): string {
  if (isApiError(error)) {
    if (error.kind === 'network') {
      return 'The board report could not be downloaded: the dashboard could not reach the server. Check your connection and try again.';
    }
    if (error.status === 403) {
      return 'The board report could not be downloaded: only managers may download it.';
    }
    return `The board report could not be downloaded: ${error.message}${error.isRetryable ? ' Try again later.' : ''}`;
  }
  return 'The board report could not be downloaded. Try again later.';
}

type State =
  | { kind: 'idle' }
  | { kind: 'pending' }
  /** `period`: the month it was for (a failure for another month is not shown). */
  | { kind: 'failed'; message: string; period: string };

/**
 * 'Download the board report (PDF)' for a month's scorecard (GET /api/reports/monthly), for the
 * users who may publish (managers). Nothing for anyone else, or for a period with no monthly
 * report. While the PDF is made the button is aria-disabled (it keeps focus) and a status line
 * says so; a failure is said in words under it.
 */
export function ReportDownload({ period }: { period: string }) {
  const allowed = useCan('publish');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);
  if (!allowed || !hasBoardReport(period)) return null;
  const label = monthLabel(Number(period.slice(0, 4)), Number(period.slice(5, 7)));
  const pending = state.kind === 'pending';
  const failed = state.kind === 'failed' && state.period === period ? state.message : null;

  const download = async () => {
    if (pending) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setState({ kind: 'pending' });
    try {
      const file = await apiGetFile(`/api/reports/monthly?period=${encodeURIComponent(period)}`, {
        signal: controller.signal,
      });
      downloadBlob(file.filename ?? `ipo-service-standards-${period}.pdf`, file.blob);
      setState({ kind: 'idle' });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({ kind: 'failed', message: failureInWords(error), period });
    } finally {
      if (inFlight.current === controller) inFlight.current = null;
    }
  };

  return (
    <div className="app-report-download">
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
        aria-disabled={pending}
        aria-describedby={failed ? 'report-download-error' : undefined}
        onClick={() => void download()}
      >
        Download the board report (PDF) <span className="govuk-visually-hidden">for {label}</span>
      </button>
      <p className="govuk-body-s govuk-!-margin-bottom-4" role="status">
        {pending ? `Preparing the board report for ${label}…` : ''}
      </p>
      {failed ? (
        <p className="govuk-error-message" id="report-download-error" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {failed}
        </p>
      ) : null}
    </div>
  );
}

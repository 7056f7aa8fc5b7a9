import type { Session } from '@ipo/contracts';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProvider } from '../../app/provider';
import { londonYearMonth, monthId } from '../../lib/periods';
import { resetSessionStore } from '../../lib/session-store';
import { deferred, jsonResponse, stubFetch } from '../../test/render';
import {
  dataSteward,
  managerSession,
  sessionOf,
  teamLead,
  viewer,
} from '../../test/session-fixtures';
import { storeSession } from '../session/api/session-api';
import { hasBoardReport, ReportDownload } from './report-download';

function renderDownload(period: string, session: Session = managerSession) {
  resetSessionStore();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  storeSession(queryClient, session);
  return render(
    <AppProvider queryClient={queryClient}>
      <ReportDownload period={period} />
    </AppProvider>,
  );
}

const pdfResponse = (filename = 'ipo-service-standards-2025-07.pdf') =>
  // A string body: jsdom's Blob cannot be streamed by the fetch Response of Node.
  new Response('%PDF-1.7 test', {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });

/** Catches the download: the blob handed to the browser and the file name it is saved as. */
function catchDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:test-${blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, blob: blobs.at(-1) as Blob });
  });
  return saved;
}

const button = () => screen.getByRole('button', { name: /^Download the board report \(PDF\)/ });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('ReportDownload', () => {
  it('downloads the month’s PDF for a manager, saying so while it is made', async () => {
    const saved = catchDownloads();
    const answer = deferred<Response>();
    const fetchMock = stubFetch(() => answer.promise);
    const user = userEvent.setup();
    renderDownload('2025-07');

    expect(button()).toHaveAccessibleName('Download the board report (PDF) for July 2025');
    expect(button()).toHaveClass('govuk-button--secondary');
    await user.click(button());
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/reports/monthly?period=2025-07');
    // While the PDF is made: the button is disabled (keeping focus) and the status says why.
    expect(button()).toHaveAttribute('aria-disabled', 'true');
    expect(button()).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Preparing the board report for July 2025…',
    );
    await user.click(button());
    expect(fetchMock).toHaveBeenCalledTimes(1);

    answer.resolve(pdfResponse());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe('ipo-service-standards-2025-07.pdf');
    expect(saved[0]?.blob.type).toBe('application/pdf');
    expect(await saved[0]?.blob.text()).toBe('%PDF-1.7 test');
    await waitFor(() => expect(button()).toHaveAttribute('aria-disabled', 'false'));
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says in words why it failed, and can be tried again', async () => {
    const saved = catchDownloads();
    stubFetch(
      async () =>
        jsonResponse(
          {
            statusCode: 500,
            error: 'Internal Server Error',
            message: 'Something went wrong on our side. It has been logged.',
            requestId: 'req-1',
          },
          500,
        ),
      async () => {
        throw new TypeError('Failed to fetch');
      },
      async () => pdfResponse(),
    );
    const user = userEvent.setup();
    renderDownload('2025-07');

    await user.click(button());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Error: The board report could not be downloaded: Something went wrong on our side. It has been logged. Try again later.',
    );
    expect(button()).toHaveAttribute('aria-disabled', 'false');
    expect(button()).toHaveAccessibleDescription(/could not be downloaded/);
    expect(saved).toHaveLength(0);

    await user.click(button());
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'the dashboard could not reach the server. Check your connection and try again.',
      ),
    );

    await user.click(button());
    await waitFor(() => expect(saved).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it.each([
    ['a viewer', sessionOf(viewer)],
    ['a team lead', sessionOf(teamLead)],
    ['a data steward', sessionOf(dataSteward)],
  ])('is not offered to %s', (_who, session) => {
    const fetchMock = stubFetch(async () => pdfResponse());
    const { container } = renderDownload('2025-07', session);
    expect(container).toBeEmptyDOMElement();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('is offered only for a month that has ended', () => {
    const { year, month } = londonYearMonth();
    const current = monthId(year, month);
    for (const period of ['2025-26-Q2', '2025-26', current]) {
      const { container, unmount } = renderDownload(period);
      expect(container, period).toBeEmptyDOMElement();
      unmount();
    }
    const now = new Date('2026-11-01T00:30:00Z');
    expect(hasBoardReport('2026-10', now)).toBe(true);
    expect(hasBoardReport('2026-11', now)).toBe(false);
    // Still 31 October in London (summer time has ended: London is on UTC).
    expect(hasBoardReport('2026-10', new Date('2026-10-31T23:30:00Z'))).toBe(false);
    // 1 June in London while it is still 31 May in UTC.
    expect(hasBoardReport('2026-05', new Date('2026-05-31T23:30:00Z'))).toBe(true);
  });
});

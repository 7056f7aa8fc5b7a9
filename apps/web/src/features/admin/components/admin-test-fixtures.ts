import type { RecalculationJob, SessionUserView } from '@ipo/contracts';
import { sessionOf } from '../../../test/session-fixtures';

// What the tests of the standards, closure days and themes pages share.

export const adminUser: SessionUserView = {
  email: 'ada.okoro@ipo.example',
  name: 'Ada Okoro',
  roles: ['admin'],
  teams: [],
};

export const adminSession = sessionOf(adminUser);

export function job(overrides: Partial<RecalculationJob> = {}): RecalculationJob {
  return {
    id: 7,
    reason: 'test',
    rulesVersion: 3,
    status: 'running',
    total: 0,
    done: 0,
    error: null,
    createdBy: adminUser.email,
    startedAt: '2025-12-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

/** The JSON body a fetch was sent with. */
export function bodyOf(init: RequestInit): unknown {
  return typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
}

/** The requests a fetch mock was called with, as 'METHOD /path?query'. */
export function requestsOf(fetchMock: { mock: { calls: unknown[][] } }): string[] {
  return fetchMock.mock.calls.map((call) => {
    const url = new URL(String(call[0]), 'http://localhost');
    const init = (call[1] ?? {}) as RequestInit;
    return `${init.method ?? 'GET'} ${url.pathname}${url.search}`;
  });
}

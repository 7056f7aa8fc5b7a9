import type { Session } from '@ipo/contracts';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { AppProvider } from '../app/provider';
import { routes } from '../app/routes';
import { notificationKeys } from '../features/alerts/api/unread-count';
import { storeSession } from '../features/session/api/session-api';
import { createMemoryRouter, RouterProvider } from '../lib/router';
import { resetSessionStore } from '../lib/session-store';
import { managerSession } from './session-fixtures';

export interface RenderAppOptions {
  /**
   * Who is signed in from the start (no request for it is made): a manager unless the test says
   * otherwise. null: nobody is known yet, so the app asks GET /api/session (stub its answer).
   */
  session?: Session | null;
  /**
   * The header's count of unread notifications, as already known (no request for it is made):
   * none unless the test says otherwise. null: not known, so the header asks GET
   * /api/notifications (for users who may subscribe to alerts; answer it in the test's stub).
   */
  unread?: number | null;
}

/** Render the real route tree at `path`, with a query client that does not retry. */
export function renderApp(
  path = '/',
  { session = managerSession, unread = 0 }: RenderAppOptions = {},
) {
  resetSessionStore();
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
  });
  if (session) storeSession(queryClient, session);
  if (session && unread !== null) queryClient.setQueryData(notificationKeys.unread, unread);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...result, router, queryClient };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * Replace the global fetch (the network, not the database: nothing here talks to one). Each call
 * takes the next answer; the last one repeats.
 */
export function stubFetch(...answers: (() => Promise<Response>)[]) {
  let call = 0;
  const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => {
    const answer = answers[Math.min(call, answers.length - 1)];
    call += 1;
    if (!answer) throw new Error('stubFetch needs at least one answer');
    return answer();
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** A promise the test settles when it chooses, to hold a request in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Replace the global fetch with a router over request URLs: `answer` gets the parsed URL (path
 * and search params) and the request (method, body), and returns the response, so one stub
 * serves every request a page makes.
 */
export function routeFetch(answer: (url: URL, init: RequestInit) => Response | Promise<Response>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
    answer(new URL(String(input), 'http://localhost'), init ?? {}),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The URLs a fetch mock was called with, as parsed URLs. */
export function calledUrls(fetchMock: { mock: { calls: unknown[][] } }): URL[] {
  return fetchMock.mock.calls.map((call) => new URL(String(call[0]), 'http://localhost'));
}

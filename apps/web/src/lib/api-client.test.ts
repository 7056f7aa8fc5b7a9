import type { Action } from '@ipo/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { FakeXhr } from '../test/fake-xhr';
import { jsonResponse, stubFetch } from '../test/render';
import { catalogueResponse } from '../test/standards-fixture';
import { ApiError, apiGet, apiSend, apiUpload } from './api-client';
import { isSessionPath, onUnauthorized, resetSessionStore, setCsrfToken } from './session-store';

describe('apiGet', () => {
  it('returns the body parsed with the contract schema', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(catalogueResponse));
    const data = await apiGet('/api/standards', (c) => c.StandardsResponseSchema);
    expect(data.standards).toHaveLength(13);
    expect(fetchMock).toHaveBeenCalledWith('/api/standards', expect.anything());
  });

  it('throws an ApiError with the server message and request id on a non-2xx answer', async () => {
    stubFetch(async () =>
      jsonResponse(
        {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'The database is starting',
          requestId: 'req-7',
        },
        503,
      ),
    );
    const error = await apiGet('/api/standards', (c) => c.StandardsResponseSchema).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'http',
      status: 503,
      message: 'The database is starting',
      requestId: 'req-7',
      isRetryable: true,
    });
  });

  it('falls back to the status when the error body is not the contract shape', async () => {
    stubFetch(async () => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const error = await apiGet('/api/standards', (c) => c.StandardsResponseSchema).catch((e) => e);
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(error.message).toContain('502');
  });

  it('marks a 4xx as not worth retrying', async () => {
    stubFetch(async () =>
      jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No such standard' }, 404),
    );
    const error = await apiGet('/api/standards', (c) => c.StandardsResponseSchema).catch((e) => e);
    expect(error).toMatchObject({ status: 404, isRetryable: false, message: 'No such standard' });
  });

  it('rejects a 2xx body that breaks the contract', async () => {
    stubFetch(async () => jsonResponse({ standards: [{ code: 'csc-calls' }] }));
    const error = await apiGet('/api/standards', (c) => c.StandardsResponseSchema).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it('reports a network failure as such', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await apiGet('/api/standards', (c) => c.StandardsResponseSchema).catch((e) => e);
    expect(error).toMatchObject({ kind: 'network', status: 0 });
  });

  it('lets an abort through as the AbortError it is', async () => {
    stubFetch(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    const error = await apiGet('/api/standards', (c) => c.StandardsResponseSchema).catch((e) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});

const action: Action = {
  id: 4,
  themeCode: 'waiting-times',
  themeName: 'Waiting times',
  title: 'More staff at peak times',
  description: '',
  owner: 'Contact centre lead',
  status: 'planned',
  startedOn: null,
  completedOn: null,
  dueOn: null,
  overdue: false,
  published: false,
  teamId: null,
  teamName: null,
  createdAt: '2025-11-20T10:00:00.000Z',
  updatedAt: '2025-11-20T10:00:00.000Z',
};

describe('apiSend', () => {
  it('sends the body as JSON with its method and parses the answer', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(action, 201));
    const input = { themeCode: 'waiting-times', title: 'More staff at peak times', owner: 'Lead' };
    const saved = await apiSend('POST', '/api/feedback/actions', (c) => c.ActionSchema, {
      body: input,
    });
    expect(saved).toEqual(action);
    const [path, init] = fetchMock.mock.calls[0]!;
    expect(path).toBe('/api/feedback/actions');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
    });
    expect(JSON.parse(String(init?.body))).toEqual(input);
  });

  it('keeps the message, the field issues and the request id of a refusal', async () => {
    stubFetch(async () =>
      jsonResponse(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'title: must not be empty',
          issues: [{ field: 'title', message: 'must not be empty' }],
          requestId: 'req-12',
        },
        400,
      ),
    );
    const error = await apiSend('PUT', '/api/feedback/actions/4', (c) => c.ActionSchema, {
      body: { title: '' },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      message: 'title: must not be empty',
      issues: [{ field: 'title', message: 'must not be empty' }],
      requestId: 'req-12',
      isRetryable: false,
    });
  });

  it('turns an answer that breaks the contract into an ApiError, not a ZodError', async () => {
    stubFetch(async () => jsonResponse({ id: 'four' }, 201));
    const error = await apiSend('POST', '/api/feedback/actions', (c) => c.ActionSchema, {
      body: {},
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'invalid_response',
      status: 201,
      message: 'The server sent data the dashboard could not read.',
    });
  });

  it('reads an answer with no body (204) as undefined', async () => {
    const fetchMock = stubFetch(async () => new Response(null, { status: 204 }));
    await expect(
      apiSend('DELETE', '/api/feedback/actions/4', (c) => c.NoContentSchema),
    ).resolves.toBeUndefined();
    expect(fetchMock.mock.calls[0]?.[1]).toMatchObject({ method: 'DELETE', body: null });
  });
});

const report = {
  batchId: 9,
  kind: 'work-items',
  mode: 'all-or-nothing',
  source: 'import',
  status: 'rejected',
  message: 'Nothing was imported: 1 error.',
  rows: { total: 1, inserted: 0, updated: 0, unchanged: 0, rejected: 1 },
  teamsCreated: [],
  errors: [{ line: 2, column: 'channel', reason: 'unknown channel "fax"' }],
  errorCount: 1,
  rejectedCsv: null,
  rejectedCsvTruncated: false,
  durationMs: 3,
};

describe('apiUpload', () => {
  beforeEach(() => {
    FakeXhr.last = null;
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const csv = () => new Blob(['a,b\n'], { type: 'text/csv' });

  it('posts the file with its content type and reports progress', async () => {
    const sent: number[] = [];
    const upload = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, {
      body: csv(),
      contentType: 'text/csv',
      onProgress: (share) => sent.push(share),
    });
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/imports/work-items');
    expect(xhr.headers).toEqual({ accept: 'application/json', 'content-type': 'text/csv' });
    xhr.progress(25, 100);
    xhr.respond(200, { ...report, status: 'applied' });
    await expect(upload).resolves.toMatchObject({ batchId: 9, status: 'applied' });
    expect(sent).toEqual([0.25, 1]);
  });

  it('leaves the content type of a multipart form to the browser', async () => {
    const form = new FormData();
    form.append('file', csv(), 'items.csv');
    const upload = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, {
      body: form,
      contentType: 'text/csv',
    });
    const xhr = FakeXhr.last!;
    expect(xhr.body).toBe(form);
    expect(xhr.headers['content-type']).toBeUndefined();
    xhr.respond(200, report);
    await expect(upload).resolves.toMatchObject({ batchId: 9 });
  });

  it('takes a 422 that is a report as the answer, and any other 422 as an error', async () => {
    const options = { body: csv(), answerStatuses: [422] };
    const rejected = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, options);
    FakeXhr.last!.respond(422, report);
    await expect(rejected).resolves.toMatchObject({ status: 'rejected', errorCount: 1 });

    const refused = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, options);
    FakeXhr.last!.respond(422, {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'The file is not valid UTF-8.',
      requestId: 'req-3',
    });
    await expect(refused).rejects.toMatchObject({
      kind: 'http',
      status: 422,
      message: 'The file is not valid UTF-8.',
      requestId: 'req-3',
    });
  });

  it('does not take a 422 as an answer unless asked to', async () => {
    const upload = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, {
      body: csv(),
    });
    FakeXhr.last!.respond(422, report);
    const error = await upload.catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 422, message: 'The server answered 422.' });
  });

  it('fails with an ApiError on a 2xx that breaks the contract, text or no answer', async () => {
    const broken = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, {
      body: csv(),
    });
    FakeXhr.last!.respond(200, { batchId: 'nine' });
    await expect(broken).rejects.toMatchObject({ kind: 'invalid_response', status: 200 });

    const text = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, { body: csv() });
    FakeXhr.last!.respond(413, 'Payload Too Large');
    await expect(text).rejects.toMatchObject({ kind: 'http', status: 413 });

    const offline = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, {
      body: csv(),
    });
    FakeXhr.last!.fail();
    const error = await offline.catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'network', status: 0 });
  });

  it('aborts the request when its signal does', async () => {
    const controller = new AbortController();
    const upload = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, {
      body: csv(),
      signal: controller.signal,
    });
    controller.abort();
    await expect(upload).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeXhr.last!.aborted).toBe(true);
  });
});

describe('the session', () => {
  afterEach(() => {
    resetSessionStore();
    vi.unstubAllGlobals();
  });

  const unauthorized = (message: string) =>
    jsonResponse({ statusCode: 401, error: 'Unauthorized', message }, 401);

  it('sends the cookie, and the CSRF token of the session with every change (not with reads)', async () => {
    setCsrfToken('token-1');
    const fetchMock = stubFetch(
      async () => jsonResponse(catalogueResponse),
      async () => jsonResponse(action, 201),
    );
    await apiGet('/api/standards', (c) => c.StandardsResponseSchema);
    await apiSend('POST', '/api/feedback/actions', (c) => c.ActionSchema, { body: {} });
    const [read, change] = fetchMock.mock.calls.map(([, init]) => init);
    expect(read).toMatchObject({ credentials: 'same-origin' });
    expect(read?.headers).not.toHaveProperty('X-CSRF-Token');
    expect(change).toMatchObject({
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': 'token-1', 'content-type': 'application/json' },
    });

    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const upload = apiUpload('/api/imports/work-items', (c) => c.ImportResultSchema, {
      body: new Blob(['a\n']),
    });
    expect(FakeXhr.last!.headers['X-CSRF-Token']).toBe('token-1');
    FakeXhr.last!.respond(200, report);
    await upload;
  });

  it('sends no token before anyone has signed in', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(action, 201));
    await apiSend('POST', '/api/feedback/actions', (c) => c.ActionSchema, { body: {} });
    expect(fetchMock.mock.calls[0]?.[1]?.headers).not.toHaveProperty('X-CSRF-Token');
  });

  it('says the session has ended on a 401, but not for the session endpoints themselves', async () => {
    const heard: string[] = [];
    const stop = onUnauthorized((message) => heard.push(message));
    stubFetch(async () => unauthorized('Your session has ended. Sign in again.'));
    const error = await apiGet('/api/standards', (c) => c.StandardsResponseSchema).catch((e) => e);
    expect(error).toMatchObject({ kind: 'http', status: 401 });
    expect(heard).toEqual(['Your session has ended. Sign in again.']);

    // A wrong password, or nobody signed in yet, is the sign-in page's business.
    stubFetch(async () => unauthorized('The e-mail address or password is not right.'));
    await apiSend('POST', '/api/session', () => z.unknown(), { body: {} }).catch(() => {});
    await apiGet('/api/session', () => z.unknown()).catch(() => {});
    await apiGet('/api/session/methods', () => z.unknown()).catch(() => {});
    expect(heard).toHaveLength(1);

    stop();
    stubFetch(async () => unauthorized('Sign in to use the dashboard.'));
    await apiGet('/api/standards', (c) => c.StandardsResponseSchema).catch(() => {});
    expect(heard).toHaveLength(1);
  });

  it('knows the session endpoints by their path', () => {
    expect(isSessionPath('/api/session')).toBe(true);
    expect(isSessionPath('/api/session/demo')).toBe(true);
    expect(isSessionPath('/api/session?x=1')).toBe(true);
    expect(isSessionPath('/api/sessions')).toBe(false);
    expect(isSessionPath('/api/feedback/session')).toBe(false);
  });
});

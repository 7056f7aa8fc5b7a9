import { StandardsResponseSchema } from '@ipo/contracts';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubFetch } from '../test/render';
import { catalogueResponse } from '../test/standards-fixture';
import { ApiError, apiGet } from './api-client';

describe('apiGet', () => {
  it('returns the body parsed with the contract schema', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(catalogueResponse));
    const data = await apiGet('/api/standards', StandardsResponseSchema);
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
    const error = await apiGet('/api/standards', StandardsResponseSchema).catch((e) => e);
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
    const error = await apiGet('/api/standards', StandardsResponseSchema).catch((e) => e);
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(error.message).toContain('502');
  });

  it('marks a 4xx as not worth retrying', async () => {
    stubFetch(async () =>
      jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No such standard' }, 404),
    );
    const error = await apiGet('/api/standards', StandardsResponseSchema).catch((e) => e);
    expect(error).toMatchObject({ status: 404, isRetryable: false, message: 'No such standard' });
  });

  it('rejects a 2xx body that breaks the contract', async () => {
    stubFetch(async () => jsonResponse({ standards: [{ code: 'csc-calls' }] }));
    const error = await apiGet('/api/standards', StandardsResponseSchema).catch((e) => e);
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
  });

  it('reports a network failure as such', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await apiGet('/api/standards', StandardsResponseSchema).catch((e) => e);
    expect(error).toMatchObject({ kind: 'network', status: 0 });
  });
});

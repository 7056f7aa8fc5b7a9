import { ErrorResponseSchema } from '@ipo/contracts';
import type { z } from 'zod';

/**
 * Why a request failed:
 * - `http`: the server answered with a non-2xx status (its message is kept),
 * - `network`: no answer at all (offline, server down),
 * - `invalid_response`: a 2xx answer that does not match the shared contract.
 */
export type ApiErrorKind = 'http' | 'network' | 'invalid_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** The HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly requestId: string | undefined;

  constructor(
    kind: ApiErrorKind,
    status: number,
    message: string,
    options: { requestId?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = status;
    this.requestId = options.requestId;
  }

  /** A 4xx answer will not change on a retry; anything else might. */
  get isRetryable(): boolean {
    return !(this.kind === 'http' && this.status >= 400 && this.status < 500);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * GET a JSON resource under `/api` and parse it with its schema from @ipo/contracts, so the types
 * the UI works with are the ones the server promised.
 */
export async function apiGet<Schema extends z.ZodType>(
  path: `/api/${string}`,
  schema: Schema,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<z.output<Schema>> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json' },
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('network', 0, 'The dashboard could not reach the server.', { cause });
  }

  const body = await readJson(response);

  if (!response.ok) {
    const parsed = ErrorResponseSchema.safeParse(body);
    const message = parsed.success
      ? parsed.data.message
      : `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
    throw new ApiError('http', response.status, message, {
      requestId: parsed.success ? parsed.data.requestId : undefined,
    });
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      'invalid_response',
      response.status,
      'The server sent data the dashboard could not read.',
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

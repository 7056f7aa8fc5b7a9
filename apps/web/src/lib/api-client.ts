import type { z } from 'zod';
import { currentCsrfToken, isSessionPath, reportUnauthorized } from './session-store';

/**
 * The one way the dashboard talks to the API: reads (`apiGet`), JSON changes (`apiSend`) and
 * file uploads (`apiUpload`). Each parses the answer with its schema from @ipo/contracts, so the
 * types the UI works with are the ones the server promised, and each fails with an `ApiError`,
 * never anything else (an aborted request excepted, which stays the browser's AbortError).
 *
 * Every request goes with the session cookie (same origin); every change (apiSend, apiUpload)
 * also carries the session's CSRF token (lib/session-store). A 401 from anything but the session
 * endpoints means the session has ended: the store's listeners take the user to sign in.
 */

/**
 * Why a request failed:
 * - `http`: the server answered with a non-2xx status (its message is kept),
 * - `network`: no answer at all (offline, server down),
 * - `invalid_response`: a 2xx answer that does not match the shared contract.
 */
export type ApiErrorKind = 'http' | 'network' | 'invalid_response';

/** A field the server refused and why, as its error answer names them. */
export interface ApiFieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** The HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The server's id of the request, to quote when reporting a fault. */
  readonly requestId: string | undefined;
  /** For a refused input: each offending field and why (empty otherwise). */
  readonly issues: readonly ApiFieldIssue[];

  constructor(
    kind: ApiErrorKind,
    status: number,
    message: string,
    options: {
      requestId?: string | undefined;
      issues?: readonly ApiFieldIssue[] | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = status;
    this.requestId = options.requestId;
    this.issues = options.issues ?? [];
  }

  /** A 4xx answer will not change on a retry; anything else might. */
  get isRetryable(): boolean {
    return !(this.kind === 'http' && this.status >= 400 && this.status < 500);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type ApiPath = `/api/${string}`;

/** The shared schemas, as `lib/contracts.ts` gives them. */
export type Contracts = typeof import('./contracts');

/**
 * Which schema parses an answer, picked from the shared schemas once they have loaded:
 * `(c) => c.ScorecardResponseSchema`. The schemas load in their own chunk, alongside the first
 * request, so the first page draws without waiting for zod.
 */
export type SchemaOf<Schema extends z.ZodType> = (contracts: Contracts) => Schema;

let contractsModule: Promise<Contracts> | undefined;
function loadContracts(): Promise<Contracts> {
  contractsModule ??= import('./contracts');
  return contractsModule;
}

const NETWORK_MESSAGE = 'The dashboard could not reach the server.';
const INVALID_MESSAGE = 'The server sent data the dashboard could not read.';

/** What came back, whichever way it was asked for. */
interface Answer {
  status: number;
  statusText: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  body: unknown;
}

interface AnswerOptions {
  /**
   * Non-2xx statuses whose body is an answer too when it matches the schema: an import the
   * server rejected answers 422 with the same report as an applied one. A body that does not
   * match is read as an error answer.
   */
  answerStatuses?: readonly number[] | undefined;
}

const SESSION_ENDED_MESSAGE = 'Your session has ended. Sign in again.';

/** The header that proves a change comes from the dashboard's own pages (the session's token). */
function csrfHeader(): Record<string, string> {
  const token = currentCsrfToken();
  return token ? { 'X-CSRF-Token': token } : {};
}

/** The schema's data, or the ApiError the answer stands for. */
async function interpret<Schema extends z.ZodType>(
  path: ApiPath,
  pending: Promise<Answer>,
  pick: SchemaOf<Schema>,
  options: AnswerOptions,
): Promise<z.output<Schema>> {
  // The request and the schemas' chunk load at the same time.
  const [answer, contracts] = await Promise.all([pending, loadContracts()]);
  const { ErrorResponseSchema } = contracts;
  const schema = pick(contracts);
  if (answer.status === 401 && !isSessionPath(path)) {
    const refusal = ErrorResponseSchema.safeParse(answer.body);
    reportUnauthorized(refusal.success ? refusal.data.message : SESSION_ENDED_MESSAGE);
  }
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok || options.answerStatuses?.includes(answer.status)) {
    const parsed = schema.safeParse(answer.body);
    if (parsed.success) return parsed.data;
    if (ok) {
      throw new ApiError('invalid_response', answer.status, INVALID_MESSAGE, {
        cause: parsed.error,
      });
    }
  }
  const error = ErrorResponseSchema.safeParse(answer.body);
  if (error.success) {
    throw new ApiError('http', answer.status, error.data.message, {
      requestId: error.data.requestId,
      issues: error.data.issues,
    });
  }
  const text = answer.statusText ? ` ${answer.statusText}` : '';
  throw new ApiError('http', answer.status, `The server answered ${answer.status}${text}.`);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function fetchAnswer(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: ApiPath,
  init: { body?: string | undefined; signal?: AbortSignal | undefined },
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') Object.assign(headers, csrfHeader());
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: init.body ?? null,
      credentials: 'same-origin',
      signal: init.signal ?? null,
    });
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    throw new ApiError('network', 0, NETWORK_MESSAGE, { cause });
  }
  let text = '';
  try {
    text = await response.text();
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    // The body broke off: read it as empty, so the status still decides.
  }
  return { status: response.status, statusText: response.statusText, body: parseJson(text) };
}

/** GET a JSON resource under `/api`, parsed with its schema. */
export async function apiGet<Schema extends z.ZodType>(
  path: ApiPath,
  schema: SchemaOf<Schema>,
  options: { signal?: AbortSignal | undefined } & AnswerOptions = {},
): Promise<z.output<Schema>> {
  return interpret(path, fetchAnswer('GET', path, options), schema, options);
}

/**
 * A change sent as JSON (POST, PUT, PATCH, DELETE), its answer parsed with `schema`. An answer
 * with no body (204) parses as undefined: pass a schema that accepts it.
 */
export async function apiSend<Schema extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: ApiPath,
  schema: SchemaOf<Schema>,
  options: { body?: unknown; signal?: AbortSignal | undefined } & AnswerOptions = {},
): Promise<z.output<Schema>> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return interpret(
    path,
    fetchAnswer(method, path, { body, signal: options.signal }),
    schema,
    options,
  );
}

export interface UploadOptions extends AnswerOptions {
  /** A file sent as it is (its content type below), or a multipart form. */
  body: Blob | FormData;
  /** The content type of a Blob body ('text/csv'); a FormData body sets its own. */
  contentType?: string | undefined;
  /** Called with the share of the body sent so far (0-1). */
  onProgress?: ((sent: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * POST a file and parse the answer with `schema`. It goes by XMLHttpRequest, which (unlike fetch)
 * reports how much of the upload has been sent.
 */
export function apiUpload<Schema extends z.ZodType>(
  path: ApiPath,
  schema: SchemaOf<Schema>,
  options: UploadOptions,
): Promise<z.output<Schema>> {
  const { body, contentType, onProgress, signal } = options;
  const answer = new Promise<Answer>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was aborted.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const abort = () => {
      xhr.abort();
      reject(new DOMException('The upload was aborted.', 'AbortError'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    const done = () => signal?.removeEventListener('abort', abort);
    xhr.open('POST', path);
    // Same origin, so the session cookie goes with it (withCredentials is for other origins).
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    if (contentType && !(body instanceof FormData)) {
      xhr.setRequestHeader('content-type', contentType);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress?.(1);
    xhr.onerror = () => {
      done();
      reject(new ApiError('network', 0, NETWORK_MESSAGE));
    };
    xhr.onload = () => {
      done();
      resolve({
        status: xhr.status,
        statusText: xhr.statusText || '',
        body: parseJson(xhr.responseText),
      });
    };
    xhr.send(body);
  });
  return interpret(path, answer, schema, options);
}

/** A file the API answered with: its bytes and the name the server gave it (if any). */
export interface ApiFile {
  blob: Blob;
  filename: string | null;
}

/**
 * GET a file under `/api` (the board's report pack, a PDF): its bytes as they came. An error
 * answer is JSON like any other and fails with the same `ApiError` as `apiGet`.
 */
export async function apiGetFile(
  path: ApiPath,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<ApiFile> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'GET',
      headers: { accept: '*/*' },
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    throw new ApiError('network', 0, NETWORK_MESSAGE, { cause });
  }
  if (!response.ok) {
    let text = '';
    try {
      text = await response.text();
    } catch (cause) {
      if (isAbort(cause)) throw cause;
    }
    const answer = {
      status: response.status,
      statusText: response.statusText,
      body: parseJson(text),
    };
    // A non-2xx answer is never data here: interpret throws the ApiError it stands for.
    await interpret(path, Promise.resolve(answer), (c) => c.ErrorResponseSchema, {});
    throw new ApiError('http', response.status, `The server answered ${response.status}.`);
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    throw new ApiError('network', response.status, NETWORK_MESSAGE, { cause });
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]{1,200})"/.exec(disposition)?.[1] ?? null;
  return { blob, filename };
}

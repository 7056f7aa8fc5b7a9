/**
 * Telling database failures apart, so answers can say what happened in our own words and never
 * pass on PostgreSQL's or the driver's text (which can name tables, values and the server).
 */

export type DatabaseFailure =
  /** The server cannot be reached, was restarted, or dropped the connection. */
  | 'unavailable'
  /** A statement ran past statement_timeout (or was cancelled). */
  | 'timeout'
  /** Any other error the database reported. */
  | 'database'
  | null;

/** SQLSTATE classes and codes meaning the connection or the server went away. */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: the server is shutting down
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up
  '57P05', // idle_session_timeout
  '25P03', // idle_in_transaction_session_timeout: the session was ended
  '53300', // too_many_connections
]);

/** Socket-level error codes of a server that is down or unreachable. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** The driver's own wording for a connection that ended or never came (pg). */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

function classifyOne(error: unknown): DatabaseFailure {
  if (!error || typeof error !== 'object') return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return 'unavailable';
    if (SOCKET_CODES.has(code)) return 'unavailable';
    if (code === '57014') return 'timeout'; // query_canceled: statement_timeout
    // Any other SQLSTATE (five characters, digits and capitals) from the server.
    if (/^[0-9A-Z]{5}$/.test(code) && (error as { severity?: unknown }).severity) {
      return 'database';
    }
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => message.startsWith(m))) {
    return 'unavailable';
  }
  return null;
}

/** What kind of database failure an error is (following `cause`), or null for none. */
export function databaseFailure(error: unknown): DatabaseFailure {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const kind = classifyOne(current);
    if (kind) return kind;
    current = (current as { cause?: unknown }).cause;
  }
  // Prisma wraps the driver's error; its own codes for an unreachable server.
  const prismaCode = (error as { code?: unknown } | null)?.code;
  if (prismaCode === 'P1001' || prismaCode === 'P1002' || prismaCode === 'P1017') {
    return 'unavailable';
  }
  return null;
}

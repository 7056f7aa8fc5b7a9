/**
 * What the HTTP client needs to know about the session, outside React: the CSRF token to send
 * with every change, and who to tell when the server says the session is gone (a 401). The
 * session itself (who is signed in) lives in the query cache (features/session); this store only
 * holds the token of that session and how the last one ended.
 */

/** How the last session ended, for the sign-in page to say so and to choose where to go back. */
export type SessionEnding =
  /** The user chose to sign out: back to a plain sign-in page. */
  | { kind: 'signed-out' }
  /** The server refused a request (401): sign in again and come back. */
  | { kind: 'ended'; message: string };

let csrfToken: string | null = null;
let ending: SessionEnding | null = null;
const unauthorizedListeners = new Set<(message: string) => void>();

/** The token of the current session, sent as X-CSRF-Token with every change; null signed out. */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function sessionEnding(): SessionEnding | null {
  return ending;
}

export function setSessionEnding(next: SessionEnding | null): void {
  ending = next;
}

/**
 * Called by the client when a request other than the session's own answers 401: the session has
 * ended (expired, idle, signed out elsewhere). Listeners take the user to sign in.
 */
export function reportUnauthorized(message: string): void {
  for (const listener of unauthorizedListeners) listener(message);
}

/** Listen for a 401; returns the function that stops listening. */
export function onUnauthorized(listener: (message: string) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

/** The endpoints that answer 401 as part of signing in, not because a session ended. */
export function isSessionPath(path: string): boolean {
  return /^\/api\/session(?:[/?#]|$)/.test(path);
}

/** Back to the state of a fresh page load (tests). */
export function resetSessionStore(): void {
  csrfToken = null;
  ending = null;
}

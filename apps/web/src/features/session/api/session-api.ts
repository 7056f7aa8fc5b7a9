import type { Session, SessionUserView, SignInBody } from '@ipo/contracts';
import {
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { apiGet, apiSend, isApiError } from '../../../lib/api-client';
import {
  onUnauthorized,
  type SessionEnding,
  setCsrfToken,
  setSessionEnding,
} from '../../../lib/session-store';

/**
 * Who is signed in. The session is a query like any other (GET /api/session, read once at start
 * and kept): its data is the session, or null when nobody is signed in. Signing in puts the new
 * session in the cache, signing out (or a 401 from any other request) puts null there, and the
 * route guard sends a null session to the sign-in page.
 */

/** Both keys start with 'session': they survive the clearing of the cache at sign-in and out. */
export const sessionKeys = {
  current: ['session', 'current'] as const,
  methods: ['session', 'methods'] as const,
};

const isSessionQuery = (queryKey: readonly unknown[]) => queryKey[0] === 'session';

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: sessionKeys.current,
    queryFn: async ({ signal }): Promise<Session | null> => {
      try {
        const session = await apiGet('/api/session', (c) => c.SessionSchema, { signal });
        setCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    // Read once: a session that ends shows as a 401 on the next request.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** The session query itself: pending while it is read, then the session or null. */
export function useSessionQuery() {
  return useQuery(sessionQueryOptions());
}

/** The signed-in user, or null (signed out, or not known yet). */
export function useSession(): SessionUserView | null {
  return useSessionQuery().data?.user ?? null;
}

/**
 * A session has begun (sign-in, or a test's starting state): its token goes to the client, and
 * whatever was cached for someone else before is dropped.
 */
export function storeSession(client: QueryClient, session: Session): void {
  setCsrfToken(session.csrfToken);
  setSessionEnding(null);
  client.removeQueries({ predicate: (query) => !isSessionQuery(query.queryKey) });
  client.setQueryData(sessionKeys.current, session);
}

/** The session is over: nobody is signed in, and the guard sends the user to sign in. */
export function endSession(client: QueryClient, ending: SessionEnding): void {
  setCsrfToken(null);
  setSessionEnding(ending);
  client.setQueryData(sessionKeys.current, null);
  if (ending.kind === 'signed-out') {
    // What this user could see is not kept for the next one.
    client.removeQueries({ predicate: (query) => !isSessionQuery(query.queryKey) });
  }
}

/**
 * A 401 from any request but the session's own ends the session in `client`; returns the
 * function that stops listening. The app provider installs it for its query client.
 */
export function endSessionOnUnauthorized(client: QueryClient): () => void {
  return onUnauthorized((message) => {
    if (client.getQueryData(sessionKeys.current)) endSession(client, { kind: 'ended', message });
  });
}

export function useSignInMethods() {
  return useQuery({
    queryKey: sessionKeys.methods,
    queryFn: ({ signal }) =>
      apiGet('/api/session/methods', (c) => c.SignInMethodsSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) =>
      apiSend('POST', '/api/session', (c) => c.SessionSchema, { body }),
    onSuccess: (session) => storeSession(client, session),
  });
}

export function useDemoSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (email: string) =>
      apiSend('POST', '/api/session/demo', (c) => c.SessionSchema, { body: { email } }),
    onSuccess: (session) => storeSession(client, session),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await apiSend('DELETE', '/api/session', (c) => c.NoContentSchema);
      } catch (error) {
        // A session that had already ended is signed out all the same.
        if (!(isApiError(error) && error.status === 401)) throw error;
      }
    },
    onSuccess: () => endSession(client, { kind: 'signed-out' }),
  });
}

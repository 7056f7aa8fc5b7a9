import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { endSessionOnUnauthorized } from '../features/session/api/session-api';
import { createQueryClient } from './query-client';

export function AppProvider({
  children,
  queryClient,
}: {
  children: ReactNode;
  /** Tests pass their own client; the app makes one per page load. */
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  // A 401 on any request ends the session; the route guard then sends the user to sign in.
  useEffect(() => endSessionOnUnauthorized(client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

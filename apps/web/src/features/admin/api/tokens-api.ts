import type { CreateTokenBody } from '@ipo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';

/** Ingestion tokens (data stewards and administrators): GET/POST/DELETE /api/tokens. */

export const tokensKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => apiGet('/api/tokens', (c) => c.ApiTokensResponseSchema, { signal }),
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) =>
      apiSend('POST', '/api/tokens', (c) => c.CreateTokenResponseSchema, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiSend('DELETE', `/api/tokens/${encodeURIComponent(name)}`, (c) => c.NoContentSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}

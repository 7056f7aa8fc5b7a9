import type { InviteUserBody, UpdateUserBody } from '@ipo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';

/** Users and roles (administrators): GET/POST/PATCH /api/admin/users, and the teams to give. */

export const usersKeys = {
  all: ['admin', 'users'] as const,
  teams: ['teams'] as const,
};

const userPath = (email: string) => `/api/admin/users/${encodeURIComponent(email)}` as const;

export function useAdminUsers() {
  return useQuery({
    queryKey: usersKeys.all,
    queryFn: ({ signal }) =>
      apiGet('/api/admin/users', (c) => c.AdminUsersResponseSchema, { signal }),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: usersKeys.teams,
    queryFn: ({ signal }) => apiGet('/api/teams', (c) => c.TeamsResponseSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useInviteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteUserBody) =>
      apiSend('POST', '/api/admin/users', (c) => c.InviteUserResponseSchema, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ email, body }: { email: string; body: UpdateUserBody }) =>
      apiSend('PATCH', userPath(email), (c) => c.UserChangeResponseSchema, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

/** Disable (ending their sessions) or enable a user. */
export function useSetUserDisabled() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ email, disabled }: { email: string; disabled: boolean }) =>
      apiSend(
        'POST',
        `${userPath(email)}/${disabled ? 'disable' : 'enable'}`,
        (c) => c.UserChangeResponseSchema,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

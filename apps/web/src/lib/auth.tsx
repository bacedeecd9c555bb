import type { Role, Session, User } from '@caseflow/contract';
import { Center, Loader } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api } from './api-client';

const ME = ['me'] as const;

/** The signed-in user, or null; the session lives in an HttpOnly cookie the server sets. */
export function useMe() {
  return useQuery({
    queryKey: ME,
    // 200 whether or not anyone is signed in: a signed-out visit logs no failed request.
    queryFn: async () => (await api<Session>('GET', '/auth/session')).user,
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { mode: 'login' | 'signup'; email: string; password: string; name?: string }) =>
      api<{ user: User }>('POST', input.mode === 'login' ? '/auth/login' : '/auth/signup', {
        email: input.email,
        password: input.password,
        ...(input.mode === 'signup' ? { name: input.name } : {}),
      }),
    onSuccess: (result) => {
      client.clear();
      client.setQueryData(ME, result.user);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/auth/logout'),
    onSettled: () => {
      client.clear();
      client.setQueryData(ME, null);
    },
  });
}

export const homeOf = (role: Role) =>
  role === 'customer' ? '/cases' : role === 'agent' ? '/workspace' : '/admin/dashboard';

/** Renders its children for the given roles; sends everyone else to sign in or to their own home. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="60vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  // The whole address comes back after signing in: a mail's link to a case's `#rate` lands on the rating.
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(here)}`} replace />;
  if (!roles.includes(me.data.role)) return <Navigate to={homeOf(me.data.role)} replace />;
  return children;
}

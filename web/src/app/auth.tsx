import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Me } from '../../../common/schemas/auth.schema';
import type { Permission } from '../../../common/permissions';
import { api, ApiError, onUnauthorized, setCsrfToken } from '../lib/api';

const MeContext = createContext<Me | null>(null);

export const ME_KEY = ['me'];

/** Loads who is logged in; null when nobody is. */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        const { data } = await api.get<{ data: Me }>('/api/auth/me');
        setCsrfToken(data.csrfToken);
        return data;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The logged-in user (inside the authenticated layout). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeProvider');
  return me;
}

/** Whether the user's role allows this; the server checks again, this only hides buttons. */
export function useCan(p: Permission): boolean {
  return useMe().permissions.includes(p);
}

/** On any 401 the session is gone: forget the user and let the router show the login page. */
export function useSessionWatch(onExpired: () => void) {
  const qc = useQueryClient();
  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        qc.setQueryData(ME_KEY, null);
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
        onExpired();
      }),
    [qc, onExpired],
  );
}

import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Me } from '../../../common/schemas/auth.schema';
import type { Permission } from '../../../common/permissions';
import { api, ApiError, onUnauthorized, setCsrfToken } from '../lib/api';
import { canOpen } from '../lib/routes';

const MeContext = createContext<Me | null>(null);
const LogoutContext = createContext<() => Promise<void>>(async () => {});

/** Why the login page shows: the user logged out, or the server ended the session. */
export type SessionEnd = 'logged_out' | 'expired' | null;

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

export function MeProvider({ me, logout, children }: { me: Me; logout: () => Promise<void>; children: ReactNode }) {
  return (
    <LogoutContext.Provider value={logout}>
      <MeContext.Provider value={me}>{children}</MeContext.Provider>
    </LogoutContext.Provider>
  );
}

/** Ends the session on the server and shows the login page, saying 已退出登录. */
export const useLogout = () => useContext(LogoutContext);

/**
 * The session's end as the login page tells it. A logout is said as such: queries still in flight
 * when it happens answer 401 and would otherwise read as an expired session.
 */
export function useSessionEnd(loggedIn: boolean) {
  const qc = useQueryClient();
  const [ended, setEnded] = useState<SessionEnd>(null);
  const loggingOut = useRef(false);
  useEffect(() => {
    if (loggedIn) loggingOut.current = false;
  }, [loggedIn]);
  useSessionWatch(
    useCallback(() => {
      if (!loggingOut.current) setEnded('expired');
    }, []),
  );
  const logout = useCallback(async () => {
    loggingOut.current = true;
    await api.post('/api/auth/logout').catch(() => {});
    forgetSession(qc);
    setEnded('logged_out');
  }, [qc]);
  return { ended, logout };
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

/**
 * Forgets the user and every query of theirs. `me` is set to null rather than removed, so that the
 * gate watching it shows the login page at once.
 */
function forgetSession(qc: QueryClient) {
  setCsrfToken(null);
  qc.setQueryData(ME_KEY, null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
}

/**
 * Whether the user may open a page (lib/routes.ts): every link or button leading somewhere asks this,
 * so nobody is shown a way into a page their permissions refuse.
 */
export function useCanOpen(): (to: string) => boolean {
  const me = useMe();
  return (to) => canOpen(me.permissions, to);
}

/** On any 401 the session is gone: forget the user and let the router show the login page. */
function useSessionWatch(onExpired: () => void) {
  const qc = useQueryClient();
  useEffect(
    () =>
      onUnauthorized(() => {
        forgetSession(qc);
        onExpired();
      }),
    [qc, onExpired],
  );
}

import type { Role } from '@passerelle/domain';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  api,
  mayHaveSession,
  onSessionChange,
  refreshSession,
  type Session,
  type SessionUser,
  setSession,
} from './api';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated';

export interface RegisterInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  role: Extract<Role, 'postier' | 'association'>;
}

interface AuthContextValue {
  status: AuthStatus;
  user: SessionUser | null;
  login: (email: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  register: (input: RegisterInput) => Promise<{ id: string; email: string; role: Role }>;
  /** Re-reads the session (after verifying the email, for instance). */
  reload: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);

  useEffect(() => {
    const unsubscribe = onSessionChange((next) => {
      setUser(next);
      setStatus(next ? 'authenticated' : 'anonymous');
    });
    // A page load has no access token: the refresh cookie, if any, restores the session.
    if (!mayHaveSession()) {
      setStatus('anonymous');
    } else {
      refreshSession().catch(() => {
        setStatus('anonymous');
      });
    }
    // Logged out in another tab: follow.
    const onStorage = (event: StorageEvent) => {
      if (event.key === 'passerelle.session' && event.newValue === null) setSession(null);
    };
    window.addEventListener('storage', onStorage);
    return () => {
      unsubscribe();
      window.removeEventListener('storage', onStorage);
    };
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const session = await api.post<Session>('/auth/login', { email, password }, { refreshOn401: false });
    setSession(session);
    return session.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', {}, { refreshOn401: false });
    } finally {
      setSession(null);
    }
  }, []);

  const register = useCallback(
    (input: RegisterInput) =>
      api.post<{ id: string; email: string; role: Role }>('/auth/register', input, { refreshOn401: false }),
    [],
  );

  const reload = useCallback(async () => {
    await refreshSession();
  }, []);

  const value = useMemo(
    () => ({ status, user, login, logout, register, reload }),
    [status, user, login, logout, register, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** Where each role lands after logging in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'postier':
      return '/recommandations';
    case 'association':
      return '/association';
    case 'hr':
      return '/rh/approbations';
    case 'admin':
      return '/admin/associations';
  }
}

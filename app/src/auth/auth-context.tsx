/** The signed-in user for React: `useAuth()` re-renders when someone signs in or out. */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { AuthEvent, type AuthSession, type Role, type SignedInUser } from './auth-session';

const SessionContext = createContext<AuthSession | undefined>(undefined);

export function AuthProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useAuthSession(): AuthSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useAuthSession outside AuthProvider');
  return session;
}

export function useAuth(): {
  user: SignedInUser | undefined;
  session: AuthSession;
  is: (role: Role) => boolean;
} {
  const session = useAuthSession();
  const user = useSyncExternalStore(
    (onChange) => {
      session.on(AuthEvent.Changed, onChange);
      return () => session.off(AuthEvent.Changed, onChange);
    },
    () => session.user,
  );
  return { user, session, is: (role) => user?.groups.includes(role) ?? false };
}

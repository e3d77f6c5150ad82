/** Every screen's frame: the top bar with what this user may do, the offline and update notices. */
import type { ReactNode } from 'react';
import { Link, useRoute } from 'wouter';
import { useNavigate } from './navigation';
import { useAuth } from '../auth/auth-context';
import { OfflineBanner } from './offline-banner';
import { UpdatePrompt } from './update-prompt';

export function AppLayout({ children }: { children: ReactNode }) {
  const { user, session, is: hasRole } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link href="/" className="brand" aria-label="GoLive home">
          <span className="brand-dot" aria-hidden="true" />
          GoLive
        </Link>
        <nav aria-label="Main">
          <NavItem href="/" also="/watch/*">
            Watch
          </NavItem>
          {hasRole('sellers') && <NavItem href="/live">Go live</NavItem>}
          {hasRole('admins') && <NavItem href="/admin">Admin</NavItem>}
          {user ? (
            <button
              className="link-button"
              onClick={() => {
                // Signed out on this device at once; telling Cognito (GlobalSignOut) need not hold the page.
                void session.signOut();
                navigate('/');
              }}
              title={`Signed in as ${user.email}`}
            >
              Sign out
            </button>
          ) : (
            <NavItem href="/sign-in">Sign in</NavItem>
          )}
        </nav>
      </header>
      <OfflineBanner />
      <div id="main" tabIndex={-1}>
        {children}
      </div>
      <UpdatePrompt />
    </>
  );
}

/** A top-bar link, marked as the current page on its path (and on `also`, a path pattern). */
function NavItem({ href, also, children }: { href: string; also?: string; children: ReactNode }) {
  const [onPath] = useRoute(href);
  const [onAlso] = useRoute(also ?? href);
  const current = onPath || onAlso;
  return (
    <Link href={href} className={current ? 'active' : ''} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

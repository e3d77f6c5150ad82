/**
 * /admin: for the admins group only. Channels (with Stop and Suspend owner), suspended sellers
 * (with Reinstate), transwrap endpoints (live), and a GraphQL console loaded on request.
 */
import { Link } from 'wouter';
import { useAuth } from '../../auth/auth-context';
import { usePageTitle } from '../../ui/page-title';
import { ChannelsSection } from './channels-section';
import { ConsoleSection } from './console-section';
import { EndpointsSection } from './endpoints-section';
import { SellersSection } from './sellers-section';
import './admin.css';

export default function AdminPage() {
  usePageTitle('Admin');
  const { user, is } = useAuth();
  if (!is('admins')) return <AdminsOnly email={user?.email} />;
  return (
    <main className="page admin-page">
      <h1>Admin</h1>
      <nav className="admin-jump" aria-label="Admin sections">
        <a href="#channels">Channels</a>
        <a href="#sellers">Sellers</a>
        <a href="#endpoints">Endpoints</a>
        <a href="#console">Console</a>
      </nav>
      <ChannelsSection />
      <SellersSection />
      <EndpointsSection />
      <ConsoleSection />
    </main>
  );
}

/** Signed out, or signed in without the admins group: say so, and offer the way in. */
function AdminsOnly({ email }: { email: string | undefined }) {
  return (
    <main className="page narrow center">
      <h1>Admins only</h1>
      <p>
        {email
          ? `You are signed in as ${email}, which is not an admin account.`
          : 'Sign in with an admin account to see this page.'}
      </p>
      <p>
        <Link href="/sign-in" state={{ from: '/admin' }} className="button primary">
          {email ? 'Sign in as an admin' : 'Sign in'}
        </Link>
      </p>
    </main>
  );
}

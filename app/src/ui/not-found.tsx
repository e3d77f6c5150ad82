import { Link } from 'wouter';
import { usePageTitle } from './page-title';

export function NotFound() {
  usePageTitle('Not found');
  return (
    <main className="page center">
      <h1>Nothing here</h1>
      <p>This page does not exist.</p>
      <Link className="button" href="/">
        See who is live
      </Link>
    </main>
  );
}

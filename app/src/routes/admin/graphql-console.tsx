/**
 * The admins' GraphQL console: GraphiQL against the app's own API, signed in as the admin.
 *
 * This module is loaded only when an admin opens the console, and its chunk keeps this name
 * (`graphql-console-*.js`): the service worker leaves those out of its precache, so nobody else
 * downloads GraphiQL's editor. It runs under Preact's React compatibility layer like the rest of
 * the app.
 */
import { GraphiQL } from 'graphiql';
import graphiqlStyles from 'graphiql/style.css?inline';
import { useMemo, type ComponentProps } from 'react';
import { useAuthSession } from '../../auth/auth-context';
import { useAppConfig } from '../../config/config-context';
import './graphql-console.css';

// GraphiQL's stylesheet (400 KB, its fonts inlined) travels inside this chunk and is applied when
// the chunk loads: as a CSS file of its own it would be precached for every visitor. It is adopted
// as a constructed stylesheet: a <style> element would need 'unsafe-inline' in the page's
// Content-Security-Policy.
const styles = new CSSStyleSheet();
styles.replaceSync(graphiqlStyles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, styles];

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const FIRST_QUERY = `# Live data, as you.
# Run it with ▶.
{
  channels(limit: 20) {
    items {
      id
      name
      status
      ownerEmail
    }
    nextToken
  }
}
`;

/**
 * AppSync's user-pool auth: the ID token, unprefixed, in Authorization. The token is fetched per
 * request so a long console session keeps working across token refreshes.
 */
export function apiFetcher(url: string, idToken: () => Promise<string>): Fetcher {
  return async ({ query, variables, operationName }) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: await idToken() },
      body: JSON.stringify({ query, variables: variables as unknown, operationName }),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      // A gateway's HTML error page, say: show what came back rather than a parse error.
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  };
}

export default function GraphqlConsole() {
  const { graphqlUrl } = useAppConfig();
  const session = useAuthSession();
  const fetcher = useMemo(() => apiFetcher(graphqlUrl, () => session.idToken()), [graphqlUrl, session]);
  return (
    <div className="graphql-console">
      <GraphiQL
        fetcher={fetcher}
        defaultQuery={FIRST_QUERY}
        // The admin's own token is sent with every request; a headers editor would only confuse.
        isHeadersEditorEnabled={false}
      />
    </div>
  );
}

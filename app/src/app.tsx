/**
 * The routes. Every page is its own chunk, loaded when visited; the pages that use the API sit
 * inside one provider of it, so the sign-in pages carry no GraphQL client, and the watch page
 * paints before loading it (and Video.js) itself.
 */
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { AuthProvider } from './auth/auth-context';
import type { AuthSession } from './auth/auth-session';
import type { AppConfig } from './config/app-config';
import { ConfigProvider } from './config/config-context';
import { AppLayout } from './ui/app-layout';
import { Loading } from './ui/loading';
import { NotFound } from './ui/not-found';

const load = {
  signIn: () => import('./routes/account/sign-in-page'),
  signUp: () => import('./routes/account/sign-up-page'),
  forgotPassword: () => import('./routes/account/forgot-password-page'),
  api: () => import('./api/api-provider'),
  liveChannels: () => import('./routes/home/live-channels-page'),
  broadcaster: () => import('./routes/broadcaster/broadcaster-page'),
  watch: () => import('./routes/watch/watch-page'),
  admin: () => import('./routes/admin/admin-page'),
};
const SignInPage = lazy(load.signIn);
const SignUpPage = lazy(load.signUp);
const ForgotPasswordPage = lazy(load.forgotPassword);
const ApiProvider = lazy(load.api);
const LiveChannelsPage = lazy(load.liveChannels);
const BroadcasterPage = lazy(load.broadcaster);
const WatchPage = lazy(load.watch);
const AdminPage = lazy(load.admin);

/**
 * The pages that render without the API client: sign-in has its own small Cognito client, and the
 * watch page loads the API client itself once it has painted.
 */
const PAGES_WITHOUT_API = new Set(['sign-in', 'sign-up', 'forgot-password', 'watch']);

/**
 * Starts fetching the code of the page being opened (and the API client it needs) while the
 * configuration loads, instead of one chunk after another once rendering reaches them.
 */
export function preloadPage(pathname: string): void {
  const first = pathname.split('/')[1] ?? '';
  const page = {
    'sign-in': load.signIn,
    'sign-up': load.signUp,
    'forgot-password': load.forgotPassword,
    '': load.liveChannels,
    live: load.broadcaster,
    watch: load.watch,
    admin: load.admin,
  }[first];
  if (!page) return;
  void page().catch(() => undefined);
  if (!PAGES_WITHOUT_API.has(first)) void load.api().catch(() => undefined);
}

export function App({ config, session }: { config: AppConfig; session: AuthSession }) {
  return (
    <ConfigProvider config={config}>
      <AuthProvider session={session}>
        <AppLayout>
          <Suspense fallback={<Loading />}>
            <Switch>
              <Route path="/sign-in" component={SignInPage} />
              <Route path="/sign-up" component={SignUpPage} />
              <Route path="/forgot-password" component={ForgotPasswordPage} />
              {/* Paints from a read of its own and loads the API client after: see watch-page.tsx. */}
              <Route path="/watch/:channelId" component={WatchPage} />
              <Route>
                <ApiProvider>
                  <Switch>
                    <Route path="/" component={LiveChannelsPage} />
                    <Route path="/live" component={BroadcasterPage} />
                    <Route path="/admin" component={AdminPage} />
                    <Route component={NotFound} />
                  </Switch>
                </ApiProvider>
              </Route>
            </Switch>
          </Suspense>
        </AppLayout>
      </AuthProvider>
    </ConfigProvider>
  );
}

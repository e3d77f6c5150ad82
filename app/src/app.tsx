/**
 * The routes. Every page is its own chunk, loaded when visited; the pages that use the API sit
 * inside one provider of it, so the sign-in pages carry no GraphQL client and Video.js loads only
 * with the watch page.
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

const SignInPage = lazy(() => import('./routes/account/sign-in-page'));
const SignUpPage = lazy(() => import('./routes/account/sign-up-page'));
const ForgotPasswordPage = lazy(() => import('./routes/account/forgot-password-page'));
const ApiProvider = lazy(() => import('./api/api-provider'));
const LiveChannelsPage = lazy(() => import('./routes/home/live-channels-page'));
const BroadcasterPage = lazy(() => import('./routes/broadcaster/broadcaster-page'));
const WatchPage = lazy(() => import('./routes/watch/watch-page'));
const AdminPage = lazy(() => import('./routes/admin/admin-page'));

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
              <Route>
                <ApiProvider>
                  <Switch>
                    <Route path="/" component={LiveChannelsPage} />
                    <Route path="/live" component={BroadcasterPage} />
                    <Route path="/watch/:channelId" component={WatchPage} />
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

/** Start-up: read amplify_outputs.json, restore the signed-in user, render the routes. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './app';
import { keepConfigForOffline, loadAppConfig } from './config/app-config';
import { CognitoApi } from './auth/cognito-api';
import { AuthSession } from './auth/auth-session';
import { BrowserTokenVault } from './auth/token-vault';
import { InsecurePage } from './ui/insecure-page';
import './ui/styles.css';

const root = createRoot(document.getElementById('root')!);
preloadPage(window.location.pathname);

loadAppConfig()
  .then(async (config) => {
    if (!window.isSecureContext) {
      root.render(<InsecurePage secureAppUrl={config.secureAppUrl} trustPageUrl={config.trustPageUrl} />);
      return;
    }
    const session = await AuthSession.restore(
      new CognitoApi(config.cognitoEndpoint, config.userPoolClientId),
      new BrowserTokenVault(),
    );
    root.render(
      <StrictMode>
        <App config={config} session={session} />
      </StrictMode>,
    );
    void keepConfigForOffline();
  })
  .catch((error: unknown) => {
    // Offline before the first visit cached the config, or a bad deployment: say which.
    root.render(
      <main className="page center" role="alert">
        <h1>GoLive cannot start</h1>
        <p>{navigator.onLine ? String(error) : 'You are offline. Connect and try again.'}</p>
        <button className="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </main>,
    );
  });

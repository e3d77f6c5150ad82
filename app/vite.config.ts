/**
 * Builds the PWA into app/dist: React, one chunk per page, and a service worker (Workbox, through
 * vite-plugin-pwa) that precaches the app shell so it opens offline. The web manifest is here.
 */
import { existsSync, readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export const THEME_COLOR = '#0f172a';

/**
 * `npm run dev` takes amplify_outputs.json from the running local stack (`npm start`), so the dev
 * server talks to the same API, Cognito and transwrap as the built app; unless a deployment wrote
 * its own into public/ (`npm run deploy:sandbox`), which the dev server then serves as it is.
 */
function localStackApp(): string | undefined {
  if (existsSync(new URL('./public/amplify_outputs.json', import.meta.url))) return undefined;
  const info = new URL('../.data/local-stack.json', import.meta.url);
  if (!existsSync(info)) return undefined;
  return (JSON.parse(readFileSync(info, 'utf8')) as { app?: { url: string } }).app?.url;
}

export default defineConfig({
  root: import.meta.dirname,
  resolve: {
    alias: [
      // Preact runs the React code at a fifth of React DOM's size (the 150 KB route budget).
      { find: /^react(-dom)?$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/compiler-runtime$/, replacement: 'preact/compat/compiler-runtime' },
      // Node's url module, which AppSync's links import for url.parse: a few lines on URL instead.
      { find: /^url$/, replacement: new URL('./src/platform/node-url.ts', import.meta.url).pathname },
      // The subscription link imports graphql's CommonJS entry by path, which cannot tree-shake.
      { find: /^graphql\/index\.js$/, replacement: 'graphql' },
    ],
  },
  // The admin console's GraphiQL is one large chunk by nature; budgets are checked by bench/app.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's React Compiler runtime says "use no memo", which only a compiler reads.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: (() => {
    const app = localStackApp();
    return app ? { proxy: { '/amplify_outputs.json': { target: app, changeOrigin: true } } } : {};
  })(),
  plugins: [
    react(),
    VitePWA({
      // The user decides when a new version takes over (update-prompt.tsx), never mid-broadcast.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: 'GoLive',
        short_name: 'GoLive',
        description: 'Go live from your phone to Amazon IVS, and watch live on yours.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: THEME_COLOR,
        theme_color: THEME_COLOR,
        categories: ['entertainment', 'shopping', 'video'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // The admin console's editor is large and only for admins: fetched when an admin opens it.
        // Video.js (~700 KB) is for viewers only: cached when first watched, not installed with the app.
        globIgnores: ['**/graphql-console-*.js', '**/video.es-*.js', '**/*.map'],
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /\/assets\/video(\.es|-js)-/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'video-player', expiration: { maxEntries: 4 } },
          },
          {
            // The backend's addresses: fresh when online, the last copy when offline.
            urlPattern: ({ url }) => url.pathname === '/amplify_outputs.json',
            handler: 'NetworkFirst',
            options: { cacheName: 'app-config', networkTimeoutSeconds: 3 },
          },
        ],
      },
    }),
  ],
});

/**
 * WebKitGTK (WebKit's engine, DOM, JavaScriptCore and service workers; GStreamer media, not
 * Safari's AVFoundation) as a PageDriver: its MiniBrowser in a private Xvfb display, driven by
 * WebKitWebDriver through selenium-webdriver. Mock capture devices stand in for the camera and
 * microphone, with no permission prompt; autoplay is left to WebKit's own rules for muted media.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { Builder, By, type WebDriver } from 'selenium-webdriver';
import { resolveMiniBrowser, resolveWebKitWebDriver, resolveXvfb } from '../../binaries';
import { poll, within } from '../poll';
import type { PageDriver } from './page-driver';

const START_TIMEOUT_MS = 20_000;

/** Starts Xvfb on a display number it picks itself (-displayfd), resolving that display. */
async function startDisplay(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn(resolveXvfb(), ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const announced = new Promise<string>((resolve, reject) => {
    let written = '';
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      written += chunk.toString();
      if (written.includes('\n')) resolve(`:${written.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display`)));
  });
  return {
    display: await within('Xvfb to announce its display', announced, START_TIMEOUT_MS),
    process: xvfb,
  };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Resolves once something accepts connections on the port. */
async function accepting(port: number, what: string): Promise<void> {
  await poll(
    `${what} to listen on port ${port}`,
    () =>
      new Promise<true | undefined>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(undefined));
      }),
    START_TIMEOUT_MS,
  );
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = once(child, 'exit').then(() => undefined);
  child.kill('SIGTERM');
  return exited;
}

export async function launchWebKitDriver(
  viewport: { width: number; height: number } = { width: 390, height: 844 },
): Promise<PageDriver> {
  const xvfb = await startDisplay();
  const port = await freePort();
  const server = spawn(resolveWebKitWebDriver(), [`--port=${port}`], {
    env: {
      ...process.env,
      DISPLAY: xvfb.display,
      // No sound card here: GStreamer's audio sink cannot open, and a video with sound never plays
      // (its pipeline waits for the audio sink). A fake one that keeps time stands in for it.
      GST_PLUGIN_FEATURE_RANK: 'fakeaudiosink:512',
    },
    stdio: 'ignore',
  });
  let driver: WebDriver | undefined;
  const close = async () => {
    await driver?.quit().catch(() => undefined);
    await stop(server);
    await stop(xvfb.process);
  };
  try {
    await accepting(port, 'WebKitWebDriver');
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': {
          binary: resolveMiniBrowser(),
          args: [
            '--automation',
            '--enable-media-stream=true',
            '--enable-mock-capture-devices=true',
            '--enable-mediasource=true',
            '--enable-media-capabilities=true',
            // Safari's own rule: muted media may play by itself, audible media may not.
            '--autoplay-policy=allow',
          ],
        },
      })
      .build();
    await driver.manage().window().setRect(viewport);
  } catch (error) {
    await close();
    throw error;
  }
  const page = driver;
  return {
    goto: (url) => page.get(url),
    // W3C WebDriver awaits a promise the script returns.
    evaluate: (fn, ...args) => page.executeScript(`return (${fn.toString()})(...arguments)`, ...args),
    click: async (selector) => page.findElement(By.css(selector)).click(),
    type: async (selector, text) => page.findElement(By.css(selector)).sendKeys(text),
    close,
  };
}

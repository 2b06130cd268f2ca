// The browsers the core and element tests run in: Debian's Chromium, Firefox ESR and WebKitGTK
// (Safari's engine). None is downloaded by a tool: each is the distribution's own build.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteerCore from 'puppeteer-core';
import { CHROMIUM_ARGS, FAKE_CAMERA_ARGS, chromiumPath } from './chromium.mjs';
import { cameraFeed } from '../support/camera-feed.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** What each browser needs installed, so a missing one fails with the command that brings it. */
export const BROWSER_BINARIES = {
  chromium: [chromiumPath()],
  firefox: [FIREFOX],
  webkit: [WEBKIT_DRIVER, MINIBROWSER],
};

function requireBinaries(name) {
  const missing = BROWSER_BINARIES[name].filter((path) => !existsSync(path));
  if (missing.length) {
    throw new Error(`${name}: ${missing.join(', ')} not found; apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb xauth`);
  }
}

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function waitForDriver(port, driver) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not start within 10 s');
}

/**
 * WebKitGTK speaks WebDriver classic through its own driver, which we start and stop around the
 * run. MiniBrowser has no headless mode: the caller runs us under a display (xvfb-run).
 */
async function webkit() {
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, ['--host=127.0.0.1', `--port=${port}`], { stdio: 'ignore' });
  const stopDriver = () => {
    if (driver.exitCode === null) driver.kill();
  };
  process.once('exit', stopDriver);
  await waitForDriver(port, driver);
  return {
    // WebKitWebDriver serves one session at a time.
    concurrency: 1,
    browsers: [
      webdriverLauncher({
        automationProtocol: 'webdriver',
        hostname: '127.0.0.1',
        port,
        path: '/',
        logLevel: 'error',
        capabilities: {
          browserName: 'MiniBrowser',
          'wdio:enforceWebDriverClassic': true,
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        },
      }),
    ],
    plugins: [{ name: 'stop-webkitwebdriver', serverStop: stopDriver }],
  };
}

const launchers = {
  chromium: async () => ({
    browsers: [
      playwrightLauncher({
        product: 'chromium',
        // The fake camera films a card on a wallpaper, so the camera's quality checks see a document.
        launchOptions: { executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...FAKE_CAMERA_ARGS, `--use-file-for-fake-video-capture=${await cameraFeed()}`] },
      }),
    ],
  }),
  // Playwright drives only its own patched Firefox; Debian's speaks WebDriver BiDi to puppeteer-core.
  firefox: async () => ({
    browsers: [
      chromeLauncher({
        puppeteer: puppeteerCore.default ?? puppeteerCore,
        launchOptions: { browser: 'firefox', executablePath: FIREFOX, headless: true },
      }),
    ],
  }),
  webkit,
};

/** The launcher (and what it needs of the config) for `KYC_TEST_BROWSER`, Chromium by default. */
export async function browserConfig(name = process.env.KYC_TEST_BROWSER || 'chromium') {
  if (!launchers[name]) throw new Error(`KYC_TEST_BROWSER=${name}: expected one of ${Object.keys(launchers).join(', ')}`);
  requireBinaries(name);
  return launchers[name]();
}

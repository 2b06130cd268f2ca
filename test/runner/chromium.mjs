// Debian's Chromium, driven by Playwright without any browser download of its own.
import { chromium } from 'playwright';

// Root in a closed network: no sandbox, no GPU, and none of the background services that would
// try (and fail) to reach the internet.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
];

/**
 * Chromium's own fake camera (a moving test pattern), granted without a prompt: the in-page
 * camera's tests. The end-to-end tests feed it a real photo instead (`--use-file-for-fake-video-capture`).
 */
export const FAKE_CAMERA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const launchChromium = () => chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });

// Debian's Chromium, driven by Playwright without any browser download of its own.
import { chromium } from 'playwright';

// Root in a closed network: no sandbox, no GPU, and none of the background services that would
// try (and fail) to reach the internet.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
];

export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const launchChromium = () => chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });

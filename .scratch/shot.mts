import { chromium } from 'playwright';
import { startDemo } from '../demo/server.ts';
import { CHROMIUM_ARGS, FAKE_CAMERA_ARGS, chromiumPath } from '../test/runner/chromium.mjs';
import { cameraFeed } from '../test/support/camera-feed.mjs';
const demo = await startDemo({ port: 0, env: {} });
const feed = await cameraFeed({ blur: Number(process.argv[2] ?? 0) });
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...FAKE_CAMERA_ARGS, `--use-file-for-fake-video-capture=${feed}`] });
const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
await page.goto(demo.url);
await page.waitForFunction(() => document.body.dataset['requirements'] === 'loaded');
await page.getByRole('radio', { name: 'Identity card', exact: true }).check();
await page.getByRole('button', { name: 'Take a photo' }).first().click();
const dialog = page.getByRole('dialog');
await dialog.getByText(process.argv[3] ?? 'The photo looks good.').waitFor({ timeout: 20000 });
await page.screenshot({ path: `/tmp/phone-camera-${process.argv[2] ?? 0}.png` });
if (process.argv[4]) { await dialog.getByRole('button', { name: 'Take photo' }).click(); await dialog.getByText(process.argv[4]).waitFor(); await page.screenshot({ path: `/tmp/phone-camera-shot.png` }); }
await browser.close(); await demo.close();

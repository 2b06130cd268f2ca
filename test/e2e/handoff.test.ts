// Continue on your phone, end to end on real parts: the demo page on a computer (Chromium) shows a
// QR code; a phone (a second Chromium, phone-sized, touch, its fake camera fed a card on a Debian
// wallpaper) opens the code's link, photographs the card with the in-page camera and uploads it
// to the embedded S3; the computer's widget then shows the stored file, under the same documentId.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright';
import sharp from 'sharp';
import { CHROMIUM_ARGS, FAKE_CAMERA_ARGS, chromiumPath } from '../runner/chromium.mjs';
import { cameraFeed } from '../support/camera-feed.mjs';
import { startDemo } from '../../demo/server.js';
import { type Harness, openDemo, startHarness, storedKeys, storedObject } from './demo-page.js';

let harness: Harness;
let phoneBrowser: Browser;
before(async () => {
  harness = await startHarness();
  const feed = await cameraFeed();
  phoneBrowser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...FAKE_CAMERA_ARGS, `--use-file-for-fake-video-capture=${feed}`] });
});
after(async () => {
  await phoneBrowser?.close();
  await harness?.close();
});

/** The computer's next outcome, as its page receives it. */
const outcome = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ type: string; detail: Record<string, unknown> }>((resolve) => {
        const set = document.querySelector('kyc-document-set')!;
        for (const type of ['kyc-upload-success', 'kyc-upload-error']) {
          set.addEventListener(type, (event) => resolve({ type, detail: JSON.parse(JSON.stringify((event as CustomEvent).detail)) }), { once: true });
        }
      }),
  );

async function phonePage(url: string): Promise<Page> {
  const context = await phoneBrowser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** The phone's page opened at `url`, with the answer to the claim it makes. */
async function phoneClaiming(url: string): Promise<{ phone: Page; claim: { status: number; code?: string } }> {
  const context = await phoneBrowser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  const answer = phone.waitForResponse((response) => new URL(response.url()).pathname === '/api/kyc/handoff/claim');
  await phone.goto(url);
  const response = await answer;
  const body = (await response.json()) as { error?: { code?: string } };
  return { phone, claim: { status: response.status(), ...(body.error?.code ? { code: body.error.code } : {}) } };
}

/** Clicks "Use your phone" for the front of the identity card, and returns the handoff made. */
async function startHandoff(desktop: Page, button = 'Use your phone'): Promise<{ url: string; expiresAt: string }> {
  const started = desktop.waitForResponse((response) => new URL(response.url()).pathname === '/api/kyc/handoff' && response.request().method() === 'POST');
  await desktop.locator('kyc-upload[data-slot$="/front"]').getByRole('button', { name: button }).click();
  return (await (await started).json()) as { url: string; expiresAt: string };
}

describe('continue on your phone', () => {
  it('stores the phone\'s photo once and the computer shows it, under the same documentId; the code works once', async () => {
    // The phone films an ID card, whose front this is: its checks look for a card's shape.
    const { page: desktop } = await openDemo(harness, '', { identity: 'Identity card' });
    const keysBefore = (await storedKeys(harness.demo)).length;
    const handoff = await startHandoff(desktop);
    await desktop.getByRole('img', { name: /Scan this code/ }).waitFor();
    assert.match(handoff.url, /\/handoff\?lang=en#handoff=[\w-]{40,}$/, 'the token travels in the fragment, the page\'s language in the query');
    const done = outcome(desktop);

    const phone = await phonePage(handoff.url);
    assert.equal(new URL(phone.url()).hash, '', 'the token leaves the address bar');
    // Claimed: the computer says so. Then the phone's page is reloaded, without its code: the tab
    // kept the session its claim gave, and continues with it.
    await desktop.getByText('Your phone is connected. Take the photo there.').waitFor();
    const kept = () => phone.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('kyc-upload-handoff')).length);
    assert.equal(await kept(), 1, 'the claimed session, kept in this tab');
    await phone.reload();
    assert.equal(new URL(phone.url()).hash, '');
    await phone.getByRole('button', { name: 'Take a photo' }).click();
    const shutter = phone.getByRole('button', { name: 'Take photo' });
    await shutter.waitFor();
    await phone.waitForFunction(() => {
      const shot = document.querySelector('kyc-upload')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="camera-shutter-button"]');
      const video = document.querySelector('kyc-upload')!.shadowRoot!.querySelector('video');
      return shot && !shot.disabled && video && video.videoWidth > 0;
    });
    await shutter.click();
    await phone.getByText('Sent. You can go back to your computer.').waitFor();
    assert.equal(await kept(), 0, 'forgotten once the computer has the document');
    assert.equal(await phone.locator('#no-code').isHidden(), true);
    // Reloaded again, it has nothing to continue.
    await phone.reload();
    await phone.getByText('Open this page by scanning the code shown on your computer.').waitFor();

    const { type, detail } = await done;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    assert.equal(detail.via, 'phone');
    const documentId = String(detail.documentId);
    await desktop.locator('kyc-upload [part="label"]').getByText('Document uploaded', { exact: true }).waitFor();

    const stored = await storedObject(harness.demo, documentId);
    const { width, height } = await sharp(stored.bytes).metadata();
    assert.deepEqual([width, height], [1920, 1080], 'the camera\'s full frame');
    assert.equal((detail.file as { size: number }).size, stored.bytes.length);
    assert.equal((await storedKeys(harness.demo)).length, keysBefore + 1, 'stored once');

    // The same code on another phone: refused, and said so.
    const second = await phonePage(handoff.url);
    await second.getByText('This code was already used. Make a new one on your computer.').waitFor();
    await Promise.all([phone.context().close(), second.context().close(), desktop.context().close()]);
  });

  it('refuses an expired code, in the computer\'s language: the phone is told to ask the computer for a new one, and nothing is stored', async () => {
    // A demo whose codes live 2 s (KYC_HANDOFF_TTL_SECONDS): a real expiry, on the real clock.
    const demo = await startDemo({ port: 0, env: { KYC_HANDOFF_TTL_SECONDS: '2' } });
    try {
      const { page: desktop } = await openDemo({ demo, browser: harness.browser, close: () => demo.close() }, '', { identity: 'Identity card' });
      // The person reads the page in French: the widget follows <html lang>, and so does the phone.
      await desktop.evaluate(() => document.documentElement.setAttribute('lang', 'fr'));
      const handoff = await startHandoff(desktop, 'Utiliser votre téléphone');
      assert.match(handoff.url, /\/handoff\?lang=fr#handoff=[\w-]{40,}$/);
      await desktop.getByRole('img', { name: /Scannez ce code/ }).waitFor();
      // The computer hears of the expiry from the server (its event stream), then offers a new code.
      await desktop.getByRole('status').filter({ hasText: 'Ce code a expiré.' }).waitFor({ timeout: 20_000 });
      await desktop.getByRole('button', { name: 'Nouveau code' }).waitFor();
      assert.ok(Date.now() >= Date.parse(handoff.expiresAt), 'past its expiry');

      const { phone, claim } = await phoneClaiming(handoff.url);
      assert.deepEqual(claim, { status: 410, code: 'handoff-expired' });
      await phone.getByText('Ce code a expiré. Créez-en un nouveau sur votre ordinateur.').waitFor();
      assert.equal(await phone.locator('html').getAttribute('lang'), 'fr');
      await phone.getByRole('heading', { name: 'Continuer sur votre téléphone' }).waitFor();
      await phone.getByRole('button', { name: 'Prendre une photo' }).waitFor();
      assert.deepEqual(await storedKeys(demo), [], 'nothing stored');
      await Promise.all([phone.context().close(), desktop.context().close()]);
    } finally {
      await demo.close();
    }
  });
});

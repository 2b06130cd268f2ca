// Photo quality checks, end to end on real parts: Debian Chromium's fake camera films a card on a
// Debian wallpaper (sharp, or blurred as a shaking hand would), or the same scene is chosen as a
// file; the widget's checks run in its worker, the photo goes through the demo's backend into the
// embedded S3, and the host records what the device said of it, as a hint for the reviewer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page, chromium } from 'playwright';
import sharp from 'sharp';
import { openHostStore } from '../../src/server/store/host-store.js';
import { en } from '../../src/element/translations/en.js';
import { enCamera } from '../../src/element/translations/en-camera.js';
import { enErrors } from '../../src/element/translations/en-errors.js';
import { CHROMIUM_ARGS, FAKE_CAMERA_ARGS, chromiumPath } from '../runner/chromium.mjs';
import { cameraFeed, cameraScene } from '../support/camera-feed.mjs';
import { type Harness, nextOutcome, openDemo, startHarness, storedKeys, storedObject } from './demo-page.js';

let harness: Harness;
const cameras: Browser[] = [];
before(async () => {
  harness = await startHarness();
});
after(async () => {
  for (const camera of cameras) await camera.close();
  await harness?.close();
});

/** A Chromium whose camera films the card scene, blurred by `blur` (a gaussian sigma). */
async function filming(blur = 0): Promise<Harness> {
  const feed = await cameraFeed({ blur });
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...FAKE_CAMERA_ARGS, `--use-file-for-fake-video-capture=${feed}`] });
  cameras.push(browser);
  return { ...harness, browser };
}

/** The first slot's camera, open, its preview playing. */
async function openCamera(page: Page) {
  await page.getByRole('button', { name: 'Take a photo' }).first().click();
  const dialog = page.getByRole('dialog', { name: enCamera.title });
  const shutter = dialog.getByRole('button', { name: enCamera.shutter });
  await shutter.waitFor();
  await page.waitForFunction(() => {
    const root = document.querySelector('kyc-document-set')!.shadowRoot!.querySelector('kyc-upload')!.shadowRoot!;
    const video = root.querySelector('video');
    return video && video.videoWidth > 0 && !root.querySelector<HTMLButtonElement>('[part~="camera-shutter-button"]')!.disabled;
  });
  return { dialog, shutter, guidance: dialog.locator('[part~="camera-guidance"]') };
}

/** Chooses a file for the card's front, as a person would, and waits for how it ends. */
async function chooseFront(page: Page, name: string, buffer: Buffer, button = 'Choose a file') {
  const outcome = nextOutcome(page);
  const chooser = page.waitForEvent('filechooser');
  await page.locator('kyc-upload[data-slot$="/front"]').getByRole('button', { name: button, exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'image/jpeg', buffer });
  return outcome;
}

async function deviceQualityOf(documentId: string) {
  const store = await openHostStore(harness.demo.database);
  return (await store.document(documentId))?.deviceQuality;
}

describe('photo quality checks, end to end', () => {
  it('a sharp card passes its checks at once, live and shot, and is stored with what the device found', async () => {
    const { page } = await openDemo(await filming(), '', { identity: 'Identity card' });
    const keysBefore = (await storedKeys(harness.demo)).length;
    const { shutter, guidance } = await openCamera(page);
    await guidance.getByText(enCamera.looksGood, { exact: true }).waitFor();
    const outcome = nextOutcome(page);
    await shutter.click();
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    const quality = detail.quality as { passed: boolean; issues: string[]; corners: number; resolution: number };
    assert.deepEqual([quality.passed, quality.issues, quality.corners], [true, [], 4]);
    // The card spans 1200 of the frame's 1920 pixels.
    assert.ok(quality.resolution > 1000 && quality.resolution < 1400, String(quality.resolution));

    const stored = await storedObject(harness.demo, String(detail.documentId));
    const { width, height } = await sharp(stored.bytes).metadata();
    assert.deepEqual([width, height], [1920, 1080]);
    assert.equal((await storedKeys(harness.demo)).length, keysBefore + 1);
    assert.deepEqual(await deviceQualityOf(String(detail.documentId)), quality, 'the host keeps what the device said');
  });

  it('a blurred card: told it is blurred, asked to retake, then offered to send it anyway after two tries', async () => {
    const { page } = await openDemo(await filming(6), '', { identity: 'Identity card' });
    const { dialog, shutter, guidance } = await openCamera(page);
    await guidance.getByText(enCamera.guidance.blurred, { exact: true }).waitFor();
    const retake = dialog.getByRole('button', { name: enCamera.retake });
    const sendAnyway = dialog.getByRole('button', { name: enCamera.sendAnyway });

    await shutter.click();
    await guidance.getByText(enCamera.issues.blurred, { exact: true }).waitFor();
    assert.equal(await sendAnyway.isVisible(), false, 'not after one try');
    await retake.click();
    await shutter.click();
    await guidance.getByText(enCamera.issues.blurred, { exact: true }).waitFor();
    assert.equal(await sendAnyway.isVisible(), true);

    const outcome = nextOutcome(page);
    await sendAnyway.click();
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    const quality = detail.quality as { passed: boolean; issues: string[] };
    assert.equal(quality.passed, false);
    assert.ok(quality.issues.includes('blurred'), quality.issues.join());
    await storedObject(harness.demo, String(detail.documentId));
    assert.deepEqual(await deviceQualityOf(String(detail.documentId)), quality, 'the reviewer is told to look closely');
  });

  it('a chosen blurred photo is refused for a retake before any form is asked for; after two, it may be sent anyway, flagged', async () => {
    const { page } = await openDemo(harness, '', { identity: 'Identity card' });
    const front = page.locator('kyc-upload[data-slot$="/front"]');
    const sendAnyway = front.getByRole('button', { name: en.sendAnyway });
    const storedBefore = (await storedKeys(harness.demo)).length;
    const blurred = await cameraScene({ blur: 6 });

    const first = await chooseFront(page, 'IMG_0412.jpg', blurred);
    assert.deepEqual([first.type, first.detail.code, first.detail.message], ['kyc-upload-reject', 'poor-photo', enErrors['poor-photo-blurred']]);
    await front.getByRole('alert').getByText(enErrors['poor-photo-blurred'] as string).waitFor();
    assert.equal(await sendAnyway.count(), 0, 'not after one try');

    const second = await chooseFront(page, 'IMG_0412.jpg', blurred, en.chooseAnother);
    assert.equal(second.detail.code, 'poor-photo');
    await sendAnyway.waitFor();
    assert.equal((await storedKeys(harness.demo)).length, storedBefore, 'a refused photo leaves nothing in storage');

    const outcome = nextOutcome(page);
    await sendAnyway.click();
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    const quality = detail.quality as { passed: boolean; issues: string[] };
    assert.deepEqual([quality.passed, quality.issues], [false, ['blurred']]);
    await storedObject(harness.demo, String(detail.documentId));
    assert.deepEqual(await deviceQualityOf(String(detail.documentId)), quality, 'the reviewer is told to look closely');

    const clear = await chooseFront(page, 'IMG_0413.jpg', await cameraScene(), en.replace);
    assert.equal(clear.type, 'kyc-upload-success', JSON.stringify(clear.detail));
    assert.equal((clear.detail.quality as { passed: boolean }).passed, true, JSON.stringify(clear.detail.quality));
  });

  it('a chosen scan (the photo is the document, nothing around it) is never sent back, whatever the checks say', async () => {
    const { page } = await openDemo(harness, '', { identity: 'Identity card' });
    const scene = await cameraScene();
    const { width = 0, height = 0 } = await sharp(scene).metadata();
    // The card's middle, cropped tight: no background, no outline to find.
    const crop = await sharp(scene)
      .extract({ left: Math.round(width * 0.3), top: Math.round(height * 0.3), width: Math.round(width * 0.4), height: Math.round(height * 0.4) })
      .jpeg()
      .toBuffer();
    const { type, detail } = await chooseFront(page, 'scan.jpg', crop);
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    assert.equal((detail.quality as { passed: boolean }).passed, false, 'the checks still report what they saw');
  });
});

// Images that fit and files that are safe, through the demo page into real storage: what lands
// is read back and parsed with libvips (sharp), a tool independent of the widget.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import sharp, { type Metadata } from 'sharp';
import { CHART } from '../fixtures/photo-like.js';
import { makeLargePhoto, makeScannedA4Png } from '../fixtures/large-photo.js';
import { type Harness, fixture, openDemo, startHarness, storedKeys, storedObject, upload } from './demo-page.js';
import { HASH_DIGITS } from '../../src/build/runtime-assets.mjs';

const LIMIT = 4_500_000;
let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

/** What a reviewer's tools would see in the stored image. */
async function describeImage(bytes: Buffer) {
  const image = sharp(bytes);
  const meta = await image.metadata();
  const sample = async (x: number, y: number) => {
    const [r, g, b] = await sharp(bytes).extract({ left: Math.round(x * (meta.width! - 1)), top: Math.round(y * (meta.height! - 1)), width: 1, height: 1 }).raw().toBuffer();
    return { r: r!, g: g!, b: b! };
  };
  return { meta, sample };
}

const near = (actual: { r: number; g: number; b: number }, expected: { r: number; g: number; b: number }) =>
  Math.abs(actual.r - expected.r) + Math.abs(actual.g - expected.g) + Math.abs(actual.b - expected.b) < 90;

/** No EXIF (so no GPS IFD) and no XMP, where location could hide. */
function assertNoLocation(meta: Metadata): void {
  assert.equal(meta.exif, undefined, 'EXIF reached storage');
  assert.equal(meta.xmp, undefined, 'XMP reached storage');
  assert.ok(!meta.orientation || meta.orientation === 1);
}

async function uploadAndRead(buffer: Buffer | string, name: string, mimeType: string) {
  const { page, foreignRequests, requests } = await openDemo(harness);
  const file = typeof buffer === 'string' ? buffer : { name, mimeType, buffer };
  const outcome = await upload(page, file);
  assert.equal(outcome.type, 'kyc-upload-success', JSON.stringify(outcome.detail));
  const stored = await storedObject(harness.demo, String(outcome.detail.documentId));
  assert.deepEqual(foreignRequests, [], 'a request left for another host');
  await page.context().close();
  return { detail: outcome.detail, stored, requests };
}

describe('image preparation, end to end', () => {
  it('stores a rotated phone photo upright, with no GPS', async () => {
    const original = await readFile(fixture('rotated-gps.jpg'));
    assert.ok((await sharp(original).metadata()).exif, 'the fixture carries EXIF');
    const { detail, stored } = await uploadAndRead(original, 'IMG_2041.jpg', 'image/jpeg');
    assert.deepEqual(detail.transformations, ['oriented', 'metadata-stripped']);
    assert.equal(stored.type, 'image/jpeg');
    const { meta, sample } = await describeImage(stored.bytes);
    assertNoLocation(meta);
    assert.ok(near(await sample(0.5, 0.01), CHART.top), 'red bar on top');
    assert.ok(near(await sample(0.5, 0.99), CHART.bottom), 'blue bar at the bottom');
  });

  it('cleans a small PNG that already fits, and keeps it PNG', async () => {
    const { detail, stored } = await uploadAndRead(await readFile(fixture('small-gps.png')), 'map.png', 'image/png');
    assert.deepEqual(detail.transformations, ['metadata-stripped']);
    assert.equal(stored.type, 'image/png');
    const { meta } = await describeImage(stored.bytes);
    assert.equal(meta.format, 'png');
    assertNoLocation(meta);
  });

  it('stores an iPhone HEIC as JPEG', async () => {
    const { detail, stored } = await uploadAndRead(await readFile(fixture('photo.heic')), 'IMG_0001.HEIC', 'image/heic');
    assert.equal((detail.transformations as string[])[0], 'heic-to-jpeg');
    assert.equal(stored.type, 'image/jpeg');
    const { meta, sample } = await describeImage(stored.bytes);
    assert.equal(meta.format, 'jpeg');
    assertNoLocation(meta);
    // Turned once, by the HEIC's own rotation box: applying its EXIF tag as well would lay it on its side.
    assert.deepEqual([meta.width, meta.height], [800, 600]);
    assert.ok(near(await sample(0.5, 0.01), CHART.top), 'red bar on top');
  });

  it('makes a 12-megapixel photo of several MB fit, long edge kept at 1600 px or more', async () => {
    const photo = await makeLargePhoto();
    assert.ok(photo.length > LIMIT, `the photo is ${photo.length} bytes`);
    const { detail, stored, requests } = await uploadAndRead(photo, 'IMG_3000.jpg', 'image/jpeg');
    // The compressor ran in its own worker, which loaded itself and its library from the demo's origin.
    const dist = new URL('/dist/', harness.demo.url).href;
    assert.ok(requests.some((url) => url.startsWith(dist) && new RegExp(`/kyc-upload-compressor-[0-9a-f]{${HASH_DIGITS}}\\.js$`).test(url)), requests.join('\n'));
    assert.ok(requests.some((url) => url.startsWith(dist) && new RegExp(`/browser-image-compression-[0-9a-f]{${HASH_DIGITS}}\\.js$`).test(url)), requests.join('\n'));
    assert.ok(stored.bytes.length <= LIMIT, `stored ${stored.bytes.length} bytes`);
    assert.ok((detail.transformations as string[]).includes('compressed'));
    assert.equal(detail.originalSize, photo.length);
    const { meta } = await describeImage(stored.bytes);
    assert.ok(Math.max(meta.width!, meta.height!) >= 1600, `long edge ${meta.width}×${meta.height}`);
    assertNoLocation(meta);
  });

  it('turns a scanned A4 PNG over the limit into a legible JPEG', async () => {
    const scan = await makeScannedA4Png();
    assert.ok(scan.length > LIMIT, `the scan is ${scan.length} bytes`);
    const { detail, stored } = await uploadAndRead(scan, 'scan.png', 'image/png');
    assert.ok((detail.transformations as string[]).includes('png-to-jpeg'));
    assert.equal(stored.type, 'image/jpeg');
    const { meta } = await describeImage(stored.bytes);
    assert.ok(Math.max(meta.width!, meta.height!) >= 1600);
    assert.ok(stored.bytes.length <= LIMIT);
  });
});

describe('refused files: a clear message, and nothing in storage', () => {
  const cases: Array<[string, string, string, string]> = [
    ['pixel-bomb.png', 'image/png', 'too-many-pixels', 'too large to process'],
    ['truncated.jpg', 'image/jpeg', 'damaged', 'damaged'],
    // The demo page keeps the default `accept`, which leaves SVG out.
    ['hostile.svg', 'image/svg+xml', 'type-not-allowed', 'PDF, JPEG, PNG or TIFF'],
    ['encrypted.pdf', 'application/pdf', 'encrypted-pdf', 'password-protected'],
  ];
  for (const [name, mimeType, code, words] of cases) {
    it(`${name} → ${code}`, async () => {
      const { page, foreignRequests } = await openDemo(harness);
      const before = await storedKeys(harness.demo);
      const outcome = await upload(page, { name, mimeType, buffer: await readFile(fixture(name)) });
      assert.equal(outcome.type, 'kyc-upload-reject', JSON.stringify(outcome.detail));
      assert.equal(outcome.detail.code, code);
      await page.getByRole('alert').filter({ hasText: words }).waitFor();
      // The page is alive and usable: the widget offers another try.
      assert.equal(await page.evaluate(() => 1 + 1), 2);
      await page.getByRole('button', { name: 'Choose another file' }).waitFor();
      assert.deepEqual(await storedKeys(harness.demo), before);
      assert.deepEqual(await page.evaluate(async () => (await fetch('/api/kyc/documents')).json()), []);
      assert.deepEqual(foreignRequests, []);
      await page.context().close();
    });
  }
});

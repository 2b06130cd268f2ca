// End to end on real parts: Debian Chromium opens the demo page (the script-tag bundle), a person
// picks a file through the real file chooser, the reference backend presigns, and the embedded S3
// (with its POST policy check) stores the bytes, which are read back here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright';
import { type Demo, startDemo } from '../../demo/server.js';
import { launchChromium } from '../runner/chromium.mjs';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);

let demo: Demo;
let browser: Browser;

before(async () => {
  demo = await startDemo({ port: 0, env: {} });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

async function storedKeys(): Promise<string[]> {
  const listing = await demo.s3.send(new ListObjectsV2Command({ Bucket: demo.bucket }));
  return (listing.Contents ?? []).map((object) => object.Key!);
}

async function openDemo(): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(demo.url);
  await page.waitForFunction(() => customElements.get('kyc-upload') !== undefined);
  return page;
}

/** The next occurrence of one of the widget's events, as the host page would receive it. */
function nextEvent(page: Page, ...types: string[]): Promise<{ type: string; detail: Record<string, unknown> }> {
  return page.evaluate(
    (wanted) =>
      new Promise((resolve) => {
        const upload = document.querySelector('kyc-upload')!;
        for (const type of wanted) {
          upload.addEventListener(type, (event) => {
            const { detail } = event as CustomEvent;
            resolve({ type, detail: { ...detail, file: detail.file instanceof File ? { name: detail.file.name } : detail.file } });
          }, { once: true });
        }
      }),
    types,
  );
}

/** Clicks the widget's own button and answers the native file chooser, as a person would. */
async function choose(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file' }).click();
  await (await chooser).setFiles(file);
}

describe('upload through the demo page', () => {
  for (const [name, type] of [['id-card.pdf', 'application/pdf'], ['id-card.png', 'image/png']] as const) {
    it(`stores a real ${type} byte for byte under the reported documentId`, async () => {
      const page = await openDemo();
      const outcome = nextEvent(page, 'kyc-upload-success', 'kyc-upload-error', 'kyc-upload-reject');
      await choose(page, fixture(name).pathname);
      const { type: eventType, detail } = await outcome;
      assert.equal(eventType, 'kyc-upload-success', JSON.stringify(detail));
      const documentId = String(detail.documentId);
      assert.match(documentId, /^[0-9a-f-]{36}$/);

      // The page shows it: the widget's success state and the host's own log.
      await page.locator('kyc-upload [part="label"]').getByText('Document uploaded', { exact: true }).waitFor();
      await page.locator('#events').getByText(documentId).first().waitFor();

      const key = (await storedKeys()).find((k) => k.includes(`_${documentId}_`));
      assert.ok(key, `no object for ${documentId}`);
      const object = await demo.s3.send(new GetObjectCommand({ Bucket: demo.bucket, Key: key }));
      assert.equal(object.ContentType, type);
      const stored = Buffer.from(await object.Body!.transformToByteArray());
      assert.deepEqual(stored, await readFile(fixture(name)));
      assert.ok(!key.includes(name.split('.')[0]!), 'the key must not come from the file name');
      await page.close();
    });
  }

  it('rejects a renamed executable with type-mismatch and stores nothing', async () => {
    const page = await openDemo();
    const before = await storedKeys();
    const outcome = nextEvent(page, 'kyc-upload-success', 'kyc-upload-error', 'kyc-upload-reject');
    const buffer = await readFile(fixture('program.elf'));
    await choose(page, { name: 'passport.pdf', mimeType: 'application/pdf', buffer });
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-reject');
    assert.equal(detail.code, 'type-mismatch');
    await page.getByRole('alert').filter({ hasText: 'not really a PDF' }).waitFor();
    assert.deepEqual(await storedKeys(), before);
    // Nothing was presigned either: the back office has no new pre-review document.
    const documents = await page.evaluate(async () => (await fetch('/api/kyc/documents')).json());
    assert.equal(documents.length, 0);
    await page.close();
  });
});

// End to end on real parts: Debian Chromium opens the demo page (the script-tag bundle), a person
// picks a file through the real file chooser, the reference backend presigns, and the embedded S3
// (with its POST policy check) stores the bytes, which are read back here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Harness, fixture, openDemo, startHarness, storedKeys, storedObject, upload } from './demo-page.js';
import { HASH_DIGITS } from '../../src/build/runtime-assets.mjs';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

describe('upload through the demo page', () => {
  for (const [name, type] of [['id-card.pdf', 'application/pdf'], ['id-card.png', 'image/png']] as const) {
    it(`stores a real ${type} byte for byte under the reported documentId`, async () => {
      const { page, foreignRequests } = await openDemo(harness);
      const { type: eventType, detail } = await upload(page, fixture(name).pathname);
      assert.equal(eventType, 'kyc-upload-success', JSON.stringify(detail));
      const documentId = String(detail.documentId);
      assert.match(documentId, /^[0-9a-f-]{36}$/);

      // The page shows it: the widget's success state and the host's own log.
      await page.locator('kyc-upload [part="label"]').getByText('Document uploaded', { exact: true }).waitFor();
      await page.locator('#events').getByText(documentId).first().waitFor();

      const stored = await storedObject(harness.demo, documentId);
      assert.equal(stored.type, type);
      assert.deepEqual(stored.bytes, await readFile(fixture(name)));
      assert.ok(!stored.key.includes(name.split('.')[0]!), 'the key must not come from the file name');
      assert.deepEqual(foreignRequests, []);
      await page.context().close();
    });
  }

  it("speaks the page's language, loading its catalogue from next to the script, and follows a switch", async () => {
    const { page, requests, foreignRequests } = await openDemo(harness);
    await page.getByRole('button', { name: 'Choose a file' }).waitFor();
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'de-CH'));
    await page.getByRole('button', { name: 'Datei auswählen' }).waitFor();
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'nl'));
    await page.getByRole('button', { name: 'Bestand kiezen' }).waitFor();
    const catalogues = requests.filter((url) => new RegExp(`kyc-upload-lang-\\w+-[0-9a-f]{${HASH_DIGITS}}\\.js$`).test(url)).map((url) => new URL(url));
    assert.deepEqual(catalogues.map((url) => url.pathname.replace(new RegExp(`-[0-9a-f]{${HASH_DIGITS}}\\.js$`), '.js')), ['/dist/kyc-upload-lang-de.js', '/dist/kyc-upload-lang-nl.js']);
    assert.ok(catalogues.every((url) => url.origin === new URL(harness.demo.url).origin));
    assert.deepEqual(foreignRequests, []);
    await page.context().close();
  });

  it('rejects a renamed executable with type-mismatch and stores nothing', async () => {
    const { page } = await openDemo(harness);
    const before = await storedKeys(harness.demo);
    const buffer = await readFile(fixture('program.elf'));
    const { type, detail } = await upload(page, { name: 'passport.pdf', mimeType: 'application/pdf', buffer });
    assert.equal(type, 'kyc-upload-reject');
    assert.equal(detail.code, 'type-mismatch');
    await page.getByRole('alert').filter({ hasText: 'not really a PDF' }).waitFor();
    assert.deepEqual(await storedKeys(harness.demo), before);
    // Nothing was presigned either: the back office has no new pre-review document.
    const documents = await page.evaluate(async () => (await fetch('/api/kyc/documents')).json());
    assert.equal(documents.length, 0);
    await page.context().close();
  });
});

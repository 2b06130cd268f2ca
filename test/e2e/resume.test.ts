// Resume after the tab is killed, end to end on real parts (issue 15, item 5): Debian Chromium on
// the demo page (resume-endpoint set), the reference backend and its resume-key endpoint, a real
// database (SQLite, and PostgreSQL when the run has one), and the embedded S3 behind the tests'
// fault proxy, which holds the first POST open so that the page is reloaded in the middle of it.
// What IndexedDB keeps is read raw from the page, as a copy of the profile would show it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { MAX_RESUME_TTL_MS } from '../../src/core/resume/resume-key-format.js';
import { DEFAULT_RESUME_DB_NAME } from '../../src/core/resume/resume-db.js';
import { en } from '../../src/element/translations/en.js';
import { eventually } from '../support/eventually.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { testDatabaseKinds, type TestDatabase } from '../support/test-databases.js';
import { type Harness, choose, fixture, nextOutcome, openDemo, reloadDemo, startHarness, storedKeys, storedObject } from './demo-page.js';

/** A phone photo (EXIF rotation and GPS): what is prepared, so kept and sent, is not the file chosen. */
const PHOTO = 'rotated-gps.jpg';
const NAME = 'passport.jpg';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The passport's slot in the demo's document set. */
const passport = (page: Page) => page.locator('kyc-upload[data-slot^="identity-proof/passport/"]');

/** Settles once the slot's last write for resume (keeping the file, or deleting it) is done. */
const resumeSettled = (page: Page) => passport(page).evaluate((upload) => (upload as HTMLElement & { resumeSettled: Promise<void> }).resumeSettled);

/** One record of the resume store as IndexedDB holds it; each buffer as its bytes. */
type RawRecord = Record<string, unknown>;

/**
 * The resume store's records, read straight from IndexedDB in the page (no code of the widget):
 * every ArrayBuffer comes back as a Buffer. None when the database does not exist (it is not
 * created by looking).
 */
async function rawRecords(page: Page): Promise<RawRecord[]> {
  const records = await page.evaluate(
    (name) =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const open = indexedDB.open(name);
        let missing = false;
        open.onupgradeneeded = () => {
          missing = true;
          open.transaction!.abort();
        };
        open.onerror = () => (missing ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          // The store's only object store ('files', keyed by slot).
          const request = db.transaction('files').objectStore('files').getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            db.close();
            // No named helper here: the page gets this function's source, without the test's runtime.
            const entries = (request.result as Array<Record<string, unknown>>).map((record) =>
              Object.fromEntries(
                Object.entries(record).map(([key, value]) => {
                  if (!(value instanceof ArrayBuffer)) return [key, value];
                  const bytes = new Uint8Array(value);
                  let text = '';
                  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
                  return [key, { base64: btoa(text) }];
                }),
              ),
            );
            resolve(entries);
          };
        };
      }),
    DEFAULT_RESUME_DB_NAME,
  );
  return records.map((record) =>
    Object.fromEntries(
      Object.entries(record).map(([key, value]) => [key, typeof value === 'object' && value !== null && 'base64' in value ? Buffer.from(String(value.base64), 'base64') : value]),
    ),
  );
}

/** The file part of a multipart POST, as storage would have read it. */
async function postedFile(body: Buffer, contentType: string): Promise<{ file: Buffer; key: string }> {
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  const file = form.get('file');
  assert.ok(file instanceof Blob, 'the POST carries a file');
  return { file: Buffer.from(await file.arrayBuffer()), key: String(form.get('key')) };
}

/** The next kyc-upload-start's documentId: the document the bytes are about to leave for. */
const nextStart = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.getElementById('upload')!.addEventListener('kyc-upload-start', (event) => resolve((event as CustomEvent).detail.documentId), { once: true }),
      ),
  );

for (const kind of testDatabaseKinds()) {
  describe(`resume after the tab is killed (${kind.name})`, () => {
    let harness: Harness;
    let proxy: FaultProxy;
    let database: TestDatabase;
    before(async () => {
      database = await kind.create();
      proxy = await startFaultProxy();
      const env = kind.name === 'postgres' ? { DATABASE_URL: database.location } : {};
      harness = await startHarness({ env, storagePublicEndpoint: proxy.url });
      proxy.target = harness.demo.storage.endpoint;
      harness.extraOrigins = [proxy.url];
    });
    after(async () => {
      await harness?.close();
      await proxy?.close();
      await database?.drop();
    });

    /**
     * Chooses the photo and holds its POST open at storage's door: resolves once the whole body
     * has arrived and the widget has kept the file, with what was posted and for which document.
     */
    async function killedMidUpload(page: Page) {
      const original = await readFile(fixture(PHOTO));
      const posted = new Promise<{ file: Buffer; key: string }>((resolve, reject) =>
        proxy.inject({ kind: 'hold', onBody: (body, contentType) => postedFile(body, contentType).then(resolve, reject) }),
      );
      const started = nextStart(page);
      await choose(page, { name: NAME, mimeType: 'image/jpeg', buffer: original });
      const firstDocumentId = await started;
      const { file: prepared, key } = await posted;
      // The file is kept once its bytes have been leaving for a while (the POST is held): this waits for that write.
      await resumeSettled(page);
      assert.ok(key.includes(`_${firstDocumentId}_`), 'the held POST is the first document\'s');
      assert.equal(prepared.subarray(0, 3).toString('hex'), 'ffd8ff', 'a JPEG was posted');
      assert.notDeepEqual(prepared, original, 'the photo was prepared (turned upright, stripped)');
      return { firstDocumentId, prepared };
    }

    it('reload mid-upload → offered → resumed: one object stored, the first document superseded; kept encrypted, gone after success', async () => {
      const { page, requests, foreignRequests } = await openDemo(harness);
      const keysBefore = await storedKeys(harness.demo);
      const postsBefore = proxy.posts.length;
      const { firstDocumentId, prepared } = await killedMidUpload(page);

      await reloadDemo(page);
      const slot = passport(page);
      await slot.getByText(en.resumeOffer(NAME), { exact: true }).waitFor();

      // Kept encrypted: one record, whose clear fields are only where and when; the file's header
      // (its JPEG SOI marker and first segment) and any run of its bytes appear nowhere. (A bare
      // FF D8 FF turns up by chance in one random 256 KiB buffer in 64: the header's 16 bytes do not.)
      const [record, ...others] = await rawRecords(page);
      assert.ok(record, 'a record is kept');
      assert.equal(others.length, 0);
      assert.deepEqual(Object.keys(record).sort(), ['body', 'bodyIv', 'epoch', 'expiresAt', 'id', 'meta', 'metaIv', 'savedAt', 'slot', 'version', 'wrappedKey']);
      assert.match(String(record.slot), /^901\|identity-proof\|passport\|/);
      assert.equal(Number(record.expiresAt) - Number(record.savedAt), MAX_RESUME_TTL_MS);
      const buffers = Object.values(record).filter((value): value is Buffer => Buffer.isBuffer(value));
      assert.equal(buffers.length, 5);
      assert.ok((record.body as Buffer).length >= prepared.length, 'the body holds the whole file');
      const header = prepared.subarray(0, 16);
      const runs = Array.from({ length: 64 }, (_, i) => Math.floor((i * (prepared.length - 32)) / 63)).map((at) => prepared.subarray(at, at + 32));
      for (const buffer of buffers) {
        assert.notEqual(buffer.subarray(0, 3).toString('hex'), 'ffd8ff', 'a buffer starts as a JPEG');
        assert.equal(buffer.indexOf(header), -1, 'the JPEG header is stored in clear');
        for (const run of runs) assert.equal(buffer.indexOf(run), -1, 'the file\'s bytes are stored in clear');
        assert.equal(buffer.indexOf(NAME), -1, 'the file name is stored in clear');
      }

      // Resumed: a fresh form, one POST that storage answers, one object under the new document.
      const formsBefore = requests.filter((url) => url.endsWith('/api/kyc/document-form')).length;
      const outcome = nextOutcome(page);
      await slot.getByRole('button', { name: en.resume, exact: true }).click();
      const { type, detail } = await outcome;
      assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
      const documentId = String(detail.documentId);
      assert.notEqual(documentId, firstDocumentId);
      assert.deepEqual(detail.supersededDocumentIds, [firstDocumentId]);
      assert.deepEqual(detail.transformations, ['oriented', 'metadata-stripped']);
      assert.deepEqual(detail.file, { name: NAME, type: 'image/jpeg', size: prepared.length });
      assert.equal(requests.filter((url) => url.endsWith('/api/kyc/document-form')).length, formsBefore + 1, 'one fresh form');
      assert.deepEqual(proxy.posts.slice(postsBefore), ['hold', 'passed'], 'sent once after the reload');
      const newKeys = (await storedKeys(harness.demo)).filter((key) => !keysBefore.includes(key));
      assert.equal(newKeys.length, 1, `exactly one object stored: ${newKeys.join(', ')}`);
      assert.ok(newKeys[0]!.includes(`_${documentId}_`));
      assert.ok(!newKeys.some((key) => key.includes(firstDocumentId)), 'nothing stored under the first document');
      assert.deepEqual((await storedObject(harness.demo, documentId)).bytes, prepared, 'storage holds the prepared file');
      await slot.getByText(en.uploaded, { exact: true }).waitFor();

      // Deleted on success.
      await resumeSettled(page);
      assert.deepEqual(await rawRecords(page), []);
      assert.deepEqual(foreignRequests, []);
      await page.context().close();
    });

    it('a file kept for over 24 h is not offered, and is deleted', async () => {
      const { page, requests } = await openDemo(harness);
      await killedMidUpload(page);
      const [record] = await rawRecords(page);
      assert.ok(record, 'a record is kept');
      const savedAt = Number(record.savedAt);

      // The store's TTL runs on the page's clock (Date): Playwright's clock moves it, in every page
      // of this context from its first script on. 23 h later the file is still offered...
      await page.clock.setSystemTime(savedAt + MAX_RESUME_TTL_MS - HOUR);
      await reloadDemo(page);
      await passport(page).getByText(en.resumeOffer(NAME), { exact: true }).waitFor();
      assert.equal((await rawRecords(page)).length, 1);

      // ...a minute past 24 h it is swept before any key is asked for it, and not offered.
      await page.clock.setSystemTime(savedAt + MAX_RESUME_TTL_MS + MINUTE);
      const keyRequestsBefore = requests.filter((url) => url.endsWith('/api/kyc/resume-key')).length;
      await reloadDemo(page);
      await eventually(() => rawRecords(page).then((records) => records.length), (count) => count === 0, 'the expired record to be deleted');
      await passport(page).getByRole('button', { name: en.chooseFile, exact: true }).waitFor();
      assert.equal(await passport(page).getByRole('button', { name: en.resume, exact: true }).count(), 0);
      assert.equal(await page.getByText(en.resumeOffer(NAME)).count(), 0);
      assert.equal(requests.filter((url) => url.endsWith('/api/kyc/resume-key')).length, keyRequestsBefore, 'no key asked for an expired file');
      await page.context().close();
    });
  });
}


// Upvest's KYC check on the host's own bucket and both databases: real POSTs, real verification,
// the archive fetched through its link and unpacked.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { presignDocumentForm } from '../../src/server/presign-document-form.js';
import { buildUpvestKycCheck, UpvestKycCheckError, type UpvestKycCheckOptions } from '../../src/server/recipes/upvest-kyc-check.js';
import type { UpvestKycFacts } from '../../src/server/recipes/upvest-kyc-facts.js';
import { createVerifiedDocuments, type VerifiedDocuments } from '../../src/server/review/verified-documents.js';
import { type HostStore, openHostStore } from '../../src/server/store/host-store.js';
import { KEPT_PREFIX, s3Document } from '../../src/server/verify/s3-document.js';
import { eventually } from '../support/eventually.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import { postToS3 } from '../support/s3-post.js';
import { type TestDatabase, testDatabaseKinds } from '../support/test-databases.js';

type Type = 'image/png' | 'image/jpeg' | 'image/tiff' | 'application/pdf';
const MAX_SIZE = 4_500_000;
const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));
const FACTS: UpvestKycFacts = {
  document_type: 'ID_CARD',
  document_expiration_date: '2030-01-01',
  nationality: 'DE',
  provider: 'Example KYC',
  method: 'VIDEO_ID',
  confirmed_address: { address_line1: 'Rosenweg 221', address_line2: 'apt. 33', postcode: '45678', city: 'Berlin', state: 'BE', country: 'DE' },
};


const rejectsWith = (promise: Promise<unknown>, code: UpvestKycCheckError['code']) =>
  assert.rejects(promise, (error) => error instanceof UpvestKycCheckError && error.code === code);

describe('the Upvest KYC check recipe', () => {
  let storage: TestStorage;
  before(async () => {
    storage = await startTestStorage();
  });
  after(() => storage.stop());

  for (const kind of testDatabaseKinds()) {
    describe(`on ${kind.name}`, () => {
      let database: TestDatabase;
      let sql: SqlDatabase;
      let store: HostStore;
      let verifiedDocuments: VerifiedDocuments;
      // What a host keeps beside each document: the key its form was signed for.
      const keys = new Map<string, string>();

      before(async () => {
        database = await kind.create();
        sql = await database.open();
        store = await openHostStore(sql);
        verifiedDocuments = createVerifiedDocuments({
          store,
          maxSize: MAX_SIZE,
          storedDocument: (document) => s3Document({ s3: storage.s3, bucket: storage.bucket, documentId: document.documentId, key: keys.get(document.documentId)! }),
        });
      });
      after(async () => {
        await sql.close();
        await database.drop();
      });

      /** Uploaded by a browser-style POST under the applicant's own file name, then verified. */
      async function upload(userId: string, name: string, contentType: Type) {
        const bytes = await fixture(name);
        const form = await presignDocumentForm(storage.s3, { bucket: storage.bucket, userId, documentType: 9, contentType, maxSize: MAX_SIZE });
        const posted = await postToS3(form.form.action, form.formFields, { bytes, type: contentType, name: '../../My passport "scan".png' });
        assert.equal(posted.status, 204, posted.body);
        keys.set(form.documentId, form.formFields.key!);
        await store.addDocument({ documentId: form.documentId, userId, documentType: 9, contentType, createdAt: Date.now(), formExpiresAt: Date.now() + form.expireIn * 1000 });
        const document = await verifiedDocuments.verified((await store.document(form.documentId))!);
        return { id: form.documentId, key: form.formFields.key!, form, bytes, verdict: document.verdict! };
      }

      const review = (userId: string, documentId: string, status: 'validated' | 'refused') =>
        store.recordReview(documentId, status, { reviewer: 'reviewer@host', action: status === 'validated' ? 'validate-document' : 'refuse-document', userId, documentId, comment: 'checked' });

      const build = (userId: string, extra: Partial<UpvestKycCheckOptions> = {}) =>
        buildUpvestKycCheck({ s3: storage.s3, bucket: storage.bucket, store, verifiedDocuments, userId, facts: FACTS, ...extra });

      const archivesOf = async (userId: string) => (await storage.listKeys()).filter((key) => key.startsWith(`kyc-archives/${userId}/`));

      test('archives exactly the validated documents, byte for byte, behind a 15-minute download link', async () => {
        const userId = randomUUID();
        const png = await upload(userId, 'id-card.png', 'image/png');
        const pdf = await upload(userId, 'id-card.pdf', 'application/pdf');
        const refusedByReviewer = await upload(userId, 'id-card.jpg', 'image/jpeg');
        const pending = await upload(userId, 'id-card.tiff', 'image/tiff');
        const failedVerification = await upload(userId, 'small-gps.png', 'image/png');
        assert.ok(png.verdict.ok && pdf.verdict.ok && refusedByReviewer.verdict.ok && pending.verdict.ok);
        assert.equal(failedVerification.verdict.ok, false);
        await review(userId, png.id, 'validated');
        await review(userId, pdf.id, 'validated');
        await review(userId, refusedByReviewer.id, 'refused');
        // Reviewer actions never validate a refused verdict; a store that says so anyway is not trusted.
        await review(userId, failedVerification.id, 'validated');
        // The PNG's form is still open: other bytes posted to its key change nothing (the kept copy is read).
        const repost = await postToS3(png.form.form.action, png.form.formFields, { bytes: await fixture('id-card.tiff'), type: 'image/png' });
        assert.equal(repost.status, 204);

        const before = new Date('2026-01-01T12:00:00Z');
        const { check, archive } = await build(userId, { now: () => before });
        const { data_download_link: link, ...record } = check;
        assert.deepEqual(record, { type: 'KYC', check_confirmed_at: '2026-01-01T12:00:00Z', ...FACTS });
        assert.equal(new URL(link).searchParams.get('X-Amz-Expires'), '900');
        assert.ok(archive.key.startsWith(`kyc-archives/${userId}/`) && archive.key.endsWith('.zip'));
        assert.deepEqual(archive.documentIds, [png.id, pdf.id]);

        const download = await fetch(link);
        assert.equal(download.status, 200);
        assert.equal(download.headers.get('content-type'), 'application/zip');
        assert.equal(download.headers.get('content-disposition'), `attachment; filename="kyc-${userId}.zip"`);
        const zip = new Uint8Array(await download.arrayBuffer());
        assert.equal(zip.length, archive.size);
        const entries = unzipSync(zip);
        assert.deepEqual(Object.keys(entries).sort(), [`document-${pdf.id}.pdf`, `document-${png.id}.png`].sort());
        assert.deepEqual(entries[`document-${png.id}.png`], png.bytes);
        assert.deepEqual(entries[`document-${pdf.id}.pdf`], pdf.bytes);
      });

      test('a validated document whose kept bytes were rewritten is verified again, and the check fails', async () => {
        // Failing, not leaving it out: the check would otherwise claim evidence a reviewer never saw.
        const userId = randomUUID();
        const png = await upload(userId, 'id-card.png', 'image/png');
        const jpeg = await upload(userId, 'id-card.jpg', 'image/jpeg');
        await review(userId, png.id, 'validated');
        await review(userId, jpeg.id, 'validated');
        // Past every form: someone with write access to the bucket replaces the verified copy.
        await storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: `${KEPT_PREFIX}${png.key}`, Body: await fixture('small-gps.png'), ContentType: 'image/png' }));

        await assert.rejects(build(userId), (error) => {
          assert.ok(error instanceof UpvestKycCheckError);
          assert.equal(error.code, 'document-changed');
          assert.deepEqual(error.details.documentIds, [png.id]);
          return true;
        });
        const reverified = await store.document(png.id);
        assert.deepEqual(reverified?.verdict, { ok: false, code: 'location-metadata', reason: 'png-exif', detectedType: 'image/png' });
        assert.equal(await storage.exists(png.key), false);
        assert.equal(await storage.exists(`${KEPT_PREFIX}${png.key}`), false);
        assert.deepEqual(await archivesOf(userId), []);
        // From now on the document is no longer a validated pass: the check holds the JPEG alone.
        const { archive } = await build(userId);
        assert.deepEqual(archive.documentIds, [jpeg.id]);
      });

      test(
        'a validated document whose kept copy became other bytes that pass fails the check too',
        async () => {
          const userId = randomUUID();
          const png = await upload(userId, 'id-card.png', 'image/png');
          await review(userId, png.id, 'validated');
          const { default: sharp } = await import('sharp');
          const otherPng = await sharp({ create: { width: 20, height: 20, channels: 3, background: 'red' } }).png().toBuffer();
          await storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: `${KEPT_PREFIX}${png.key}`, Body: otherPng, ContentType: 'image/png' }));
          await rejectsWith(build(userId), 'document-changed');
        },
      );

      test('the link stops working once it expires', async () => {
        const userId = randomUUID();
        const png = await upload(userId, 'id-card.png', 'image/png');
        await review(userId, png.id, 'validated');
        const { check } = await build(userId, { expiresIn: 1 });
        assert.equal(new URL(check.data_download_link).searchParams.get('X-Amz-Expires'), '1');
        const expired = await eventually(
          async () => {
            const response = await fetch(check.data_download_link);
            return { status: response.status, body: await response.text() };
          },
          (answer) => answer.status === 403,
          'the link to expire',
        );
        assert.match(expired.body, /Request has expired/);
      });

      test('a user with no validated document gets a typed error, and nothing is written', async () => {
        const userId = randomUUID();
        await rejectsWith(build(userId), 'no-validated-document');
        const pending = await upload(userId, 'id-card.png', 'image/png');
        await rejectsWith(build(userId), 'no-validated-document');
        await review(userId, pending.id, 'refused');
        await rejectsWith(build(userId), 'no-validated-document');
        assert.deepEqual(await archivesOf(userId), []);
      });

      test('an archive over the limit is refused before it is written', async () => {
        const userId = randomUUID();
        const png = await upload(userId, 'id-card.png', 'image/png');
        await review(userId, png.id, 'validated');
        await rejectsWith(build(userId, { maxArchiveSize: png.bytes.length - 1 }), 'archive-too-large');
        // The ZIP's own headers count too: exactly the document's size is still too small for the archive.
        await rejectsWith(build(userId, { maxArchiveSize: png.bytes.length }), 'archive-too-large');
        assert.deepEqual(await archivesOf(userId), []);
      });
    });
  }

  describe('the facts only the host knows', () => {
    const now = new Date('2026-03-31T10:00:00Z');
    // Validated before the store is read: a store that would throw proves nothing is touched.
    const untouched = new Proxy({}, { get: () => assert.fail('the store was read') }) as never;
    const build = (facts: Partial<UpvestKycFacts>, extra: Partial<UpvestKycCheckOptions> = {}) =>
      buildUpvestKycCheck({ s3: untouched, bucket: 'b', store: untouched, verifiedDocuments: untouched, userId: 'u-1', facts: { ...FACTS, ...facts } as UpvestKycFacts, now: () => now, ...extra });

    test('check_confirmed_at: exactly 24 months old is accepted, a second more is not, nor the future', async () => {
      // Accepted facts reach the store, which throws here: any other error means the facts passed.
      await assert.rejects(build({ check_confirmed_at: '2024-03-31T10:00:00Z' }), /the store was read/);
      await rejectsWith(build({ check_confirmed_at: '2024-03-31T09:59:59Z' }), 'invalid-input');
      await rejectsWith(build({ check_confirmed_at: '2026-03-31T10:05:00Z' }), 'invalid-input');
      await rejectsWith(build({ check_confirmed_at: '2026-03-31 10:00:00' }), 'invalid-input');
    });

    test('dates, countries, codes and addresses follow Upvest’s rules', async () => {
      for (const facts of [
        { document_expiration_date: '2030-02-30' },
        { document_expiration_date: '01.01.2030' },
        { document_expiration_date: '2026-03-30' }, // expired when the check was confirmed
        { nationality: 'XX' },
        { nationality: 'de' },
        { nationality: 'DEU' },
        { method: 'video id' },
        { provider: ' ' },
        { confirmed_address: { ...FACTS.confirmed_address!, address_line1: 'P.O. Box 12' } },
        { confirmed_address: { ...FACTS.confirmed_address!, address_line2: 'c/o Example GmbH' } },
        { confirmed_address: { ...FACTS.confirmed_address!, country: 'XK' } },
        { unknown_field: true } as Partial<UpvestKycFacts>,
      ]) {
        await rejectsWith(build(facts), 'invalid-input');
      }
      await rejectsWith(build({}, { userId: '../other-user' }), 'invalid-input');
      await rejectsWith(build({}, { expiresIn: 604_801 }), 'invalid-input');
    });
  });
});

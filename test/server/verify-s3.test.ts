// The host's own bucket: verification reads the object (size first), refuses by deleting it, and
// keeps verified bytes under a key no form can write; downloads are presigned as attachments.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { presignDocumentForm } from '../../src/server/presign-document-form.js';
import { presignDocumentDownload } from '../../src/server/safe-download.js';
import { KEPT_PREFIX, s3Document } from '../../src/server/verify/s3-document.js';
import { openVerifiedDocument, verifyStoredDocument } from '../../src/server/verify/verify-document.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import { postToS3 } from '../support/s3-post.js';

const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));

describe("verification in the host's own bucket", () => {
  let storage: TestStorage;
  before(async () => {
    storage = await startTestStorage();
  });
  after(() => storage.stop());

  async function store(contentType: 'image/png' | 'image/svg+xml' | 'application/pdf', bytes: Uint8Array<ArrayBuffer>, maxSize = 4_500_000, metadata?: Record<string, string>) {
    const form = await presignDocumentForm(storage.s3, { bucket: storage.bucket, userId: 7, documentType: 9, contentType, maxSize, ...(metadata ? { metadata } : {}) });
    const posted = await postToS3(form.form.action, form.formFields, { bytes, type: contentType });
    assert.equal(posted.status, 204, posted.body);
    const key = form.formFields.key!;
    return { form, key, document: s3Document({ s3: storage.s3, bucket: storage.bucket, documentId: form.documentId, key }) };
  }

  test('passes a clean PNG, copies it out of the form’s reach, and serves that copy even after the key is overwritten', async () => {
    const clean = await fixture('id-card.png');
    const { form, key, document } = await store('image/png', clean);
    const verdict = await verifyStoredDocument(document, { maxSize: 4_500_000, allowedType: 'image/png' });
    assert.ok(verdict.ok, JSON.stringify(verdict));
    assert.ok(await storage.exists(`${KEPT_PREFIX}${key}`));

    // Within the form's five minutes, other bytes go to the same key.
    const other = await fixture('small-gps.png');
    assert.equal((await postToS3(form.form.action, form.formFields, { bytes: other, type: 'image/png' })).status, 204);
    const opened = await openVerifiedDocument(document, verdict, { maxSize: 4_500_000, allowedType: 'image/png' });
    assert.deepEqual(opened.verdict, verdict);
    assert.deepEqual(opened.bytes, clean);

    // The link a host hands out downloads, typed as verified, and its overrides are signed.
    const url = await presignDocumentDownload(storage.s3, { bucket: storage.bucket, key: `${KEPT_PREFIX}${key}`, documentId: form.documentId, type: 'image/png' });
    const download = await fetch(url);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-disposition'), `attachment; filename="document-${form.documentId}.png"`);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), clean);
    const edited = new URL(url);
    edited.searchParams.set('response-content-disposition', 'inline');
    edited.searchParams.set('response-content-type', 'text/html');
    const tampered = await fetch(edited);
    assert.equal(tampered.status, 403);
    await tampered.body?.cancel();
  });

  test('the kept copy still says which piece of a set it is (kind, subtype, side) beside its sha256, and nothing else the upload carried', async () => {
    const clean = await fixture('id-card.png');
    const { key, document } = await store('image/png', clean, 4_500_000, { kind: 'identity-proof', subtype: 'id-card', side: 'back', note: 'not a slot' });
    const verdict = await verifyStoredDocument(document, { maxSize: 4_500_000, allowedType: 'image/png' });
    assert.ok(verdict.ok, JSON.stringify(verdict));
    const kept = await storage.s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: `${KEPT_PREFIX}${key}` }));
    assert.deepEqual(kept.Metadata, { kind: 'identity-proof', subtype: 'id-card', side: 'back', sha256: verdict.sha256 });
    assert.equal(kept.ContentType, 'image/png');
  });

  test('refuses a scripted SVG and deletes it', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const { key, document } = await store('image/svg+xml', svg);
    const verdict = await verifyStoredDocument(document, { maxSize: 4_500_000, allowedType: 'image/svg+xml' });
    assert.deepEqual(verdict, { ok: false, code: 'unsafe-content', reason: 'script', detectedType: 'image/svg+xml' });
    assert.equal(await storage.exists(key), false);
    assert.equal(await storage.exists(`${KEPT_PREFIX}${key}`), false);
  });

  test('judges the size from the object’s metadata before reading it', async () => {
    const pdf = await fixture('id-card.pdf');
    const { key, document } = await store('application/pdf', pdf);
    const verdict = await verifyStoredDocument(document, { maxSize: pdf.length - 1 });
    assert.deepEqual(verdict, { ok: false, code: 'too-large' });
    assert.equal(await storage.exists(key), false);
  });

  test('a document with nothing stored is missing, and nothing is deleted', async () => {
    const document = s3Document({ s3: storage.s3, bucket: storage.bucket, documentId: 'x', key: 'never-uploaded' });
    assert.deepEqual(await verifyStoredDocument(document, { maxSize: 10 }), { ok: false, code: 'missing' });
  });
});

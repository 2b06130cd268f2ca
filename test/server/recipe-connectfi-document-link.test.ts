// connectFi's document link on the host's own bucket: separate documents uploaded by real POSTs,
// verified, then linked into a customer's front and back slots.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AllowedType } from '../../src/core/document-types.js';
import { presignDocumentForm } from '../../src/server/presign-document-form.js';
import {
  type DocumentLinkHost,
  DocumentLinkError,
  type LinkedFile,
  linkSeparateDocument,
  type SeparateDocument,
  slotObjectKey,
} from '../../src/server/recipes/connectfi-document-link.js';
import { KEPT_PREFIX } from '../../src/server/verify/s3-document.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import { postToS3 } from '../support/s3-post.js';

const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));

/** connectFi's `kycDocumentList` entry, as the host keeps it. */
interface Slot {
  id: string;
  label: string;
  type: string;
  documentSide: 'FRONT' | 'BACK';
  uploadStatus: boolean;
  extension?: string;
}

/** A host's records, in memory here: its customers' slots and the separate documents it generated. */
function memoryHost(customerId: string) {
  const slots = new Map<string, Slot>([
    ['doc-front', { id: 'doc-front', label: 'LICENSE FRONT', type: 'LICENSE', documentSide: 'FRONT', uploadStatus: false }],
    ['doc-back', { id: 'doc-back', label: 'LICENSE BACK', type: 'LICENSE', documentSide: 'BACK', uploadStatus: false }],
  ]);
  const separate = new Map<string, SeparateDocument & { linkedTo?: string }>();
  const host: DocumentLinkHost = {
    async separateDocument(id) {
      const document = separate.get(id);
      return document && !document.linkedTo ? { key: document.key, contentType: document.contentType } : undefined;
    },
    async slotKey(customer, documentId) {
      return customer === customerId && slots.has(documentId) ? slotObjectKey(customer, documentId) : undefined;
    },
    async claimSeparateDocument(id, slot) {
      const document = separate.get(id);
      if (!document || document.linkedTo) return false;
      document.linkedTo = `${slot.customerId}/${slot.documentId}`;
      return true;
    },
    async releaseSeparateDocument(id) {
      const document = separate.get(id);
      if (document) delete document.linkedTo;
    },
    async markSlotUploaded(file: LinkedFile) {
      const slot = slots.get(file.documentId)!;
      slots.set(file.documentId, { ...slot, uploadStatus: true, extension: file.extension });
    },
  };
  return { host, slots, separate };
}

describe('the connectFi document-link recipe', () => {
  let storage: TestStorage;
  before(async () => {
    storage = await startTestStorage();
  });
  after(() => storage.stop());

  /** A customer of its own for each test, with the host's records and connectFi's three requests. */
  function customer() {
    const customerId = `csta-${randomUUID()}`;
    const records = memoryHost(customerId);

    /** `/document/generate`: a form for a document that belongs to no customer yet. */
    async function generate(contentType: AllowedType) {
      const form = await presignDocumentForm(storage.s3, { bucket: storage.bucket, userId: 'separate', documentType: 0, contentType });
      const id = `sdoc-${form.documentId}`;
      records.separate.set(id, { key: form.formFields.key!, contentType });
      return { id, form, key: form.formFields.key! };
    }

    return {
      customerId,
      records,
      generate,
      /** `/document/upload/:documentId`: the browser's POST to the form. */
      async upload(name: string, contentType: AllowedType) {
        const generated = await generate(contentType);
        const bytes = await fixture(name);
        const posted = await postToS3(generated.form.form.action, generated.form.formFields, { bytes, type: contentType, name: 'licence.png' });
        assert.equal(posted.status, 204, posted.body);
        return { ...generated, bytes };
      },
      /** `/customer/kyc/document-link`. */
      link: (documentId: string, separateDocumentId: string, customer = customerId) =>
        linkSeparateDocument({ s3: storage.s3, bucket: storage.bucket, host: records.host, customerId: customer, documentId, separateDocumentId }),
      async slotFile(documentId: string) {
        const object = await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: slotObjectKey(customerId, documentId) }));
        return { bytes: new Uint8Array(await object.Body!.transformToByteArray()), type: object.ContentType };
      },
    };
  }

  const rejectsWith = (promise: Promise<unknown>, code: DocumentLinkError['code']) =>
    assert.rejects(promise, (error) => error instanceof DocumentLinkError && error.code === code && error.status === 400);

  test('links a front, then a new front replaces it; the back stays empty', async () => {
    const c = customer();
    const first = await c.upload('id-card.png', 'image/png');
    const file = await c.link('doc-front', first.id);
    assert.equal(file.extension, 'png');
    assert.deepEqual(await c.slotFile('doc-front'), { bytes: first.bytes, type: 'image/png' });
    // Linked once: the separate document's objects are gone.
    assert.equal(await storage.exists(first.key), false);
    assert.equal(await storage.exists(`${KEPT_PREFIX}${first.key}`), false);

    const second = await c.upload('id-card.jpg', 'image/jpeg');
    await c.link('doc-front', second.id);
    assert.deepEqual(await c.slotFile('doc-front'), { bytes: second.bytes, type: 'image/jpeg' });
    assert.deepEqual([...c.records.slots.values()], [
      { id: 'doc-front', label: 'LICENSE FRONT', type: 'LICENSE', documentSide: 'FRONT', uploadStatus: true, extension: 'jpg' },
      { id: 'doc-back', label: 'LICENSE BACK', type: 'LICENSE', documentSide: 'BACK', uploadStatus: false },
    ]);
    assert.equal(await storage.exists(slotObjectKey(c.customerId, 'doc-back')), false);
  });

  test('a separate document links once: again, even to another slot, is documentNotFound', async () => {
    const c = customer();
    const separate = await c.upload('id-card.png', 'image/png');
    await c.link('doc-front', separate.id);
    await rejectsWith(c.link('doc-front', separate.id), 'documentNotFound');
    // Its form is still open: bytes posted again to its key do not make it linkable.
    assert.equal((await postToS3(separate.form.form.action, separate.form.formFields, { bytes: separate.bytes, type: 'image/png' })).status, 204);
    await rejectsWith(c.link('doc-back', separate.id), 'documentNotFound');
    assert.equal(c.records.slots.get('doc-back')?.uploadStatus, false);
  });

  test('two links of one separate document at once: exactly one succeeds', async () => {
    const c = customer();
    const separate = await c.upload('id-card.png', 'image/png');
    const results = await Promise.allSettled([c.link('doc-front', separate.id), c.link('doc-back', separate.id)]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const failure = results.find((result) => result.status === 'rejected');
    assert.ok(failure?.reason instanceof DocumentLinkError && failure.reason.code === 'documentNotFound');
  });

  test('storage failing as the slot is written: nothing linked, and the upload links once storage is back', async () => {
    const c = customer();
    const upload = await c.upload('id-card.png', 'image/png');
    const down = Object.create(storage.s3, {
      send: { value: (command: unknown) => (command instanceof PutObjectCommand ? Promise.reject(new Error('storage down')) : storage.s3.send(command as never)) },
    });
    await assert.rejects(
      linkSeparateDocument({ s3: down, bucket: storage.bucket, host: c.records.host, customerId: c.customerId, documentId: 'doc-front', separateDocumentId: upload.id }),
      /storage down/,
    );
    assert.equal(c.records.slots.get('doc-front')!.uploadStatus, false);
    const linked = await c.link('doc-front', upload.id);
    assert.equal(linked.documentId, 'doc-front');
    assert.deepEqual((await c.slotFile('doc-front')).bytes, upload.bytes);
  });

  test('unknown separate document, slot or customer: documentNotFound', async () => {
    const c = customer();
    const separate = await c.upload('id-card.png', 'image/png');
    await rejectsWith(c.link('doc-front', 'sdoc_2ztSzf9y8Gc77tEA7f8UCK'), 'documentNotFound');
    await rejectsWith(c.link('doc-nope', separate.id), 'documentNotFound');
    await rejectsWith(c.link('doc-front', separate.id, 'csta-other'), 'documentNotFound');
    // None of these consumed it.
    await c.link('doc-back', separate.id);
  });

  test('generated but nothing uploaded: documentNotUploaded, and it can still be uploaded and linked', async () => {
    const c = customer();
    await c.link('doc-front', (await c.upload('id-card.png', 'image/png')).id);
    const before = await c.slotFile('doc-front');
    const generated = await c.generate('image/jpeg');
    await rejectsWith(c.link('doc-front', generated.id), 'documentNotUploaded');
    assert.deepEqual(await c.slotFile('doc-front'), before);
    const bytes = await fixture('id-card.jpg');
    assert.equal((await postToS3(generated.form.form.action, generated.form.formFields, { bytes, type: 'image/jpeg' })).status, 204);
    await c.link('doc-front', generated.id);
    assert.deepEqual(await c.slotFile('doc-front'), { bytes, type: 'image/jpeg' });
  });

  test('hostile files are refused and deleted, and the slot keeps its file', async () => {
    const c = customer();
    await c.link('doc-front', (await c.upload('id-card.png', 'image/png')).id);
    const before = await c.slotFile('doc-front');
    const hostile = [
      await c.upload('hostile-script.svg', 'image/svg+xml'),
      await c.upload('hostile/openaction-javascript.pdf', 'application/pdf'),
    ];
    for (const separate of hostile) {
      await assert.rejects(c.link('doc-front', separate.id), (error) => {
        assert.ok(error instanceof DocumentLinkError);
        assert.equal(error.code, 'documentRefused');
        assert.equal(error.verdict?.code, 'unsafe-content');
        return true;
      });
      assert.equal(await storage.exists(separate.key), false);
    }
    assert.deepEqual(await c.slotFile('doc-front'), before);
    assert.equal(c.records.slots.get('doc-front')?.extension, 'png');
  });
});

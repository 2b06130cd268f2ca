// The emulated provider's users and pre-review routes against the seeds, on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { ProviderTables } from '../../demo/provider/schema.js';
import { validatedCopyPrefix } from '../../demo/provider/stored-files.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import {
  createDocument, createUser, expectJson, type RunningProvider, setStatus, startProvider, uploadedDocument, validJpeg,
} from '../support/provider-harness.js';
import { postToS3, sampleBytes } from '../support/s3-post.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { type TestDatabase, testDatabaseKinds } from '../support/test-databases.js';

type ErrorBody = { errors: Array<{ code: string; message: string }> };
const errorCode = async (answer: Promise<Response>, status: number) => (await expectJson<ErrorBody>(answer, status)).errors[0]!.code;

for (const kind of testDatabaseKinds()) {
  describe(`emulated Treezor users and pre-review documents on ${kind.name}`, () => {
    let storage: TestStorage;
    let database: TestDatabase;
    let provider: RunningProvider;
    let db: Kysely<ProviderTables>;
    let closeDatabase: () => Promise<void>;
    let jpeg: Uint8Array<ArrayBuffer>;
    before(async () => {
      storage = await startTestStorage();
      database = await kind.create();
      const opened = await database.open();
      closeDatabase = () => opened.close();
      db = opened.db.withTables<ProviderTables>();
      provider = await startProvider(opened, storage);
      jpeg = await validJpeg();
    });
    after(async () => {
      await provider.close();
      await closeDatabase();
      await database.drop();
      await storage.stop();
    });
    const call: RunningProvider['call'] = (path, init) => provider.call(path, init);
    const outbox = (objectId?: string) =>
      db.selectFrom('treezor_webhook_outbox').selectAll().$if(objectId !== undefined, (qb) => qb.where('object_id', '=', objectId!)).orderBy('sequence').execute();

    test('POST /v1/users: a Treezor user, ids counting from the seed’s 1370854, every value a string', async () => {
      const body = await expectJson<{ users: Array<Record<string, string>> }>(
        call('/v1/users', { method: 'POST', json: { firstname: 'Alex', lastname: 'Oak', email: 'alex@example.com' } }),
        200,
      );
      assert.equal(body.users.length, 1);
      const user = body.users[0]!;
      assert.equal(user.userId, '1370854');
      assert.deepEqual(
        { ...user, createdDate: undefined, modifiedDate: undefined },
        {
          userId: '1370854', userTypeId: '1', clientId: '929252', email: 'alex@example.com', firstname: 'Alex', lastname: 'Oak',
          kycLevel: '0', kycReview: '0', kycReviewComment: '', createdDate: undefined, modifiedDate: undefined,
        },
      );
      assert.match(user.createdDate!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      for (const value of Object.values(user)) assert.equal(typeof value, 'string');
      assert.equal(await createUser(call), 1370855);

      assert.deepEqual(await expectJson(call('/v1/users/1370854'), 200), body);
      assert.equal(await errorCode(call('/v1/users/999999999'), 404), 'not_found');
      assert.equal(await errorCode(call('/v1/users', { method: 'POST', json: { lastname: 'Oak' } }), 400), 'invalid_request');
      assert.equal(await errorCode(call('/v1/users', { method: 'POST', json: { firstname: ' ', lastname: 'Oak' } }), 400), 'invalid_request');
      assert.equal(await errorCode(call('/v1/users', { method: 'POST', json: { firstname: 'A', lastname: 'B', userTypeId: 9 } }), 400), 'invalid_request');
    });

    test('every route needs the token (401) and unknown routes or methods are refused', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      for (const [path, method] of [
        ['/v1/users', 'POST'], ['/v1/users/1370854', 'GET'], ['/v1/users/1370854/Kycreview', 'PUT'], ['/v1/users/1370854/kyc', 'GET'],
        [`/core-connect/kyc/documents/${id}/status`, 'PUT'], [`/core-connect/kyc/documents/${id}`, 'DELETE'],
        ['/demo-compliance/users/1370854/kyc-decision', 'PUT'],
      ] as const) {
        assert.equal(await errorCode(call(path, { method, token: null }), 401), 'unauthorized', `${method} ${path}`);
        assert.equal((await call(path, { method, token: 'wrong' })).status, 401, `${method} ${path} (wrong token)`);
      }
      assert.equal(await errorCode(call('/v1/users/1370854', { method: 'DELETE' }), 405), 'method_not_allowed');
      assert.equal(await errorCode(call('/core-connect/nothing'), 404), 'not_found');
      assert.equal(provider.emulator.owns('/v1/users'), true);
      assert.equal(provider.emulator.owns('/demo-compliance/users/1/kyc-decision'), true);
      assert.equal(provider.emulator.owns('/api/webhooks/treezor'), false);
      assert.equal(provider.emulator.owns('/v1/usersx'), false);
    });

    test('PUT …/status 2: the seed’s object, one Document object, one document.create with the seed’s payload', async () => {
      const userId = await createUser(call, 'Hélène', 'Oak');
      const form = await uploadedDocument(call, userId, jpeg);
      const validated = await expectJson<Record<string, unknown>>(setStatus(call, form.documentId, 2, 'This document is fine'), 200);
      assert.deepEqual(Object.keys(validated), ['documentId', 'documentType', 'status', 'userId', 'createdAt', 'metadata', 'comment', 'updatedAt']);
      const metadata = validated.metadata as { treezor_document_id: string };
      assert.match(metadata.treezor_document_id, /^\d+$/);
      assert.deepEqual({ ...validated, createdAt: 0, updatedAt: 0 }, {
        documentId: form.documentId, documentType: 9, status: 2, userId, createdAt: 0, metadata, comment: 'This document is fine', updatedAt: 0,
      });
      assert.match(String(validated.updatedAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);

      const documents = await db.selectFrom('treezor_documents').selectAll().where('pre_review_id', '=', form.documentId).execute();
      assert.equal(documents.length, 1);
      assert.equal(documents[0]!.document_id, metadata.treezor_document_id);
      assert.equal(documents[0]!.document_status, 'PENDING');
      const rows = await outbox(metadata.treezor_document_id);
      assert.equal(rows.length, 1);
      assert.deepEqual([rows[0]!.webhook, rows[0]!.object], ['document.create', 'document']);
      const payload = JSON.parse(rows[0]!.payload) as { documents: Array<Record<string, unknown>> };
      const [document] = payload.documents;
      assert.deepEqual(Object.keys(document!), [
        'documentId', 'documentTag', 'clientId', 'userId', 'userFirstname', 'userLastname', 'name', 'documentStatus', 'documentTypeId',
        'documentType', 'fileName', 'thumbFileName', 'createdDate', 'modifiedDate', 'codeStatus', 'informationStatus', 'residenceId', 'totalRows',
      ]);
      assert.deepEqual({ ...document, createdDate: 'x' }, {
        documentId: metadata.treezor_document_id, documentTag: '', clientId: '929252', userId: String(userId), userFirstname: 'Hélène',
        userLastname: 'Oak', name: form.documentId, documentStatus: 'PENDING', documentTypeId: '9', documentType: 'ID',
        fileName: `${metadata.treezor_document_id}.jpg`, thumbFileName: '', createdDate: 'x', modifiedDate: '0000-00-00 00:00:00',
        codeStatus: '600003', informationStatus: '', residenceId: '0', totalRows: 1,
      });
      assert.match(String(document!.createdDate), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

      // Idempotent: the same object (comment unchanged), nothing created.
      const again = await expectJson(setStatus(call, form.documentId, 2, 'Once more'), 200);
      assert.deepEqual(again, validated);
      assert.equal((await db.selectFrom('treezor_documents').selectAll().where('pre_review_id', '=', form.documentId).execute()).length, 1);
      assert.equal((await outbox(metadata.treezor_document_id)).length, 1);
      // A validated document cannot be refused.
      assert.equal(await errorCode(setStatus(call, form.documentId, 1, 'Too late'), 409), 'document_already_validated');
    });

    test('the stored objects say which piece of a set they are: kind, subtype, side from the request metadata, on the upload and on the validated copy', async () => {
      const userId = await createUser(call);
      const head = async (key: string) => (await storage.s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }))).Metadata;
      const metadata = { fileName: 'recto.jpg', size: jpeg.length, kind: 'identity-proof', subtype: 'id-card', side: 'back' };
      const form = await expectJson<DocumentForm>(
        call(`/core-connect/users/${userId}/kyc/document`, { method: 'POST', json: { documentType: 9, contentType: 'image/jpeg', metadata } }),
        200,
      );
      assert.deepEqual([form.formFields['x-amz-meta-kind'], form.formFields['x-amz-meta-subtype'], form.formFields['x-amz-meta-side']], ['identity-proof', 'id-card', 'back']);
      assert.ok(!Object.keys(form.formFields).some((name) => /filename|size/i.test(name)), Object.keys(form.formFields).join());
      // The browser cannot say it is another side than the one signed.
      assert.equal((await postToS3(form.form.action, { ...form.formFields, 'x-amz-meta-side': 'front' }, { bytes: jpeg, type: 'image/jpeg' })).status, 403);
      assert.equal((await postToS3(form.form.action, form.formFields, { bytes: jpeg, type: 'image/jpeg' })).status, 204);
      const key = form.formFields['key']!;
      assert.deepEqual(await head(key), { kind: 'identity-proof', subtype: 'id-card', side: 'back' });
      // The whole metadata stays the host's, in Treezor's answer.
      const listed = await expectJson<Array<{ documentId: string; metadata: unknown }>>(call(`/core-connect/users/${userId}/kyc/document`), 200);
      assert.deepEqual(listed.find((d) => d.documentId === form.documentId)!.metadata, metadata);

      await expectJson(setStatus(call, form.documentId, 2), 200);
      const row = await db.selectFrom('treezor_pre_review_documents').select('validated_key').where('document_id', '=', form.documentId).executeTakeFirstOrThrow();
      const copy = await head(row.validated_key!);
      assert.deepEqual({ ...copy, sha256: 'x' }, { kind: 'identity-proof', subtype: 'id-card', side: 'back', sha256: 'x' });
      assert.match(copy!.sha256!, /^[0-9a-f]{64}$/);
    });

    test('metadata that is not a slot stays off the stored object; a form is still made', async () => {
      const userId = await createUser(call);
      for (const metadata of [
        { kind: 'Identity Proof', subtype: 'id_card', side: 'left' },
        { kind: ['identity-proof'], subtype: 9, side: null },
        { 'x-amz-meta-kind': 'identity-proof', Kind: 'identity-proof', owner: 'mallory' },
      ]) {
        const form = await expectJson<DocumentForm>(
          call(`/core-connect/users/${userId}/kyc/document`, { method: 'POST', json: { documentType: 9, contentType: 'image/jpeg', metadata } }),
          200,
        );
        assert.deepEqual(Object.keys(form.formFields).filter((name) => name.startsWith('x-amz-meta-')), [], JSON.stringify(metadata));
      }
      // Valid ones are kept even beside invalid ones.
      const mixed = await expectJson<DocumentForm>(
        call(`/core-connect/users/${userId}/kyc/document`, { method: 'POST', json: { documentType: 9, contentType: 'image/jpeg', metadata: { kind: 'address-proof', side: 'middle' } } }),
        200,
      );
      assert.deepEqual(Object.keys(mixed.formFields).filter((name) => name.startsWith('x-amz-meta-')), ['x-amz-meta-kind']);
    });

    test('two validations at once: both answered 200, one Document object, one webhook, one copy kept', async () => {
      const userId = await createUser(call);
      const form = await uploadedDocument(call, userId, jpeg);
      const answers = await Promise.all([1, 2, 3].map(() => expectJson<{ metadata: unknown }>(setStatus(call, form.documentId, 2), 200)));
      assert.deepEqual(answers[1]!.metadata, answers[0]!.metadata);
      assert.deepEqual(answers[2]!.metadata, answers[0]!.metadata);
      const documents = await db.selectFrom('treezor_documents').select('document_id').where('pre_review_id', '=', form.documentId).execute();
      assert.equal(documents.length, 1);
      assert.equal((await outbox(documents[0]!.document_id)).length, 1);
      const copies = (await storage.listKeys()).filter((key) => key.startsWith(`validated/${form.formFields['key']}/`));
      const { validated_key } = await db.selectFrom('treezor_pre_review_documents').select('validated_key').where('document_id', '=', form.documentId).executeTakeFirstOrThrow();
      assert.deepEqual(copies, [validated_key]);
    });

    test('PUT …/status: comment mandatory, status 0 not accepted, unknown document 404', async () => {
      const userId = await createUser(call);
      const form = await uploadedDocument(call, userId, jpeg);
      const put = (json: unknown) => call(`/core-connect/kyc/documents/${form.documentId}/status`, { method: 'PUT', json });
      assert.equal(await errorCode(put({ status: 2 }), 400), 'comment_required');
      assert.equal(await errorCode(put({ status: 1, comment: '   ' }), 400), 'comment_required');
      assert.equal(await errorCode(put({ status: 0, comment: 'back to pending' }), 400), 'invalid_status');
      assert.equal(await errorCode(put({ status: '2', comment: 'text' }), 400), 'invalid_status');
      assert.equal(await errorCode(setStatus(call, '00000000-0000-4000-8000-000000000000', 2), 404), 'not_found');
      const [listed] = await expectJson<Array<{ status: number; comment: string }>>(call(`/core-connect/users/${userId}/kyc/document`), 200);
      assert.deepEqual([listed!.status, listed!.comment], [0, '']);
      assert.equal((await db.selectFrom('treezor_documents').selectAll().where('user_id', '=', userId).execute()).length, 0);
    });

    test('PUT …/status 1 refuses with the comment; a refused document may still be validated', async () => {
      const userId = await createUser(call);
      const form = await uploadedDocument(call, userId, jpeg);
      const refused = await expectJson<Record<string, unknown>>(setStatus(call, form.documentId, 1, 'This document is not suitable'), 200);
      assert.deepEqual([refused.status, refused.comment, refused.metadata], [1, 'This document is not suitable', {}]);
      assert.equal((await outbox()).filter((row) => row.payload.includes(form.documentId)).length, 0, 'a refusal sends no webhook');
      const validated = await expectJson<Record<string, unknown>>(setStatus(call, form.documentId, 2, 'Better look'), 200);
      assert.equal(validated.status, 2);
    });

    test('a document never uploaded, or whose bytes fail verification, can never be validated', async () => {
      const userId = await createUser(call);
      const empty = await createDocument(call, userId);
      assert.equal(await errorCode(setStatus(call, empty.documentId, 2), 400), 'document_not_verifiable');
      // Bytes that only start like a PNG, stored through a form signed for image/png.
      const forged = await uploadedDocument(call, userId, sampleBytes(3000), 9, 'image/png');
      assert.equal(await errorCode(setStatus(call, forged.documentId, 2), 400), 'document_not_verifiable');
      // A real JPEG stored through a form signed for PNG: the type the form allowed is the only one.
      const mislabelled = await uploadedDocument(call, userId, jpeg, 9, 'image/png');
      assert.equal(await errorCode(setStatus(call, mislabelled.documentId, 2), 400), 'document_not_verifiable');
      const listed = await expectJson<Array<{ status: number }>>(call(`/core-connect/users/${userId}/kyc/document`), 200);
      assert.deepEqual(listed.map((d) => d.status), [0, 0, 0]);
      assert.equal((await db.selectFrom('treezor_documents').selectAll().where('user_id', '=', userId).execute()).length, 0);
      assert.equal((await db.selectFrom('treezor_pre_review_documents').select('validated_key').where('user_id', '=', userId).where('validated_key', 'is not', null).execute()).length, 0);
    });

    test('a validated document is previewed from the bytes verified, not what its form can still write', async () => {
      const userId = await createUser(call);
      const form = await uploadedDocument(call, userId, jpeg);
      await expectJson(setStatus(call, form.documentId, 2), 200);
      // The form is still valid: new bytes reach its key, as with S3.
      const replaced = await postToS3(form.form.action, form.formFields, { bytes: sampleBytes(jpeg.length), type: 'image/jpeg' });
      assert.equal(replaced.status, 204, replaced.body);
      const { url, contentType } = await expectJson<{ url: string; contentType: string }>(call(`/core-connect/kyc/documents/${form.documentId}/preview`), 200);
      assert.equal(contentType, 'image/jpeg');
      assert.deepEqual(new Uint8Array(await (await fetch(url)).arrayBuffer()), jpeg);
    });

    test('DELETE removes the row and its stored objects, a copy a killed validation left included: 204, then 404', async () => {
      const userId = await createUser(call);
      const form = await uploadedDocument(call, userId, jpeg);
      await expectJson(setStatus(call, form.documentId, 2), 200);
      const { validated_key } = await db.selectFrom('treezor_pre_review_documents').select('validated_key').where('document_id', '=', form.documentId).executeTakeFirstOrThrow();
      // What a validation killed between its copy and its transaction leaves: a copy no row names.
      const orphan = `${validatedCopyPrefix(form.formFields['key']!)}left-by-a-killed-validation`;
      await storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: orphan, Body: jpeg }));
      assert.equal(await storage.exists(form.formFields['key']!), true);
      assert.equal(await storage.exists(validated_key!), true);
      const removed = await call(`/core-connect/kyc/documents/${form.documentId}`, { method: 'DELETE' });
      assert.equal(removed.status, 204);
      assert.equal(await removed.text(), '');
      assert.equal(await storage.exists(form.formFields['key']!), false);
      assert.equal(await storage.exists(validated_key!), false);
      assert.equal(await storage.exists(orphan), false);
      assert.deepEqual(await expectJson(call(`/core-connect/users/${userId}/kyc/document`), 200), []);
      assert.equal(await errorCode(call(`/core-connect/kyc/documents/${form.documentId}`, { method: 'DELETE' }), 404), 'not_found');
      assert.equal(await errorCode(call(`/core-connect/kyc/documents/${form.documentId}/preview`), 404), 'not_found');
    });
  });
}

// The KYC review's life cycle at the emulated provider, on both databases: the KYC object through
// NONE → PENDING → VALIDATED / REFUSED / INCOMPLETE, the refusals, and the validated files' deletion.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Kysely } from 'kysely';
import type { SqlDatabase } from '../../src/server/db/database.js';
import type { ProviderTables } from '../../demo/provider/schema.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import {
  createUser, decide, expectJson, type RunningProvider, setStatus, startProvider, uploadedDocument, validJpeg,
} from '../support/provider-harness.js';
import { type TestDatabase, testDatabaseKinds } from '../support/test-databases.js';

type ErrorBody = { errors: Array<{ code: string }> };
type Kyc = Record<string, unknown>;
const errorCode = async (answer: Promise<Response>, status: number) => (await expectJson<ErrorBody>(answer, status)).errors[0]!.code;
const ZULU = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

for (const kind of testDatabaseKinds()) {
  describe(`emulated Treezor KYC review on ${kind.name}`, () => {
    let storage: TestStorage;
    let database: TestDatabase;
    let opened: SqlDatabase;
    let provider: RunningProvider;
    let db: Kysely<ProviderTables>;
    let jpeg: Uint8Array<ArrayBuffer>;
    before(async () => {
      storage = await startTestStorage();
      database = await kind.create();
      opened = await database.open();
      db = opened.db.withTables<ProviderTables>();
      provider = await startProvider(opened, storage);
      jpeg = await validJpeg();
    });
    after(async () => {
      await provider.close();
      await opened.close();
      await database.drop();
      await storage.stop();
    });
    const call: RunningProvider['call'] = (path, init) => provider.call(path, init);
    const kyc = (userId: number) => expectJson<Kyc>(call(`/v1/users/${userId}/kyc`), 200);
    const requestReview = (userId: number) => call(`/v1/users/${userId}/Kycreview`, { method: 'PUT' });
    const webhooks = async (objectId: string) =>
      (await db.selectFrom('treezor_webhook_outbox').selectAll().where('object_id', '=', objectId).orderBy('sequence').execute()).map((row) => ({
        webhook: row.webhook,
        object: row.object,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
      }));
    /** A user whose ID card is uploaded and validated: ready for a review. */
    async function readyUser(): Promise<{ userId: number; documentId: string; key: string }> {
      const userId = await createUser(call);
      const form = await uploadedDocument(call, userId, jpeg);
      await expectJson(setStatus(call, form.documentId, 2), 200);
      return { userId, documentId: form.documentId, key: form.formFields['key']! };
    }

    test('GET /v1/users/{id}/kyc: the seed’s KYC object, NONE / 110001 for a new user; 404 unknown', async () => {
      const userId = await createUser(call);
      assert.deepEqual(await kyc(userId), {
        userId, clientId: 929252, distributionCountry: 'FR', kycLevel: 0, kycReview: 0, kycReviewComment: '', kycStatus: 'NONE',
        kycReviewType: 'ONBOARDING', codeStatus: '110001', informationStatus: 'No request has been submitted for this user yet.',
        lastRequestDatetime: null, lastReviewDatetime: null, nextReviewDate: null,
      });
      assert.equal(await errorCode(call('/v1/users/999999999/kyc'), 404), 'not_found');
      assert.equal(await errorCode(requestReview(999999999), 404), 'not_found');
    });

    test('Kycreview is refused while the ID is missing, then while it is not validated', async () => {
      const userId = await createUser(call);
      assert.equal(await errorCode(requestReview(userId), 400), 'required_document_missing');
      const form = await uploadedDocument(call, userId, jpeg);
      assert.equal(await errorCode(requestReview(userId), 400), 'required_document_not_validated');
      await expectJson(setStatus(call, form.documentId, 1, 'Blurred'), 200);
      assert.equal(await errorCode(requestReview(userId), 400), 'required_document_not_validated');
      // Another type validated does not stand for the ID.
      const other = await uploadedDocument(call, userId, jpeg, 11);
      await expectJson(setStatus(call, other.documentId, 2), 200);
      assert.equal(await errorCode(requestReview(userId), 400), 'required_document_not_validated');
      assert.equal((await kyc(userId)).kycStatus, 'NONE');
      assert.deepEqual(await webhooks(String(userId)), [], 'a refused request sends nothing');
    });

    test('Kycreview: the user with kycReview 1, the KYC object PENDING / 110002, both webhooks; 409 when asked again', async () => {
      const { userId } = await readyUser();
      const { users } = await expectJson<{ users: Array<Record<string, string>> }>(requestReview(userId), 200);
      assert.deepEqual([users[0]!.userId, users[0]!.kycLevel, users[0]!.kycReview, users[0]!.kycReviewComment], [String(userId), '0', '1', '']);
      const pending = await kyc(userId);
      assert.deepEqual([pending.kycStatus, pending.codeStatus, pending.kycReview, pending.kycLevel], ['PENDING', '110002', 1, 0]);
      assert.equal(pending.informationStatus, 'The request for verification has been submitted and is currently awaiting review.');
      assert.match(String(pending.lastRequestDatetime), ZULU);
      assert.equal(pending.lastReviewDatetime, null);
      assert.deepEqual(await webhooks(String(userId)), [
        { webhook: 'kycreview.request', object: 'kyc', payload: pending },
        { webhook: 'user.kycrequest', object: 'user', payload: { users } },
      ]);
      assert.equal(await errorCode(requestReview(userId), 409), 'kyc_review_pending');
      assert.equal((await webhooks(String(userId))).length, 2);
    });

    test('decision: comment mandatory, a known status, only while PENDING', async () => {
      const { userId } = await readyUser();
      assert.equal(await errorCode(decide(call, userId, 'VALIDATED'), 409), 'kyc_review_not_pending');
      await expectJson(requestReview(userId), 200);
      const put = (json: unknown) => call(`/demo-compliance/users/${userId}/kyc-decision`, { method: 'PUT', json });
      assert.equal(await errorCode(put({ status: 'VALIDATED' }), 400), 'comment_required');
      assert.equal(await errorCode(put({ status: 'VALIDATED', comment: '' }), 400), 'comment_required');
      assert.equal(await errorCode(put({ status: 'PENDING', comment: 'x' }), 400), 'invalid_request');
      assert.equal(await errorCode(decide(call, 999999999, 'VALIDATED'), 404), 'not_found');
      assert.equal((await kyc(userId)).kycStatus, 'PENDING');
    });

    test('VALIDATED: KYC object 110006, user kycReview 2, Documents VALIDATED, both webhooks, files deleted from the bucket', async () => {
      const { userId, documentId, key } = await readyUser();
      const refused = await uploadedDocument(call, userId, jpeg, 11);
      await expectJson(setStatus(call, refused.documentId, 1, 'Not needed'), 200);
      await expectJson(requestReview(userId), 200);
      const { validated_key } = await db.selectFrom('treezor_pre_review_documents').select('validated_key').where('document_id', '=', documentId).executeTakeFirstOrThrow();
      assert.equal(await storage.exists(validated_key!), true);

      const decided = await expectJson<Kyc>(decide(call, userId, 'VALIDATED', 'All good'), 200);
      assert.deepEqual(decided, await kyc(userId));
      assert.deepEqual([decided.kycStatus, decided.codeStatus, decided.kycReview, decided.kycLevel, decided.kycReviewComment], ['VALIDATED', '110006', 2, 1, 'All good']);
      assert.equal(decided.informationStatus, "The user's identity has been successfully verified, and all compliance requirements are met.");
      assert.match(String(decided.lastReviewDatetime), ZULU);
      const { users } = await expectJson<{ users: Array<Record<string, string>> }>(call(`/v1/users/${userId}`), 200);
      assert.deepEqual([users[0]!.kycReview, users[0]!.kycLevel, users[0]!.kycReviewComment], ['2', '1', 'All good']);
      const documents = await db.selectFrom('treezor_documents').select('document_status').where('user_id', '=', userId).execute();
      assert.deepEqual(documents.map((d) => d.document_status), ['VALIDATED']);
      assert.deepEqual((await webhooks(String(userId))).slice(2), [
        { webhook: 'kycreview.result', object: 'kyc', payload: decided },
        { webhook: 'user.kycreview', object: 'user', payload: { users } },
      ]);
      // The validated document's files are gone; the refused one's stay.
      assert.equal(await storage.exists(key), false);
      assert.equal(await storage.exists(validated_key!), false);
      assert.equal(await storage.exists(refused.formFields['key']!), true);
      assert.equal(await errorCode(call(`/core-connect/kyc/documents/${documentId}/preview`), 404), 'not_found');
      assert.equal(await errorCode(decide(call, userId, 'REFUSED'), 409), 'kyc_review_not_pending');
    });

    test('REFUSED: 110004, kycReview 3, Documents REFUSED; a new review needs a newly validated ID', async () => {
      const { userId, key } = await readyUser();
      await expectJson(requestReview(userId), 200);
      const decided = await expectJson<Kyc>(decide(call, userId, 'REFUSED', 'Expired ID'), 200);
      assert.deepEqual([decided.kycStatus, decided.codeStatus, decided.kycReview, decided.kycLevel], ['REFUSED', '110004', 3, 0]);
      const documents = await db.selectFrom('treezor_documents').select('document_status').where('user_id', '=', userId).execute();
      assert.deepEqual(documents.map((d) => d.document_status), ['REFUSED']);
      assert.equal(await storage.exists(key), true, 'only a validated user’s files are deleted');
      assert.equal(await errorCode(requestReview(userId), 400), 'required_document_not_validated');
      const replacement = await uploadedDocument(call, userId, jpeg);
      await expectJson(setStatus(call, replacement.documentId, 2), 200);
      await expectJson(requestReview(userId), 200);
      assert.equal((await kyc(userId)).kycStatus, 'PENDING');
    });

    test('INCOMPLETE: 110003, kycReview back to 0, Documents still PENDING, and the host can ask again', async () => {
      const { userId } = await readyUser();
      await expectJson(requestReview(userId), 200);
      const decided = await expectJson<Kyc>(decide(call, userId, 'INCOMPLETE', 'Proof of address missing'), 200);
      assert.deepEqual([decided.kycStatus, decided.codeStatus, decided.kycReview, decided.kycReviewComment], ['INCOMPLETE', '110003', 0, 'Proof of address missing']);
      const documents = await db.selectFrom('treezor_documents').select('document_status').where('user_id', '=', userId).execute();
      assert.deepEqual(documents.map((d) => d.document_status), ['PENDING']);
      await expectJson(requestReview(userId), 200);
      const again = await kyc(userId);
      assert.deepEqual([again.kycStatus, again.kycReviewComment], ['PENDING', '']);
    });

    test('requiredDocumentTypes: every listed type needs its own validated document', async () => {
      const strict = await startProvider(opened, storage, { requiredDocumentTypes: [9, 11] });
      try {
        const { userId } = await readyUser();
        assert.equal(await errorCode(strict.call(`/v1/users/${userId}/Kycreview`, { method: 'PUT' }), 400), 'required_document_missing');
        const proof = await uploadedDocument(strict.call, userId, jpeg, 11);
        await expectJson(setStatus(strict.call, proof.documentId, 2), 200);
        await expectJson(strict.call(`/v1/users/${userId}/Kycreview`, { method: 'PUT' }), 200);
      } finally {
        await strict.close();
      }
    });

    test('requiredDocumentTypes: a list is "any one of these": a passport stands for the identity card, a bank statement for the bill', async () => {
      const anyOf = await startProvider(opened, storage, { requiredDocumentTypes: [[9, 901], [911, 912]] });
      try {
        const review = (userId: number) => anyOf.call(`/v1/users/${userId}/Kycreview`, { method: 'PUT' });
        const userId = await createUser(anyOf.call);
        const missing = await expectJson<{ errors: Array<{ code: string; message: string }> }>(review(userId), 400);
        assert.equal(missing.errors[0]!.code, 'required_document_missing');
        assert.match(missing.errors[0]!.message, /one of the types 9 \(ID\), 901/);
        const passport = await uploadedDocument(anyOf.call, userId, jpeg, 901);
        assert.equal(await errorCode(review(userId), 400), 'required_document_not_validated');
        await expectJson(setStatus(anyOf.call, passport.documentId, 2), 200);
        // The identity group is met without any type 9; the address group is not yet.
        const address = await expectJson<{ errors: Array<{ code: string; message: string }> }>(review(userId), 400);
        assert.equal(address.errors[0]!.code, 'required_document_missing');
        assert.match(address.errors[0]!.message, /911/);
        // A type outside every group stands for nothing.
        const other = await uploadedDocument(anyOf.call, userId, jpeg, 913);
        await expectJson(setStatus(anyOf.call, other.documentId, 2), 200);
        assert.equal(await errorCode(review(userId), 400), 'required_document_missing');
        const statement = await uploadedDocument(anyOf.call, userId, jpeg, 912);
        await expectJson(setStatus(anyOf.call, statement.documentId, 2), 200);
        await expectJson(review(userId), 200);
      } finally {
        await anyOf.close();
      }
      await assert.rejects(startProvider(opened, storage, { requiredDocumentTypes: [[]] }), /not a document type or a non-empty list/);
    });

    test('files a decision could not delete are deleted when the emulator next starts', async () => {
      // Storage refusing deletions while the decision is taken.
      const failing = Object.create(storage.s3, {
        send: { value: (command: unknown) => (command instanceof DeleteObjectCommand ? Promise.reject(new Error('storage down')) : storage.s3.send(command as never)) },
      }) as S3Client;
      const broken = await startProvider(opened, { s3: failing, bucket: storage.bucket });
      let key: string;
      let userId: number;
      try {
        userId = await createUser(broken.call);
        const form = await uploadedDocument(broken.call, userId, jpeg);
        key = form.formFields['key']!;
        await expectJson(setStatus(broken.call, form.documentId, 2), 200);
        await expectJson(broken.call(`/v1/users/${userId}/Kycreview`, { method: 'PUT' }), 200);
        assert.equal((await expectJson<Kyc>(decide(broken.call, userId, 'VALIDATED'), 200)).kycStatus, 'VALIDATED', 'the decision stands');
        assert.equal(await storage.exists(key), true);
      } finally {
        await broken.close();
      }
      const restarted = await startProvider(opened, storage);
      await restarted.close();
      assert.equal(await storage.exists(key), false);
      const row = await db.selectFrom('treezor_pre_review_documents').select('files_deleted_at').where('user_id', '=', userId).executeTakeFirstOrThrow();
      assert.equal(typeof row.files_deleted_at, 'number');
    });
  });
}

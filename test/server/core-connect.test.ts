import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { requestTreezorDocumentForm, TreezorRequestError } from '../../src/server/treezor-client.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import { createUser, PROVIDER_TOKEN, type RunningProvider, startProvider } from '../support/provider-harness.js';
import { postToS3, sampleBytes } from '../support/s3-post.js';
import { type TestDatabase, testDatabaseKinds } from '../support/test-databases.js';

for (const kind of testDatabaseKinds()) {
  describe(`emulated core-connect (Treezor document pre-review) on ${kind.name}`, () => {
    let storage: TestStorage;
    let database: TestDatabase;
    let provider: RunningProvider;
    let closeDatabase: () => Promise<void>;
    before(async () => {
      storage = await startTestStorage();
      database = await kind.create();
      const opened = await database.open();
      closeDatabase = () => opened.close();
      provider = await startProvider(opened, storage);
    });
    after(async () => {
      await provider.close();
      await closeDatabase();
      await database.drop();
      await storage.stop();
    });

    const call = (path: string, init: RequestInit & { token?: string | null } = {}) => provider.call(`/core-connect${path}`, init);
    const create = (userId: number, body: unknown) =>
      call(`/users/${userId}/kyc/document`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    test('refuses every route without the Bearer token: 401', async () => {
      for (const [path, method] of [
        ['/users/1/kyc/document', 'POST'],
        ['/users/1/kyc/document', 'GET'],
        ['/kyc/documents/00000000-0000-4000-8000-000000000000/preview', 'GET'],
      ] as const) {
        assert.equal((await call(path, { method, token: null })).status, 401, `${method} ${path}`);
        assert.equal((await call(path, { method, token: 'wrong' })).status, 401, `${method} ${path} (wrong token)`);
      }
    });

    test('creates a form, lists the document, and previews it once uploaded', async () => {
      const userId = await createUser(provider.call);
      const created = await create(userId, { documentType: 9, metadata: { source: 'test' }, contentType: 'application/pdf' });
      assert.equal(created.status, 200);
      const form = (await created.json()) as DocumentForm;
      assert.equal(form.formFields['Content-Type'], 'application/pdf');
      assert.equal(form.expireIn, 300);

      const list = await (await call(`/users/${userId}/kyc/document`)).json();
      assert.equal(Array.isArray(list), true);
      const [document] = list as Array<Record<string, unknown>>;
      assert.deepEqual(Object.keys(document!).sort(), [
        'comment', 'createdAt', 'documentId', 'documentType', 'metadata', 'status', 'updatedAt', 'userId',
      ]);
      assert.equal(document!.documentId, form.documentId);
      assert.equal(document!.status, 0);
      assert.equal(document!.userId, userId);
      assert.equal(document!.documentType, 9);
      assert.deepEqual(document!.metadata, { source: 'test' });
      assert.match(String(document!.createdAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);

      const early = await call(`/kyc/documents/${form.documentId}/preview`);
      assert.equal(early.status, 404);

      const bytes = sampleBytes(3000);
      const upload = await postToS3(form.form.action, form.formFields, { bytes, type: 'application/pdf' });
      assert.equal(upload.status, 204, upload.body);

      const preview = await call(`/kyc/documents/${form.documentId}/preview`);
      assert.equal(preview.status, 200);
      const { url, contentType, duration } = (await preview.json()) as { url: string; contentType: string; duration: number };
      assert.equal(contentType, 'application/pdf');
      assert.equal(duration, 300);
      assert.match(url, /X-Amz-Expires=300/);
      const download = await fetch(url);
      assert.equal(download.status, 200);
      assert.deepEqual(new Uint8Array(await download.arrayBuffer()), bytes);
    });

    test("lists only the user's own documents", async () => {
      const owner = await createUser(provider.call);
      const other = await createUser(provider.call);
      assert.equal((await create(owner, { documentType: 11, contentType: 'image/png' })).status, 200);
      const list = (await (await call(`/users/${owner}/kyc/document`)).json()) as Array<{ userId: number }>;
      assert.equal(list.length, 1);
      assert.equal(list[0]!.userId, owner);
      assert.deepEqual(await (await call(`/users/${other}/kyc/document`)).json(), []);
    });

    test('refuses a type outside the allowed five, a missing contentType, an unknown document or user', async () => {
      const userId = await createUser(provider.call);
      assert.equal((await create(userId, { documentType: 9, contentType: 'text/html' })).status, 400);
      assert.equal((await create(userId, { documentType: 9 })).status, 400);
      assert.equal((await create(userId, { documentType: '9', contentType: 'image/png' })).status, 400);
      assert.equal((await call('/kyc/documents/00000000-0000-4000-8000-000000000000/preview')).status, 404);
      const unknownUser = await create(999_999_999, { documentType: 9, contentType: 'image/png' });
      assert.equal(unknownUser.status, 404);
      assert.equal(((await unknownUser.json()) as { errors: Array<{ code: string }> }).errors[0]!.code, 'not_found');
      assert.deepEqual(await (await call(`/users/${userId}/kyc/document`)).json(), []);
    });

    test('requestTreezorDocumentForm gets a checked form from the provider', async () => {
      const userId = await createUser(provider.call);
      const form = await requestTreezorDocumentForm({
        baseUrl: `${provider.url}/`,
        accessToken: PROVIDER_TOKEN,
        userId,
        documentType: 9,
        contentType: 'image/jpg',
      });
      assert.equal(form.formFields['Content-Type'], 'image/jpeg');
      assert.equal(form.form.method, 'POST');

      await assert.rejects(
        requestTreezorDocumentForm({ baseUrl: provider.url, accessToken: 'wrong', userId, documentType: 9 }),
        (error: unknown) => error instanceof TreezorRequestError && error.status === 401,
      );
    });

    test('requestTreezorDocumentForm refuses an answer of the wrong shape', async () => {
      const fakeFetch: typeof fetch = async () =>
        Response.json({ documentId: 'x', form: { action: 'javascript:alert(1)' }, formFields: {}, expireIn: 300 });
      await assert.rejects(
        requestTreezorDocumentForm({ baseUrl: 'http://provider', accessToken: 't', userId: 1, documentType: 9, fetch: fakeFetch }),
        (error: unknown) => error instanceof TreezorRequestError && error.status === 0 && /form\.action/.test(error.message),
      );
    });

    test("requestTreezorDocumentForm checks the answer by the browser's schema: what it hands on, the widget takes", async () => {
      const answer = { documentId: 'doc-1', form: { action: 'https://s3.example/kyc', method: 'POST', enctype: 'multipart/form-data' }, formFields: {}, expireIn: 300 };
      const ask = (body: unknown) =>
        requestTreezorDocumentForm({ baseUrl: 'http://provider', accessToken: 't', userId: 1, documentType: 9, fetch: async () => Response.json(body) });
      // The widget refuses these (core/presign-schema.ts): here they fail with a clear error, not in the browser.
      for (const [field, bad] of [
        ['documentId', { ...answer, documentId: 'doc-1\nforged log line' }],
        ['expireIn', { ...answer, expireIn: 24 * 3600 + 1 }],
      ] as const) {
        await assert.rejects(ask(bad), (error: unknown) => error instanceof TreezorRequestError && error.message.includes(field), field);
      }
      // The widget takes a form without method and enctype; the server names the only values allowed.
      const bare = await ask({ ...answer, form: { action: answer.form.action } });
      assert.deepEqual(bare.form, answer.form);
    });
  });
}

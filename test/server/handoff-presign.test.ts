// A claimed phone presigns through the element endpoint itself (createDocumentFormHandler's
// `phoneSessions`), on both databases: for the handoff's user and slot only, whatever cookie it
// carries, until the handoff completes or expires; a bad session is refused, never taken for the
// cookie's user.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createDocumentFormHandler, type DocumentFormLogEntry, type DocumentFormRequest } from '../../src/server/element-endpoint.js';
import { HANDOFF_SESSION_HEADER } from '../../src/server/handoff/phone-session.js';
import { DEMO_REQUIREMENTS } from '../../demo/backend/document-requirements.js';
import { body, claimedHandoff, errorCode, type Harness, openHarness, passed } from '../support/handoff-harness.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const FRONT = { documentType: 9, kind: 'identity-proof', subtype: 'id-card', side: 'front' } as const;

for (const kind of testDatabaseKinds()) {
  describe(`presigning from a phone (${kind.name})`, () => {
    let h: Harness;
    const calls: Array<DocumentFormRequest & { userId: unknown }> = [];
    const logs: DocumentFormLogEntry[] = [];
    let endpoint: ReturnType<typeof createDocumentFormHandler>;
    before(async () => {
      h = await openHarness(kind, { requirements: DEMO_REQUIREMENTS });
      endpoint = createDocumentFormHandler({
        resolveUser: (request) => request.headers.get('x-user'),
        requirements: DEMO_REQUIREMENTS,
        phoneSessions: h.handoffs.phoneSessions,
        createForm: async (input) => {
          calls.push(input);
          return { documentId: randomUUID(), form: { action: 'https://storage.test/bucket', method: 'POST', enctype: 'multipart/form-data' }, formFields: {}, expireIn: 300 };
        },
        log: (entry) => logs.push(entry),
      });
    });
    after(async () => h?.close());
    beforeEach(() => {
      calls.length = 0;
      logs.length = 0;
    });

    const presign = (headers: Record<string, string>, slot: Record<string, unknown> = FRONT) =>
      endpoint(
        new Request('http://host.test/api/kyc/document-form', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ fileName: 'IMG_1.jpg', contentType: 'image/jpeg', size: 2048, ...slot }),
        }),
      );

    test('the phone presigns its slot as the desktop’s user, whoever its own cookie says it is', async () => {
      const { session, handoffId } = await claimedHandoff(h, 'u-desk', FRONT);
      const response = await presign({ [HANDOFF_SESSION_HEADER]: session, 'x-user': 'u-someone-else' });
      assert.equal(response.status, 200);
      const form = await body(response);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]!.userId, 'u-desk');
      assert.equal(logs.at(-1)?.handoff, true);
      assert.ok(!JSON.stringify(logs).includes(session), 'the session is never logged');
      // The form was recorded for the handoff: completing may name it.
      h.stored.set(form.documentId, passed('image/jpeg', 2000));
      const completed = await h.complete(session, form.documentId);
      assert.equal(completed.status, 200);
      assert.equal((await body(await h.status('u-desk', handoffId))).file.name, 'IMG_1.jpg');
    });

    test('another slot, another type or a lone upload: 403 handoff-slot-mismatch, no form made', async () => {
      const { session } = await claimedHandoff(h, 'u-desk', FRONT);
      for (const slot of [
        { ...FRONT, side: 'back' },
        { documentType: 901, kind: 'identity-proof', subtype: 'passport', side: 'front' },
        { documentType: 911, kind: 'address-proof', subtype: 'utility-bill', side: 'front' },
        { documentType: 9 },
      ]) {
        const response = await presign({ [HANDOFF_SESSION_HEADER]: session }, slot);
        assert.deepEqual([response.status, await errorCode(response)], [403, 'handoff-slot-mismatch'], JSON.stringify(slot));
      }
      assert.equal(calls.length, 0);
      assert.ok(logs.every((entry) => entry.event === 'handoff-slot-refused'));
    });

    test('a session that is not one (garbage, the claim token, unknown) is 401, never the cookie’s user', async () => {
      const created = await body(await h.create('u-desk', FRONT));
      for (const credential of ['garbage', created.token, 'D'.repeat(43), '']) {
        const response = await presign({ [HANDOFF_SESSION_HEADER]: credential, 'x-user': 'u-desk' });
        assert.deepEqual([response.status, await errorCode(response)], [401, 'handoff-session-invalid'], credential);
      }
      assert.equal(calls.length, 0);
    });

    test('the session ends with the handoff: completed, or expired', async () => {
      const done = await claimedHandoff(h, 'u-desk', FRONT);
      const form = await body(await presign({ [HANDOFF_SESSION_HEADER]: done.session }));
      h.stored.set(form.documentId, passed('image/jpeg', 10));
      assert.equal((await h.complete(done.session, form.documentId)).status, 200);
      assert.equal(await errorCode(await presign({ [HANDOFF_SESSION_HEADER]: done.session })), 'handoff-session-invalid');
      const late = await claimedHandoff(h, 'u-desk', FRONT);
      assert.equal((await presign({ [HANDOFF_SESSION_HEADER]: late.session })).status, 200);
      h.clock.now += 10 * 60_000;
      assert.equal(await errorCode(await presign({ [HANDOFF_SESSION_HEADER]: late.session })), 'handoff-session-invalid');
    });

    test('without the header, the desktop presigns as before, and nothing is recorded for a handoff', async () => {
      const response = await presign({ 'x-user': 'u-desk' }, { documentType: 9 });
      assert.equal(response.status, 200);
      const { documentId } = await body(response);
      assert.equal(calls[0]!.userId, 'u-desk');
      assert.equal(await h.store.db.selectFrom('kyc_handoff_forms').selectAll().where('document_id', '=', documentId).executeTakeFirst(), undefined);
      assert.equal((await presign({})).status, 401);
    });

    test('a handoff is created only for a slot the requirements ask for', async () => {
      const response = await h.create('u-desk', { documentType: 9, kind: 'identity-proof', subtype: 'passport', side: 'front' });
      assert.deepEqual([response.status, await errorCode(response)], [400, 'invalid-request']);
      assert.equal((await h.create('u-desk', { documentType: 12345 })).status, 400);
    });
  });
}

// "The applicant is done" (issue 13): createDocumentSetSubmitHandler over the host store, on both
// databases. Every status it answers, and an applicant's attempts to submit what is not theirs,
// what they replaced, or a document as another piece of the set than it was uploaded as.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { createDocumentSetSubmitHandler } from '../../src/server/document-set-submit.js';
import { type HostStore, type NewDocument, openHostStore } from '../../src/server/store/host-store.js';
import type { SubmittedDocument } from '../../src/server/store/submissions.js';
import { testDatabaseKinds, type TestDatabase } from '../support/test-databases.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

for (const kind of testDatabaseKinds()) {
  describe(`document set submission (${kind.name})`, () => {
    let testDb: TestDatabase;
    let database: SqlDatabase;
    let store: HostStore;
    let clock = Date.parse('2026-12-02T09:00:00Z');
    let next = 0;
    before(async () => {
      testDb = await kind.create();
      database = await testDb.open();
      store = await openHostStore(database, () => clock);
    });
    after(async () => {
      await database?.close();
      await testDb?.drop();
    });

    const handler = createDocumentSetSubmitHandler({
      // The host's own session, reduced to a header for the test.
      resolveUser: (request) => request.headers.get('x-user'),
      store: { submitDocuments: (...args) => store.submitDocuments(...args) },
    });
    const submit = (userId: string | null, body: unknown, init: { method?: string; type?: string } = {}) =>
      handler(
        new Request('http://host.test/api/kyc/submission', {
          method: init.method ?? 'POST',
          headers: { 'content-type': init.type ?? 'application/json', ...(userId ? { 'x-user': userId } : {}) },
          ...((init.method ?? 'POST') === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        }),
      );
    const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

    /** A document recorded for `userId` as that piece of the set, as the element endpoint records it. */
    async function recorded(userId: string, slot: Partial<SubmittedDocument> = {}): Promise<SubmittedDocument> {
      const document = { kind: 'identity-proof', subtype: 'id-card', side: 'front' as const, documentType: 9, documentId: id(++next), ...slot };
      const record: NewDocument = { documentId: document.documentId, userId, documentType: document.documentType, contentType: 'image/jpeg', createdAt: clock, formExpiresAt: clock, kind: document.kind, subtype: document.subtype, side: document.side };
      await store.addDocument(record);
      return document;
    }
    /** A whole set: both sides of an identity card and a utility bill. */
    async function set(userId: string): Promise<SubmittedDocument[]> {
      return [
        await recorded(userId),
        await recorded(userId, { side: 'back' }),
        await recorded(userId, { kind: 'address-proof', subtype: 'utility-bill', documentType: 911 }),
      ];
    }

    test('200 { submittedAt }: the set is recorded, the latest submission first', async () => {
      const documents = await set('101');
      const first = await submit('101', { documents });
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await first.json(), { submittedAt: '2026-12-02T09:00:00.000Z' });
      clock += 60_000;
      assert.equal((await submit('101', { documents: documents.slice(0, 2) })).status, 200);
      const submissions = await store.submissionsOf('101');
      assert.deepEqual(submissions.map((s) => [s.userId, s.submittedAt, s.documents]), [
        ['101', clock, documents.slice(0, 2)],
        ['101', clock - 60_000, documents],
      ]);
      assert.deepEqual(await store.latestSubmission('101'), submissions[0]);
      assert.equal(await store.latestSubmission('999'), undefined);
    });

    test('405 for another method, 401 without a user: nothing recorded', async () => {
      const documents = await set('102');
      const get = await submit('102', undefined, { method: 'GET' });
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
      const anonymous = await submit(null, { documents });
      assert.equal(anonymous.status, 401);
      assert.equal((await errorOf(anonymous)).code, 'unauthenticated');
      assert.deepEqual(await store.submissionsOf('102'), []);
    });

    test('400 for a body that is not the contract, a side or a document given twice, or two subtypes for one kind', async () => {
      const documents = await set('103');
      const [front, back, bill] = documents as [SubmittedDocument, SubmittedDocument, SubmittedDocument];
      const cases: Array<[string, unknown, string?]> = [
        ['form-encoded', 'documents=1', 'application/x-www-form-urlencoded'],
        ['text/plain JSON (a simple cross-site request)', JSON.stringify({ documents }), 'text/plain'],
        ['invalid JSON', '{"documents":'],
        ['no documents', { documents: [] }],
        ['not a list', { documents: front }],
        ['21 documents', { documents: Array.from({ length: 21 }, (_, i) => ({ ...front, kind: `kind-${i}` })) }],
        ['an extra property', { documents, final: true }],
        ['an extra property in a document', { documents: [{ ...front, verified: true }] }],
        ['a bad kind', { documents: [{ ...front, kind: 'Identity Proof' }] }],
        ['a bad subtype', { documents: [{ ...front, subtype: 'id_card' }] }],
        ['a bad side', { documents: [{ ...front, side: 'left' }] }],
        ['a string documentType', { documents: [{ ...front, documentType: '9' }] }],
        ['no documentId', { documents: [{ ...front, documentId: undefined }] }],
        ['a documentId with a space', { documents: [{ ...front, documentId: 'a b' }] }],
        ['a kind and side twice', { documents: [front, { ...back, side: 'front' }] }],
        ['a document twice', { documents: [front, { ...bill, documentId: front.documentId }] }],
        ['two subtypes for one kind', { documents: [front, { ...back, subtype: 'driving-license' }] }],
        ['a huge body', { documents, padding: 'x'.repeat(20_000) }],
      ];
      for (const [name, body, type] of cases) {
        const response = await submit('103', body, { type });
        assert.equal(response.status, 400, name);
        assert.equal((await errorOf(response)).code, 'invalid-request', name);
      }
      // Exactly the limit: twenty sides of ten kinds are a set (each then checked against the records).
      const twenty = [];
      for (let i = 0; i < 10; i++) for (const side of ['front', 'back'] as const) twenty.push(await recorded('103', { kind: `kind-${i}`, side }));
      assert.equal((await submit('103', { documents: twenty })).status, 200);
      assert.equal((await store.submissionsOf('103')).length, 1);
    });

    test('attack: another applicant’s documentId, or one that does not exist, is 404 and nothing is recorded', async () => {
      const mine = await set('104');
      const theirs = await set('105');
      for (const documents of [
        [mine[0]!, mine[1]!, theirs[2]!],
        [{ ...mine[0]!, documentId: id(999_999) }],
      ]) {
        const response = await submit('104', { documents });
        assert.equal(response.status, 404);
        const error = await errorOf(response);
        assert.equal(error.code, 'not-found');
        // Said the same way whether it exists for someone else or not at all.
        assert.match(error.message, /^No document \S+ of yours\.$/);
      }
      assert.deepEqual(await store.submissionsOf('104'), []);
      assert.deepEqual(await store.submissionsOf('105'), []);
    });

    test('attack: a replaced document is 409 replaced; its replacement goes through', async () => {
      const [front, back, bill] = (await set('106')) as [SubmittedDocument, SubmittedDocument, SubmittedDocument];
      const newBack = await recorded('106', { side: 'back' });
      assert.ok(await store.markReplaced(back.documentId, newBack.documentId));
      const stale = await submit('106', { documents: [front, back, bill] });
      assert.equal(stale.status, 409);
      assert.equal((await errorOf(stale)).code, 'replaced');
      assert.deepEqual(await store.submissionsOf('106'), []);
      assert.equal((await submit('106', { documents: [front, newBack, bill] })).status, 200);
    });

    test('attack: a document sent as another piece of the set than it was uploaded as is 409 mismatch', async () => {
      const [front, back, bill] = (await set('107')) as [SubmittedDocument, SubmittedDocument, SubmittedDocument];
      const lone = await recorded('107', { kind: undefined, subtype: undefined, side: undefined } as unknown as Partial<SubmittedDocument>);
      for (const [name, documents] of [
        // The back side's file sent as the front, and the front's as the back.
        ['sides swapped', [{ ...front, documentId: back.documentId }, { ...back, documentId: front.documentId }, bill]],
        ['another subtype', [{ ...front, subtype: 'passport' }]],
        ['another kind', [{ ...bill, kind: 'identity-proof' }]],
        ['another provider type', [{ ...front, documentType: 901 }]],
        ['a lone upload sent as a slot', [{ ...front, documentId: lone.documentId }]],
      ] as const) {
        const response = await submit('107', { documents });
        assert.equal(response.status, 409, name);
        assert.equal((await errorOf(response)).code, 'mismatch', name);
      }
      assert.deepEqual(await store.submissionsOf('107'), []);
    });

    test('the same set again is the same submission: no new row, the applicant keeps their place', async () => {
      const documents = await set('108');
      const first = await submit('108', { documents });
      clock += 60_000;
      const again = await submit('108', { documents });
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), await first.json());
      assert.equal((await store.submissionsOf('108')).length, 1);
    });

    describe('with the requirements', () => {
      const strict = createDocumentSetSubmitHandler({
        resolveUser: (request) => request.headers.get('x-user'),
        store: { submitDocuments: (...args) => store.submitDocuments(...args) },
        requirements: [
          { kind: 'identity-proof', subtypes: [{ subtype: 'passport', documentType: 901 }, { subtype: 'id-card', documentType: 9 }] },
          { kind: 'address-proof', subtypes: [{ subtype: 'utility-bill', documentType: 911 }] },
        ],
      });
      const submitStrict = (userId: string, documents: unknown) =>
        strict(new Request('http://host.test/api/kyc/submission', { method: 'POST', headers: { 'content-type': 'application/json', 'x-user': userId }, body: JSON.stringify({ documents }) }));

      test('attack: a partial set (an identity card front alone, no address) is 400 incomplete and nothing is recorded', async () => {
        const [front, back, bill] = await set('109');
        for (const documents of [[front], [front, bill], [front, back]]) {
          const response = await submitStrict('109', documents);
          assert.equal(response.status, 400, JSON.stringify(documents));
          assert.equal((await errorOf(response)).code, 'incomplete');
        }
        assert.deepEqual(await store.submissionsOf('109'), []);
        assert.equal((await submitStrict('109', [front, back, bill])).status, 200);
      });

      test('a handler made with unusable requirements throws at once', () => {
        assert.throws(
          () => createDocumentSetSubmitHandler({ resolveUser: () => null, store: { submitDocuments: store.submitDocuments }, requirements: [{ kind: 'Bad Kind', subtypes: [] }] }),
          /requirements are not usable: kind "Bad Kind"/,
        );
      });
    });

    test('the reviewer’s list: applicants who submitted first, the latest submission first, then the others by activity', async () => {
      const waiting = await set('201');
      clock += 1000;
      const early = await set('202');
      clock += 1000;
      await set('203');
      clock += 1000;
      assert.equal((await submit('202', { documents: early })).status, 200);
      clock += 1000;
      assert.equal((await submit('201', { documents: waiting })).status, 200);
      clock += 1000;
      await recorded('204');
      const order = (await store.applicantsWithDocuments()).filter((userId) => ['201', '202', '203', '204'].includes(userId));
      assert.deepEqual(order, ['201', '202', '204', '203']);
    });
  });
}

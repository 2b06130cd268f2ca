// Document sets (issue 13) in the reference backend, on both databases: what the presign request
// says each file is reaches the host's record, the provider's metadata and the stored object; a
// refused side is replaced by the same side of the same document.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { type Demo, startDemo } from '../../demo/server.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { openHostStore } from '../../src/server/store/host-store.js';
import { demoClient, fixture } from '../support/review-demo.js';
import { postToS3 } from '../support/s3-post.js';
import { testDatabaseKinds, type TestDatabase } from '../support/test-databases.js';

const SCRIPTED_SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>');

interface Slot {
  kind?: string;
  subtype?: string;
  side?: string;
}

for (const kind of testDatabaseKinds()) {
  describe(`document sets in the reference backend (${kind.name})`, () => {
    let testDb: TestDatabase;
    let demo: Demo;
    let client: ReturnType<typeof demoClient>;
    before(async () => {
      testDb = await kind.create();
      demo = await startDemo({
        port: 0,
        env: kind.name === 'postgres' ? { DATABASE_URL: testDb.location } : {},
        formLimits: { perSession: 50, perUser: 50, perAddress: 1000, windowMs: 60_000 },
      });
      client = demoClient(demo);
    });
    after(async () => {
      await demo?.close();
      await testDb?.drop();
    });

    /** A form for one side of a set, the bytes posted, then verified as the page does. */
    async function uploadSide(cookie: string, slot: Slot, bytes: Uint8Array, type: string, documentType = 9): Promise<DocumentForm> {
      const answer = await client.call(cookie, '/api/kyc/document-form', {
        method: 'POST',
        body: { documentType, fileName: 'side', contentType: type, size: bytes.length, ...slot },
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const form = answer.body as DocumentForm;
      const posted = await postToS3(form.form.action, form.formFields, { bytes: new Uint8Array(bytes), type });
      assert.equal(posted.status, 204, posted.body);
      await client.call(cookie, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });
      return form;
    }
    async function atProvider(documentId: string) {
      const db = demo.database.db.withTables<{ treezor_pre_review_documents: { document_id: string; metadata: string; upload_key: string } }>();
      return db.selectFrom('treezor_pre_review_documents').selectAll().where('document_id', '=', documentId).executeTakeFirstOrThrow();
    }

    test('kind, subtype and side reach the host’s record, the provider’s metadata and the stored object', async () => {
      const applicant = await client.applicant();
      const jpeg = await fixture('id-card.jpg');
      const slot = { kind: 'identity-proof', subtype: 'id-card', side: 'back' };
      const form = await uploadSide(applicant, slot, jpeg, 'image/jpeg');

      const store = await openHostStore(demo.database);
      const recorded = await store.document(form.documentId);
      assert.deepEqual([recorded?.kind, recorded?.subtype, recorded?.side], ['identity-proof', 'id-card', 'back']);
      const provider = await atProvider(form.documentId);
      assert.deepEqual(JSON.parse(provider.metadata), { fileName: 'side', size: jpeg.length, ...slot });
      const head = await demo.s3.send(new HeadObjectCommand({ Bucket: demo.bucket, Key: provider.upload_key }));
      assert.deepEqual(head.Metadata, slot);

      // Without a slot, as a lone <kyc-upload> asks: nothing of the kind anywhere.
      const lone = await uploadSide(applicant, {}, jpeg, 'image/jpeg');
      const plain = await store.document(lone.documentId);
      assert.ok(plain && !('kind' in plain) && !('side' in plain));
      assert.deepEqual(JSON.parse((await atProvider(lone.documentId)).metadata), { fileName: 'side', size: jpeg.length });
    });

    test('a refused back side is replaced by a back side of the same document, nothing else', async () => {
      const applicant = await client.applicant();
      const jpeg = await fixture('id-card.jpg');
      const back = { kind: 'identity-proof', subtype: 'id-card', side: 'back' };
      // Refused by verification: a scripted SVG never becomes reviewable.
      const refused = await uploadSide(applicant, back, SCRIPTED_SVG, 'image/svg+xml');
      const listed = (await client.call(applicant, '/api/kyc/documents')).body as unknown as Array<{ documentId: string; status: string }>;
      assert.equal(listed.find((d) => d.documentId === refused.documentId)?.status, 'refused');

      const replace = (documentId: string) => client.call(applicant, `/api/kyc/documents/${refused.documentId}/replace`, { method: 'POST', body: { documentId } });
      for (const [why, slot] of [
        ['the front side', { ...back, side: 'front' }],
        ['another document', { ...back, subtype: 'driving-license' }],
        ['another kind', { ...back, kind: 'address-proof' }],
        ['no slot at all', {}],
      ] as const) {
        const candidate = await uploadSide(applicant, slot, jpeg, 'image/jpeg');
        const answer = await replace(candidate.documentId);
        assert.equal(answer.status, 409, why);
        assert.equal(answer.body.error.code, 'not-a-replacement', why);
      }
      const sameSide = await uploadSide(applicant, back, jpeg, 'image/jpeg');
      const replaced = await replace(sameSide.documentId);
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      assert.equal(replaced.body.replaces, refused.documentId);
    });
  });
}

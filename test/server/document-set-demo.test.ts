// Document sets (issue 13) in the reference backend, on both databases: what the presign request
// says each file is reaches the host's record, the provider's metadata and the stored object; a
// refused side is replaced by the same side of the same document.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { Demo } from '../../demo/server.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { openHostStore } from '../../src/server/store/host-store.js';
import { DEMO_REQUIREMENTS, requiredDocumentGroups } from '../../demo/backend/document-requirements.js';
import { resolveRequirements } from '../../src/core/document-set/requirements.js';
import { demoClient, startReviewDemo, fixture, formClosed } from '../support/review-demo.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const SCRIPTED_SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>');

interface Slot {
  kind?: string;
  subtype?: string;
  side?: string;
}

for (const kind of testDatabaseKinds()) {
  describe(`document sets in the reference backend (${kind.name})`, () => {
    let demo: Demo;
    let client: ReturnType<typeof demoClient>;
    let close: () => Promise<void>;
    // Forms live 3 s (the storage shares this clock), so a test can race them, outlive them, and
    // have a document validated soon.
    before(async () => {
      ({ demo, client, close } = await startReviewDemo(kind));
    });
    after(() => close?.());

    /** A form for one side of a set, the bytes posted, then verified as the page does. */
    async function uploadSide(cookie: string, slot: Slot, bytes: Uint8Array, type: string, documentType = 9): Promise<DocumentForm> {
      const form = await client.upload(cookie, bytes, type, bytes.length, { documentType, fileName: 'side', ...slot });
      await client.call(cookie, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });
      return form;
    }
    async function atProvider(documentId: string) {
      const db = demo.database.db.withTables<{ treezor_pre_review_documents: { document_id: string; metadata: string; upload_key: string } }>();
      return db.selectFrom('treezor_pre_review_documents').selectAll().where('document_id', '=', documentId).executeTakeFirstOrThrow();
    }

    test('GET /api/kyc/requirements: the demo’s one list, without a session; other methods 405', async () => {
      const answer = await fetch(new URL('/api/kyc/requirements', demo.url));
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      const served = (await answer.json()) as typeof DEMO_REQUIREMENTS;
      assert.deepEqual(served, DEMO_REQUIREMENTS);
      assert.ok(resolveRequirements(served).ok);
      const types = Object.fromEntries(served.flatMap((r) => r.subtypes.map((o) => [`${r.kind}/${o.subtype}`, o.documentType])));
      // Treezor's identity card is 9; every other number is the demo emulator's own, in the 900s.
      assert.equal(types['identity-proof/id-card'], 9);
      for (const [slot, type] of Object.entries(types)) if (slot !== 'identity-proof/id-card') assert.ok(Number(type) >= 900 && Number(type) < 1000, slot);
      assert.deepEqual(Object.keys(types), [
        'identity-proof/passport', 'identity-proof/id-card', 'identity-proof/driving-license', 'identity-proof/residence-permit',
        'address-proof/utility-bill', 'address-proof/bank-statement', 'address-proof/tax-notice',
      ]);
      assert.deepEqual(requiredDocumentGroups(DEMO_REQUIREMENTS), [[901, 9, 902, 903], [911, 912, 913]]);
      const posted = await fetch(new URL('/api/kyc/requirements', demo.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
      assert.equal(posted.status, 405);
      await posted.body?.cancel();
    });

    test('requiredDocumentGroups refuses a list the element would refuse, or a type the emulator cannot count', () => {
      assert.throws(() => requiredDocumentGroups([{ kind: 'Identity', subtypes: [{ subtype: 'passport', documentType: 901 }] }]), /kind/);
      assert.throws(() => requiredDocumentGroups([{ kind: 'identity-proof', subtypes: [{ subtype: 'passport', documentType: 'PASSPORT' }] }]), /numeric/);
    });

    test('the demo’s provider asks for a proof of address too: an identity card alone is not enough for a KYC review', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer();
      const card = await uploadSide(applicant, { kind: 'identity-proof', subtype: 'id-card', side: 'front' }, await fixture('id-card.jpg'), 'image/jpeg');
      const shown = await client.reviewed(reviewer, card.documentId);
      await formClosed(demo, card.documentId);
      const validated = await client.call(reviewer, `/api/review/documents/${card.documentId}/validate`, { method: 'POST', body: { comment: 'Checked', sha256: shown.sha256 } });
      assert.equal(validated.status, 200, JSON.stringify(validated.body));
      const userId = await client.userIdOf(reviewer, card.documentId);
      const listed = ((await client.call(reviewer, '/api/review/applicants')).body as unknown as Array<Record<string, any>>).find((a) => a.userId === userId)!;
      // The front of a card alone meets no requirement: its back is not validated (nor uploaded).
      assert.deepEqual([listed.canRequestKycReview, listed.requirementsMissing], [false, ['identity-proof', 'address-proof']]);
      // Asked anyway (the back office's button is off), the provider itself refuses.
      const requested = await client.call(reviewer, `/api/review/applicants/${userId}/kyc-review`, { method: 'POST', body: {} });
      assert.notEqual(requested.status, 200);
      assert.match(requested.body.error.message, /required_document_missing/);
    });

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

      // The applicant's list and the back office say what the file is.
      const reviewer = await client.reviewer();
      const mine = ((await client.call(applicant, '/api/kyc/documents')).body as unknown as Array<Record<string, unknown>>).find((d) => d.documentId === form.documentId)!;
      const shown = await client.reviewed(reviewer, form.documentId);
      for (const view of [mine, shown]) assert.deepEqual([view.documentType, view.kind, view.subtype, view.side], [9, 'identity-proof', 'id-card', 'back']);

      // Without a slot, as a lone <kyc-upload> asks: nothing of the kind anywhere.
      const lone = await uploadSide(applicant, {}, jpeg, 'image/jpeg');
      const plain = await store.document(lone.documentId);
      assert.ok(plain && !('kind' in plain) && !('side' in plain));
      assert.deepEqual(JSON.parse((await atProvider(lone.documentId)).metadata), { fileName: 'side', size: jpeg.length });
      const loneView = await client.reviewed(reviewer, lone.documentId);
      assert.ok(!('kind' in loneView) && !('subtype' in loneView) && !('side' in loneView));
    });

    test('POST /api/kyc/submission: the applicant’s set, on their session; the back office lists them first, with when', async () => {
      const jpeg = await fixture('id-card.jpg');
      const applicant = await client.applicant();
      const other = await client.applicant();
      const reviewer = await client.reviewer();
      const pieces = [
        { kind: 'identity-proof', subtype: 'id-card', side: 'front', documentType: 9 },
        { kind: 'identity-proof', subtype: 'id-card', side: 'back', documentType: 9 },
        { kind: 'address-proof', subtype: 'utility-bill', side: 'front', documentType: 911 },
      ];
      const documents = [];
      for (const { documentType, ...slot } of pieces) {
        documents.push({ ...slot, documentType, documentId: (await uploadSide(applicant, slot, jpeg, 'image/jpeg', documentType)).documentId });
      }
      // Someone who uploaded later, and did not submit: listed after the one who did.
      const theirs = await uploadSide(other, pieces[0]!, jpeg, 'image/jpeg');
      const submit = (cookie: string, body: unknown) => client.call(cookie, '/api/kyc/submission', { method: 'POST', body });

      assert.equal((await submit('', { documents })).status, 401);
      assert.equal((await client.call(applicant, '/api/kyc/submission')).status, 405);
      assert.equal((await submit(applicant, { documents: [...documents, { ...documents[0]!, documentId: theirs.documentId, side: 'back' }] })).status, 400);
      assert.equal((await submit(applicant, { documents: [documents[0]!, documents[1]!, { ...documents[2]!, documentId: theirs.documentId }] })).status, 404);
      assert.equal((await submit(applicant, { documents: [{ ...documents[0]!, side: 'back' }, { ...documents[1]!, side: 'front' }, documents[2]!] })).status, 409);
      // The demo takes complete sets only: an identity card without its back, or without an address proof.
      for (const partial of [[documents[0]!, documents[2]!], [documents[0]!, documents[1]!]]) {
        const refused = await submit(applicant, { documents: partial });
        assert.deepEqual([refused.status, refused.body.error.code], [400, 'incomplete']);
      }
      assert.equal((await client.call(applicant, '/api/kyc/status')).body.submittedAt, null);

      const submitted = await submit(applicant, { documents });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const { submittedAt } = submitted.body as { submittedAt: string };
      assert.ok(Math.abs(Date.parse(submittedAt) - Date.now()) < 60_000, submittedAt);
      assert.equal((await client.call(applicant, '/api/kyc/status')).body.submittedAt, submittedAt);

      const queue = (await client.call(reviewer, '/api/review/applicants')).body as unknown as Array<{ userId: string; submission: { submittedAt: string; documentIds: string[] } | null }>;
      const userId = await client.userIdOf(reviewer, documents[0]!.documentId);
      const otherId = await client.userIdOf(reviewer, theirs.documentId);
      const at = (user: string) => queue.findIndex((entry) => entry.userId === user);
      assert.ok(at(userId) < at(otherId), 'the applicant who submitted comes first');
      assert.deepEqual(queue[at(userId)]!.submission, { submittedAt, documentIds: documents.map((d) => d.documentId) });
      assert.equal(queue[at(otherId)]!.submission, null);
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
      // Each a document the requirements allow (its own type), but not a back of an identity card.
      for (const [why, slot, documentType] of [
        ['the front side', { ...back, side: 'front' }, 9],
        ['another document', { ...back, subtype: 'driving-license' }, 902],
        ['another kind', { kind: 'address-proof', subtype: 'utility-bill', side: 'front' }, 911],
        ['no slot at all', {}, 9],
      ] as const) {
        const candidate = await uploadSide(applicant, slot, jpeg, 'image/jpeg', documentType);
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

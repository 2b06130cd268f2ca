// The seeds' process after the upload, over HTTP against the reference backend and its emulated
// provider, on both databases: upload → refuse with a comment → replace → validate (never while a
// form can still replace the bytes) → KYC review → compliance decision → VALIDATED, with every
// webhook received once, signed, and the validated files deleted from the bucket.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type Demo, startDemo } from '../../demo/server.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { eventually } from '../support/eventually.js';
import { postToS3 } from '../support/s3-post.js';
import { testDatabaseKinds, type TestDatabase } from '../support/test-databases.js';

const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));


for (const kind of testDatabaseKinds()) {
  describe(`review journey (${kind.name})`, () => {
    let testDb: TestDatabase;
    let dataDirectory: string;
    let demo: Demo;
    let journeyApplicant = '';
    // The embedded database and storage keep their files here, PostgreSQL its rows in a fresh schema:
    // what a second start of the backend finds. Forms live 8 s and the storage shares this clock,
    // so a validation waits for them to close.
    const start = () =>
      startDemo({ port: 0, dataDirectory, env: kind.name === 'postgres' ? { DATABASE_URL: testDb.location } : {}, formLifetime: { expiresIn: 8, marginMs: 0 } });
    before(async () => {
      testDb = await kind.create();
      dataDirectory = await mkdtemp(join(tmpdir(), 'kyc-upload-journey-'));
      demo = await start();
    });
    after(async () => {
      await demo?.close();
      await testDb?.drop();
      await rm(dataDirectory, { recursive: true, force: true });
    });

    const call = async (cookie: string, path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(new URL(path, demo.url), {
        method: init.method ?? 'GET',
        headers: { cookie, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, headers: response.headers };
    };
    async function applicantSession(): Promise<string> {
      const page = await fetch(demo.url);
      await page.body?.cancel();
      return (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    }
    async function reviewerSession(): Promise<string> {
      const signIn = await fetch(new URL('/api/review/session', demo.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Rita Reviewer' }) });
      await signIn.body?.cancel();
      return (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    }
    // An identity card (Treezor's 9) unless told: the demo's requirements need a proof of address too.
    async function uploadDocument(cookie: string, name: string, type: string, slot: Record<string, unknown> = { documentType: 9 }): Promise<string> {
      const bytes = await fixture(name);
      const form = await call(cookie, '/api/kyc/document-form', { method: 'POST', body: { fileName: name, contentType: type, size: bytes.length, ...slot } });
      assert.equal(form.status, 200, JSON.stringify(form.body));
      const { documentId, form: target, formFields } = form.body as DocumentForm;
      assert.equal((await postToS3(target.action, formFields, { bytes, type })).status, 204);
      const verified = await call(cookie, `/api/kyc/documents/${documentId}/verify`, { method: 'POST' });
      assert.equal(verified.body.status, 'verified', JSON.stringify(verified.body));
      return documentId;
    }
    const bucketKeys = async () => ((await demo.s3.send(new ListObjectsV2Command({ Bucket: demo.bucket }))).Contents ?? []).map((o) => o.Key!);

    test('upload, refuse, replace, validate, KYC review, decision: the applicant ends VALIDATED', async () => {
      const applicant = await applicantSession();
      const passport = await uploadDocument(applicant, 'id-card.jpg', 'image/jpeg');
      const blurred = await uploadDocument(applicant, 'id-card.png', 'image/png');
      // The demo's proof of address: a utility bill, the demo emulator's type 911.
      const bill = await uploadDocument(applicant, 'id-card.pdf', 'application/pdf', { documentType: 911, kind: 'address-proof', subtype: 'utility-bill', side: 'front' });

      // Reviewers sign in apart: an applicant's session opens nothing in the back office.
      assert.equal((await call(applicant, '/api/review/applicants')).status, 401);
      const signIn = await fetch(new URL('/api/review/session', demo.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Rita Reviewer' }) });
      const reviewer = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      assert.match(reviewer, /^demo_reviewer=/);

      const queue = await call(reviewer, '/api/review/applicants');
      assert.equal(queue.status, 200);
      const me = queue.body as unknown as Array<Record<string, any>>;
      assert.equal(me.length, 1);
      const userId = me[0]!.userId as string;
      assert.deepEqual(
        me[0]!.documents.map((d: any) => [d.documentId, d.status, d.review.status]).sort(),
        [[passport, 'verified', 'pending'], [blurred, 'verified', 'pending'], [bill, 'verified', 'pending']].sort(),
      );

      // Refused with a reason and a comment; the applicant reads both.
      const refused = await call(reviewer, `/api/review/documents/${blurred}/refuse`, { method: 'POST', body: { reason: 'document-unreadable', comment: 'The photo is blurred, please retake it' } });
      assert.equal(refused.status, 200, JSON.stringify(refused.body));
      assert.equal((await call(reviewer, `/api/review/documents/${blurred}/refuse`, { method: 'POST', body: { reason: 'other', comment: 'again' } })).status, 409);
      assert.equal((await call(reviewer, `/api/review/documents/${passport}/refuse`, { method: 'POST', body: { reason: 'document-unreadable', comment: '' } })).status, 400);
      const seen = await call(applicant, '/api/kyc/status');
      const refusedEntry = seen.body.documents.find((d: any) => d.documentId === blurred);
      assert.deepEqual(refusedEntry.review, { status: 'refused', reason: 'document-unreadable', comment: 'The photo is blurred, please retake it', by: 'Rita Reviewer', at: refusedEntry.review.at });
      assert.equal(seen.body.kyc.kycStatus, 'NONE');

      // The applicant replaces it; a KYC review cannot be asked while it waits.
      const replacement = await uploadDocument(applicant, 'id-card.pdf', 'application/pdf');
      assert.equal((await call(applicant, `/api/kyc/documents/${passport}/replace`, { method: 'POST', body: { documentId: replacement } })).status, 409);
      const replaced = await call(applicant, `/api/kyc/documents/${blurred}/replace`, { method: 'POST', body: { documentId: replacement } });
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      assert.equal(replaced.body.replaces, blurred);
      assert.equal((await call(reviewer, `/api/review/applicants/${userId}/kyc-review`, { method: 'POST', body: {} })).status, 409);

      // A validation waits for the form to close: until then the same form could swap the bytes.
      const shown = async (documentId: string) =>
        ((await call(reviewer, '/api/review/applicants')).body as unknown as Array<{ documents: Array<{ documentId: string; sha256: string }> }>)
          .flatMap((a) => a.documents)
          .find((d) => d.documentId === documentId)!.sha256;
      const early = await call(reviewer, `/api/review/documents/${replacement}/validate`, { method: 'POST', body: { comment: 'Document checked', sha256: await shown(replacement) } });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'form-open');
      const validate = async (documentId: string) => {
        const sha256 = await shown(documentId);
        const validated = await eventually(
          () => call(reviewer, `/api/review/documents/${documentId}/validate`, { method: 'POST', body: { comment: 'Document checked', sha256 } }),
          (answer) => answer.status !== 409 || answer.body.error?.code !== 'form-open',
          'validation once the form closed',
        );
        assert.equal(validated.status, 200, JSON.stringify(validated.body));
        assert.equal(validated.body.review.status, 'validated');
      };
      for (const documentId of [passport, replacement]) await validate(documentId);
      // Every identity document validated, but the requirements ask for a proof of address too.
      const waiting = ((await call(reviewer, '/api/review/applicants')).body as unknown as Array<Record<string, any>>)[0]!;
      assert.deepEqual([waiting.canRequestKycReview, waiting.requirementsMissing], [false, ['address-proof']]);
      await validate(bill);
      const ready = ((await call(reviewer, '/api/review/applicants')).body as unknown as Array<Record<string, any>>)[0]!;
      assert.deepEqual([ready.canRequestKycReview, ready.requirementsMissing], [true, []]);

      // The provider's document.create webhooks link each validated document to its Document object.
      await eventually(
        async () => (await call(applicant, '/api/kyc/status')).body.documents.filter((d: any) => !d.replacedBy),
        (documents: any[]) => documents.every((d) => d.review.status === 'validated' && /^\d+$/.test(d.providerDocumentId ?? '')),
        'each validated document linked to its Document object',
      );

      const requested = await call(reviewer, `/api/review/applicants/${userId}/kyc-review`, { method: 'POST', body: {} });
      assert.equal(requested.status, 200, JSON.stringify(requested.body));
      await eventually(async () => (await call(applicant, '/api/kyc/status')).body.kyc, (kyc: any) => kyc.kycStatus === 'PENDING', 'PENDING after the request');
      assert.equal((await call(reviewer, `/api/review/applicants/${userId}/kyc-review`, { method: 'POST', body: {} })).status, 409);

      const decided = await call(reviewer, `/api/review/applicants/${userId}/compliance-decision`, { method: 'POST', body: { status: 'VALIDATED', comment: 'Welcome aboard, Hélène' } });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      const kyc = await eventually(async () => (await call(applicant, '/api/kyc/status')).body.kyc, (k: any) => k.kycStatus === 'VALIDATED', 'VALIDATED after the decision');
      assert.equal(kyc.codeStatus, '110006');
      assert.match(kyc.informationStatus, /successfully verified/);

      // Each expected event received once, its signature verified by the host's receiver.
      const received = await eventually(
        async () => (await call(reviewer, '/api/review/webhooks')).body as unknown as Array<{ webhook: string; webhookId: string }>,
        (events) => events.filter((e) => e.webhook === 'kycreview.result').length === 1,
        'the webhook log',
      );
      const count = (name: string) => received.filter((e) => e.webhook === name).length;
      assert.deepEqual(
        ['document.create', 'kycreview.request', 'user.kycrequest', 'kycreview.result', 'user.kycreview'].map((name) => [name, count(name)]),
        [['document.create', 3], ['kycreview.request', 1], ['user.kycrequest', 1], ['kycreview.result', 1], ['user.kycreview', 1]],
      );
      assert.equal(new Set(received.map((e) => e.webhookId)).size, received.length);

      // As the seed says: once the user is validated, their validated documents' files are deleted.
      await eventually(bucketKeys, (keys) => !keys.some((key) => [passport, replacement, bill].some((id) => key.includes(id))), 'validated files deleted');
      // The decisions stand on the verdicts they were made on: the pages say the file is gone, a
      // preview asked for anyway is a refusal, and nothing is verified again into "pending".
      const preview = await call(reviewer, `/api/review/documents/${passport}/preview`);
      assert.equal(preview.status, 409);
      const listed = (await call(applicant, '/api/kyc/status')).body.documents.find((d: any) => d.documentId === passport);
      assert.deepEqual([listed.status, listed.review.status, listed.fileDeleted, typeof listed.sha256], ['verified', 'validated', true, 'string']);
      journeyApplicant = applicant;
    });

    test('a restart loses nothing: sessions, documents, reviews, comments and statuses come back', async () => {
      // The journey's applicant: refused, replaced and validated documents, a VALIDATED KYC status.
      assert.ok(journeyApplicant, 'the journey ran first');
      const before = await call(journeyApplicant, '/api/kyc/status');
      const log = async () => ((await call(await reviewerSession(), '/api/review/webhooks')).body as unknown as Array<{ webhookId: string }>).map((w) => w.webhookId).sort();
      const webhooksBefore = await log();
      // Same data, new process state: close the backend and start another on it.
      await demo.close();
      demo = await start();
      const afterRestart = await call(journeyApplicant, '/api/kyc/status');
      assert.equal(afterRestart.status, 200);
      assert.deepEqual(afterRestart.body.kyc, before.body.kyc);
      assert.deepEqual(afterRestart.body.documents, before.body.documents);
      assert.ok(afterRestart.body.documents.some((d: any) => d.review.status === 'refused' && d.review.comment));
      assert.deepEqual(await log(), webhooksBefore);
    });
  });
}

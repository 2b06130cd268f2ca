// The host's side of the provider's webhooks: signature first, each webhook_id once, its effect in
// the same transaction, and an older event never undoing a newer one. On both databases.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { signedWebhook, useHostReceiver, webhookRequest, type WebhookOptions } from '../support/host-receiver.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const SECRET = 'a-shared-webhook-secret';

const webhook = (event: string, payload: Record<string, unknown>, options: Partial<WebhookOptions> = {}) => signedWebhook(event, payload, { secret: SECRET, ...options });
const post = webhookRequest;

const kyc = (kycStatus: string, codeStatus: string, kycReviewComment = '') => ({ userId: 1370854, kycStatus, codeStatus, kycReviewComment });

for (const kind of testDatabaseKinds()) {
  describe(`host webhook receiver (${kind.name})`, () => {
    const host = useHostReceiver(kind, SECRET);
    const receive = (request: Request) => host.receive(request);

    test('a document.create links the pre-review document to its Document object, once', async () => {
      const documentId = randomUUID();
      await host.store.addDocument({ documentId, userId: '1370854', documentType: 9, contentType: 'image/png', createdAt: Date.now(), formExpiresAt: Date.now() });
      // The seed's payload, with a name that needs PHP's escapes in the signed JSON.
      const event = webhook('document.create', {
        documents: [{ documentId: '383597', userId: '1370854', userFirstname: 'Hélène', userLastname: 'Ødegaard/Œ', name: documentId, documentStatus: 'PENDING', documentTypeId: '9', totalRows: 1 }],
      });
      const first = await receive(post(event));
      assert.equal(first.status, 200);
      assert.deepEqual(await first.json(), { received: true, duplicate: false });
      assert.equal((await host.store.document(documentId))?.providerDocumentId, '383597');
      const again = await receive(post(event));
      assert.deepEqual(await again.json(), { received: true, duplicate: true });
      const stored = (await host.store.receivedWebhooks()).filter((w) => w.webhookId === event.webhook_id);
      assert.equal(stored.length, 1);
    });

    test('a bad signature is refused with a 5xx and changes nothing; a malformed body is a 400', async () => {
      const event = webhook('kycreview.result', kyc('VALIDATED', '110006'), { secret: 'not-the-secret' });
      const answer = await receive(post(event));
      assert.equal(answer.status, 500);
      assert.equal((await host.store.applicantKyc('1370854')).kycStatus, 'NONE');
      assert.equal((await host.store.receivedWebhooks()).some((w) => w.webhookId === event.webhook_id), false);
      const tampered = webhook('kycreview.result', kyc('PENDING', '110002'));
      const forged = { ...tampered, object_payload: kyc('VALIDATED', '110006') };
      assert.equal((await receive(post(forged))).status, 500);
      assert.equal((await receive(post({ hello: 'world' }))).status, 400);
      const notJson = new Request('http://host.test/', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
      assert.equal((await receive(notJson)).status, 400);
    });

    test('KYC events set the applicant status, in the order of the signed request and review times', async () => {
      const user = 2_000_001;
      const state = (kycStatus: string, codeStatus: string, lastRequestDatetime: string | null, lastReviewDatetime: string | null, kycReviewComment = '') =>
        ({ userId: user, kycStatus, codeStatus, kycReviewComment, lastRequestDatetime, lastReviewDatetime });
      const status = async () => (await host.store.applicantKyc(String(user))).kycStatus;
      // The decision came in the same second as the request, and its webhook arrives first.
      await receive(post(webhook('kycreview.result', state('VALIDATED', '110006', '2026-12-02T10:00:00Z', '2026-12-02T10:00:00Z', 'Welcome, Zoë'))));
      await receive(post(webhook('kycreview.request', state('PENDING', '110002', '2026-12-02T10:00:00Z', null))));
      assert.equal(await status(), 'VALIDATED');
      // The envelope's date is not signed: an old event dated in the future still ranks by its payload.
      await receive(post(webhook('kycreview.request', state('PENDING', '110002', '2026-12-01T09:00:00Z', null), { createdAt: Date.now() * 10 + 10 ** 15 })));
      assert.equal(await status(), 'VALIDATED');
      // A new request, later than the decision, moves it on.
      await receive(post(webhook('kycreview.request', state('PENDING', '110002', '2026-12-03T08:00:00Z', '2026-12-02T10:00:00Z'))));
      assert.equal(await status(), 'PENDING');
      const now = await host.store.applicantKyc(String(user));
      assert.deepEqual([now.codeStatus, now.comment], ['110002', '']);
    });

    test('two deliveries of one webhook at once apply it once', async () => {
      const documentId = randomUUID();
      await host.store.addDocument({ documentId, userId: '7', documentType: 9, contentType: 'application/pdf', createdAt: Date.now(), formExpiresAt: Date.now() });
      const event = webhook('document.create', { documents: [{ documentId: '555', name: documentId }] });
      const answers = await Promise.all([receive(post(event)), receive(post(event)), receive(post(event))]);
      const bodies = (await Promise.all(answers.map((a) => a.json()))) as Array<{ duplicate: boolean }>;
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
      assert.equal(bodies.filter((b) => !b.duplicate).length, 1);
    });
  });
}

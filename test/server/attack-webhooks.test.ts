// Someone who can reach the host's webhook URL (issue 12): forged, replayed, re-dated, oversized
// and deeply nested webhooks, and a validly signed payload that names another applicant's document.
// Only `object_payload` is signed (Treezor's scheme): the envelope around it (webhook_id,
// webhook_created_at, the event's name) is the sender's to write, so nothing may rest on it alone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { signedWebhook, useHostReceiver, webhookRequest } from '../support/host-receiver.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const SECRET = 'the-webhook-secret';

const webhook = (event: string, payload: Record<string, unknown>, createdAt: number) => signedWebhook(event, payload, { secret: SECRET, createdAt });
const post = webhookRequest;

const kyc = (userId: number, kycStatus: string, codeStatus: string, times: { request?: string; review?: string } = {}) => ({
  userId,
  kycStatus,
  codeStatus,
  kycReviewComment: '',
  lastRequestDatetime: times.request ?? null,
  lastReviewDatetime: times.review ?? null,
});

for (const kind of testDatabaseKinds()) {
  describe(`attacks on the webhook receiver (${kind.name})`, () => {
    const host = useHostReceiver(kind, SECRET);
    const receive = (request: Request) => host.receive(request);

    test('a captured webhook replayed under a new webhook_id and a later date changes nothing', async () => {
      const userId = 1_370_900;
      const t = Date.now() * 10;
      const request = webhook('kycreview.request', kyc(userId, 'PENDING', '110002', { request: '2026-01-01T10:00:00Z' }), t);
      const result = webhook('kycreview.result', kyc(userId, 'VALIDATED', '110006', { request: '2026-01-01T10:00:00Z', review: '2026-01-01T11:00:00Z' }), t + 10);
      for (const event of [request, result]) assert.equal((await receive(post(event))).status, 200);
      assert.equal((await host.store.applicantKyc(String(userId))).kycStatus, 'VALIDATED');

      // The request's signed payload, resent: a fresh id, a date far ahead, even another event name.
      const answers = [];
      for (const name of ['kycreview.request', 'kycreview.result']) {
        const replay = { ...request, webhook: name, webhook_id: randomUUID(), webhook_created_at: t + 10 ** 12 };
        answers.push(await receive(post(replay)));
      }
      assert.equal((await host.store.applicantKyc(String(userId))).kycStatus, 'VALIDATED', 'a replay moved the status back');
      // Answered as what it is, a duplicate: a 2xx, so a real sender would not retry it.
      for (const answer of answers) assert.deepEqual([answer.status, await answer.json()], [200, { received: true, duplicate: true }]);

      // Nor can a replay with a date far ahead freeze the status against the provider's next event.
      const later = webhook('kycreview.result', kyc(userId, 'REVIEWNEEDED', '110005', { request: '2026-01-01T10:00:00Z', review: '2026-06-01T11:00:00Z' }), t + 20);
      assert.equal((await receive(post(later))).status, 200);
      assert.equal((await host.store.applicantKyc(String(userId))).kycStatus, 'REVIEWNEEDED');
    });

    test('the same signature in another encoding is the same payload', async () => {
      const userId = 1_370_901;
      const event = webhook('kycreview.request', kyc(userId, 'PENDING', '110002', { request: '2026-02-01T10:00:00Z' }), Date.now() * 10);
      assert.equal((await receive(post(event))).status, 200);
      // Base64 without its padding, or with a line break, decodes to the same bytes.
      for (const signature of [event.object_payload_signature.replace(/=+$/, ''), `${event.object_payload_signature.slice(0, 10)}\n${event.object_payload_signature.slice(10)}`]) {
        const replay = { ...event, webhook_id: randomUUID(), object_payload_signature: signature };
        const answer = await receive(post(replay));
        if (answer.status === 200) assert.deepEqual(await answer.json(), { received: true, duplicate: true });
        else assert.equal(answer.status, 500);
      }
    });

    test('a signed document.create that names another applicant’s document does not link it', async () => {
      const victimDocument = randomUUID();
      await host.store.addDocument({ documentId: victimDocument, userId: '1370910', documentType: 9, contentType: 'image/png', createdAt: Date.now(), formExpiresAt: Date.now() });
      const event = webhook('document.create', { documents: [{ documentId: '900001', userId: '1370911', name: victimDocument, totalRows: 1 }] }, Date.now() * 10);
      assert.equal((await receive(post(event))).status, 200);
      assert.equal((await host.store.document(victimDocument))?.providerDocumentId, undefined);
      // Its own applicant's event does.
      const own = webhook('document.create', { documents: [{ documentId: '900002', userId: '1370910', name: victimDocument, totalRows: 1 }] }, Date.now() * 10);
      assert.equal((await receive(post(own))).status, 200);
      assert.equal((await host.store.document(victimDocument))?.providerDocumentId, '900002');
    });

    test('deeply nested, oversized or wrongly typed bodies are a 400, never a 5xx or a crash', async () => {
      const depth = 100_000;
      const nested = `{"webhook":"kycreview.result","webhook_id":"${randomUUID()}","object":"kyc","object_id":"1","object_payload":{"a":${'['.repeat(depth)}${']'.repeat(depth)}},"object_payload_signature":"AAAA"}`;
      assert.ok(nested.length < 256 * 1024);
      const answers = [
        await receive(post(nested)),
        await receive(post(`{"pad":"${'x'.repeat(300 * 1024)}"}`)),
        await receive(post({ ...webhook('kycreview.result', kyc(1, 'VALIDATED', '110006'), 1), webhook_created_at: 'soon' })),
        await receive(post({ ...webhook('kycreview.result', kyc(1, 'VALIDATED', '110006'), 1), object_payload: [1, 2] })),
        await receive(post('\u00ff\u00fe')),
      ];
      assert.deepEqual(answers.map((answer) => answer.status), [400, 400, 400, 400, 400]);
      assert.equal((await host.store.applicantKyc('1')).kycStatus, 'NONE');
    });

    test('a NUL in the envelope is a 400, and one in a signed comment is no poison: the event applies, never a 5xx retried for ever', async () => {
      const userId = 1_370_930;
      const event = webhook('kycreview.result', { ...kyc(userId, 'REFUSED', '110004', { review: '2026-04-01T10:00:00Z' }), kycReviewComment: 'Blurred\u0000scan' }, Date.now() * 10);
      const badId = await receive(post({ ...event, webhook_id: `${randomUUID()}\u0000` }));
      assert.equal(badId.status, 400);
      const answer = await receive(post(event));
      assert.equal(answer.status, 200);
      const status = await host.store.applicantKyc(String(userId));
      assert.deepEqual([status.kycStatus, status.comment], ['REFUSED', 'Blurredscan']);
    });

    test('a signed payload with a field the schema does not expect, or a __proto__ key, changes nothing it does not name', async () => {
      const userId = 1_370_920;
      const payload = kyc(userId, 'PENDING', '110002', { request: '2026-03-01T10:00:00Z' });
      const event = webhook('kycreview.request', payload, Date.now() * 10);
      // `__proto__` added after signing: JSON.parse makes it an own key, which the re-encoding must see.
      const text = JSON.stringify(event).replace('"object_payload":{', '"object_payload":{"__proto__":{"kyc":{"userId":"1","kycStatus":"VALIDATED","codeStatus":"110006"}},');
      const answer = await receive(post(text));
      if (answer.status === 200) assert.equal((await host.store.applicantKyc('1')).kycStatus, 'NONE');
      else assert.equal(answer.status, 500);
    });
  });
}

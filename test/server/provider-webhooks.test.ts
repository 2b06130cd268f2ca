// The emulated provider's webhooks, on both databases: written with the change, delivered signed,
// retried until acknowledged, kept across a restart.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { SqlDatabase } from '../../src/server/db/database.js';
import type { ProviderTables } from '../../demo/provider/schema.js';
import { retryDelay } from '../../demo/provider/retry-delay.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import {
  createUser, decide, type EmulatorSettings, eventually, expectJson, type RunningProvider, setStatus, startProvider, uploadedDocument, validJpeg,
} from '../support/provider-harness.js';
import { type TestDatabase, testDatabaseKinds } from '../support/test-databases.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'shared-webhook-secret';
const FAST_RETRIES = { initialMs: 50, maxMs: 200 };

test('retry delays double from the first, capped, with jitter in the upper half', () => {
  const backoff = { initialMs: 1000, maxMs: 300_000 };
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelay(n, backoff, () => 1)), [1000, 2000, 4000, 8000]);
  assert.deepEqual([1, 2, 3].map((n) => retryDelay(n, backoff, () => 0)), [500, 1000, 2000]);
  assert.equal(retryDelay(30, backoff, () => 1), 300_000);
  assert.equal(retryDelay(10_000, backoff, () => 1), 300_000);
});

for (const kind of testDatabaseKinds()) {
  describe(`emulated Treezor webhooks on ${kind.name}`, () => {
    let storage: TestStorage;
    let database: TestDatabase;
    let opened: SqlDatabase;
    let db: Kysely<ProviderTables>;
    let jpeg: Uint8Array<ArrayBuffer>;
    // Each test's processes stop with it: a worker left running would take the next test's rows.
    const running: Array<{ close(): Promise<void> }> = [];
    const closeRunning = async () => {
      for (const each of running.splice(0).reverse()) await each.close();
    };
    before(async () => {
      storage = await startTestStorage();
      database = await kind.create();
      opened = await database.open();
      db = opened.db.withTables<ProviderTables>();
      jpeg = await validJpeg();
    });
    afterEach(closeRunning);
    after(async () => {
      await opened.close();
      await database.drop();
      await storage.stop();
    });
    async function providerFor(receiver: WebhookReceiver | undefined, settings: EmulatorSettings = {}): Promise<RunningProvider> {
      const provider = await startProvider(opened, storage, {
        webhooks: { secret: SECRET, backoff: FAST_RETRIES, pollMs: 100, ...(receiver ? { url: receiver.url } : {}) },
        ...settings,
      });
      running.push(provider);
      return provider;
    }
    async function receiver(behaviour: Omit<Parameters<typeof startWebhookReceiver>[0], 'secret'> = {}) {
      const started = await startWebhookReceiver({ secret: SECRET, ...behaviour });
      running.push(started);
      return started;
    }
    const undelivered = async () => (await db.selectFrom('treezor_webhook_outbox').select('webhook_id').where('delivered_at', 'is', null).execute()).length;
    /** Creates a user, validates an ID for them, and asks for a review: four events. */
    async function journey(call: RunningProvider['call']) {
      const userId = await createUser(call, 'Hélène', 'Oak');
      const form = await uploadedDocument(call, userId, jpeg);
      await expectJson(setStatus(call, form.documentId, 2), 200);
      await expectJson(call(`/v1/users/${userId}/Kycreview`, { method: 'PUT' }), 200);
      await expectJson(decide(call, userId, 'VALIDATED'), 200);
      return { userId, documentId: form.documentId };
    }

    test('one validation: one Document object, one document.create delivered, signed as Treezor signs', async () => {
      const hooks = await receiver();
      const provider = await providerFor(hooks);
      const userId = await createUser(provider.call, 'Hélène', 'Oak');
      const form = await uploadedDocument(provider.call, userId, jpeg);
      const validated = await expectJson<{ metadata: { treezor_document_id: string } }>(setStatus(provider.call, form.documentId, 2), 200);
      const [delivery] = await hooks.waitForAcknowledged(1);
      assert.equal(delivery!.signed, true);
      const { webhook } = delivery!;
      assert.deepEqual(
        [webhook.webhook, webhook.object, webhook.object_id],
        ['document.create', 'document', validated.metadata.treezor_document_id],
      );
      const row = await db.selectFrom('treezor_webhook_outbox').selectAll().where('webhook_id', '=', webhook.webhook_id).executeTakeFirstOrThrow();
      assert.equal(webhook.webhook_created_at, row.created_at * 10, 'in units of 100 µs, as the seed');
      assert.deepEqual(webhook.object_payload, JSON.parse(row.payload));
      assert.equal((webhook.object_payload as { documents: Array<{ userFirstname: string }> }).documents[0]!.userFirstname, 'Hélène');
      await eventually(async () => (await undelivered()) === 0, 'the row marked delivered');

      // Validating again creates nothing: the next event through is the review request, not a second document.create.
      await expectJson(setStatus(provider.call, form.documentId, 2), 200);
      await expectJson(provider.call(`/v1/users/${userId}/Kycreview`, { method: 'PUT' }), 200);
      const all = await hooks.waitForAcknowledged(3);
      assert.deepEqual(all.map((d) => d.webhook.webhook), ['document.create', 'kycreview.request', 'user.kycrequest']);
      const documents = await db.selectFrom('treezor_documents').selectAll().where('pre_review_id', '=', form.documentId).execute();
      assert.equal(documents.length, 1);
      assert.ok(all.every((d) => d.signed));
    });

    test('a receiver answering 503, then unreachable, gets every event once it is back, each id acknowledged once', async () => {
      let down = true;
      const hooks = await receiver({ answer: () => (down ? 503 : 200) });
      let unreachable = false;
      const flaky: typeof fetch = (input, init) =>
        unreachable ? Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })) : fetch(input, init);
      const provider = await providerFor(hooks, { webhooks: { secret: SECRET, url: hooks.url, fetch: flaky, backoff: FAST_RETRIES, pollMs: 100 } });
      await journey(provider.call);
      await hooks.waitForRequests(6);
      const refusedSoFar = hooks.deliveries.length;
      assert.ok(refusedSoFar >= 6 && hooks.acknowledged().length === 0);
      unreachable = true;
      await eventually(
        async () => (await db.selectFrom('treezor_webhook_outbox').select('last_error').where('last_error', '=', 'ECONNREFUSED').execute()).length > 0,
        'a failed connection recorded',
      );
      down = false;
      unreachable = false;
      const acknowledged = await hooks.waitForAcknowledged(5);
      await eventually(async () => (await undelivered()) === 0, 'every row delivered');
      const ids = acknowledged.map((d) => d.webhook.webhook_id);
      assert.equal(new Set(ids).size, ids.length, 'no webhook_id acknowledged twice');
      assert.deepEqual(acknowledged.map((d) => d.webhook.webhook).sort(), ['document.create', 'kycreview.request', 'kycreview.result', 'user.kycrequest', 'user.kycreview']);
      assert.ok(acknowledged.every((d) => d.signed));
      assert.deepEqual(hooks.concurrent, []);
      const rows = await db.selectFrom('treezor_webhook_outbox').select(['attempts', 'last_error']).where('webhook_id', 'in', ids).execute();
      assert.ok(rows.every((row) => row.attempts >= 2 && row.last_error === null), JSON.stringify(rows));
    });

    test('restart: events kept while no receiver is configured are delivered by the next process, once', async () => {
      const first = await providerFor(undefined);
      const { userId } = await journey(first.call);
      await first.close();
      const kept = await db.selectFrom('treezor_webhook_outbox').select('webhook_id').where('delivered_at', 'is', null).execute();
      assert.ok(kept.length >= 5);
      const hooks = await receiver();
      await providerFor(hooks);
      const acknowledged = await hooks.waitForAcknowledged(kept.length);
      await eventually(async () => (await undelivered()) === 0, 'every row delivered');
      assert.deepEqual(new Set(acknowledged.map((d) => d.webhook.webhook_id)), new Set(kept.map((row) => row.webhook_id)));
      assert.equal(hooks.deliveries.length, kept.length, 'nothing delivered twice');
      assert.ok(acknowledged.some((d) => d.webhook.webhook === 'user.kycreview' && d.webhook.object_id === String(userId)));
    });

    test('close() waits for the delivery in flight and records it', async () => {
      const hooks = await receiver({ delayMs: 300 });
      const provider = await providerFor(hooks);
      await createUser(provider.call);
      const userId = await createUser(provider.call);
      const form = await uploadedDocument(provider.call, userId, jpeg);
      await expectJson(setStatus(provider.call, form.documentId, 2), 200);
      await hooks.waitForRequests(1);
      await provider.close();
      assert.equal(hooks.acknowledged().length, 1);
      assert.equal(await undelivered(), 0, 'the answer that came in during close() was recorded');
    });
  });
}

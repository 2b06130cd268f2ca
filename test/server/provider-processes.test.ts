// The emulated provider across processes: two workers sharing one PostgreSQL never deliver one
// webhook twice nor at the same time, and `kill -9` mid-request loses nothing acknowledged and
// leaves nothing half done — on the embedded SQLite file and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { migrateProvider, type ProviderTables } from '../../demo/provider/schema.js';
import { enqueueWebhook } from '../../demo/provider/webhook-outbox.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import { startProviderChild } from '../support/provider-child.js';
import { createUser, eventually, expectJson, providerCall, setStatus, startProvider, uploadedDocument, validJpeg } from '../support/provider-harness.js';
import { type TestDatabase, testDatabaseKinds } from '../support/test-databases.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'shared-webhook-secret';

for (const kind of testDatabaseKinds()) {
  describe(`emulated Treezor across processes on ${kind.name}`, () => {
    let storage: TestStorage;
    let database: TestDatabase;
    let opened: SqlDatabase | undefined;
    let db: Kysely<ProviderTables>;
    // This process opens the database only while no child holds it: the embedded file takes one opener.
    const openHere = async () => {
      opened ??= await database.open();
      db = opened.db.withTables<ProviderTables>();
      return opened;
    };
    before(async () => {
      storage = await startTestStorage();
      database = await kind.create();
    });
    after(async () => {
      await opened?.close();
      await database.drop();
      await storage.stop();
    });

    // The embedded store is one process's: sharing the work between processes is PostgreSQL's job.
    test('two processes deliver 40 queued webhooks: each exactly once, never two at once', { skip: kind.name !== 'postgres' }, async () => {
      const hooks = await startWebhookReceiver({ secret: SECRET, delayMs: 50 });
      const children = await Promise.all(
        [1, 2].map(() => startProviderChild({ database: database.location, storage, webhookUrl: hooks.url, webhookSecret: SECRET, pollMs: 100 })),
      );
      try {
        await migrateProvider(await openHere());
        // Queued by a third process (this one), so both workers find them by polling.
        const ids = await db.transaction().execute(async (trx) => {
          const queued: string[] = [];
          for (let i = 0; i < 40; i++) {
            queued.push(await enqueueWebhook(trx, { webhook: 'test.event', object: 'test', objectId: String(i), payload: { i, name: 'Hélène' } }, Date.now()));
          }
          return queued;
        });
        const acknowledged = await hooks.waitForAcknowledged(40);
        await eventually(async () => (await db.selectFrom('treezor_webhook_outbox').select('webhook_id').where('delivered_at', 'is', null).execute()).length === 0, 'all rows delivered');
        assert.equal(hooks.deliveries.length, 40, 'no delivery repeated');
        assert.deepEqual(new Set(acknowledged.map((d) => d.webhook.webhook_id)), new Set(ids));
        assert.deepEqual(hooks.concurrent, [], 'no webhook in flight twice');
        assert.ok(acknowledged.every((d) => d.signed));
        const owners = await db.selectFrom('treezor_webhook_outbox').select('lease_owner').distinct().where('webhook_id', 'in', ids).execute();
        assert.equal(owners.length, 2, 'both processes took a share');
      } finally {
        await Promise.all(children.map((child) => child.stop()));
        await hooks.close();
      }
    });

    test('kill -9 while validations are in flight: every acknowledged change is there, none half done', async () => {
      const child = await startProviderChild({ database: database.location, storage });
      const call = (path: string, init?: Parameters<typeof providerCall>[2]) => providerCall(child.url, path, init);
      const jpeg = await validJpeg();
      const userId = await createUser(call);
      const documentIds: string[] = [];
      for (let i = 0; i < 24; i++) documentIds.push((await uploadedDocument(call, userId, jpeg)).documentId);

      // Four validations in flight at all times; the process is killed at the sixth answer.
      const acknowledged: string[] = [];
      let inFlightAtKill = 0;
      let inFlight = 0;
      let killed: Promise<void> | undefined;
      const queue = [...documentIds];
      const worker = async () => {
        while (queue.length > 0 && !killed) {
          const documentId = queue.shift()!;
          inFlight += 1;
          try {
            const answer = await setStatus(call, documentId, 2);
            if (answer.status === 200 && !killed) acknowledged.push(documentId);
            await answer.body?.cancel();
          } catch {
            // The connection died with the process: not acknowledged.
          } finally {
            inFlight -= 1;
          }
          if (acknowledged.length >= 6 && !killed) {
            inFlightAtKill = inFlight;
            killed = child.kill();
          }
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      await killed;
      assert.equal(child.process.signalCode, 'SIGKILL');
      assert.ok(inFlightAtKill > 0, 'requests were in flight when the process died');

      await openHere();
      const preReviews = await db.selectFrom('treezor_pre_review_documents').selectAll().where('user_id', '=', userId).execute();
      const documents = await db.selectFrom('treezor_documents').selectAll().where('user_id', '=', userId).execute();
      const outbox = await db.selectFrom('treezor_webhook_outbox').selectAll().where('webhook', '=', 'document.create').execute();
      for (const documentId of acknowledged) {
        assert.equal(preReviews.find((d) => d.document_id === documentId)?.status, 2, `acknowledged ${documentId} is validated`);
      }
      for (const row of preReviews) {
        const made = documents.filter((d) => d.pre_review_id === row.document_id);
        const events = outbox.filter((e) => made.some((d) => d.document_id === e.object_id));
        if (row.status === 2) {
          assert.equal(made.length, 1, `${row.document_id}: one Document object`);
          assert.equal(events.length, 1, `${row.document_id}: one document.create`);
          assert.equal(row.treezor_document_id, made[0]!.document_id);
          assert.notEqual(row.validated_key, null);
        } else {
          assert.deepEqual([row.status, made.length, row.treezor_document_id, row.validated_key], [0, 0, null, null], `${row.document_id}: untouched`);
        }
      }

      // Reopened in another process, the emulator goes on where the killed one stopped.
      const reopened = await startProvider(opened!, storage);
      try {
        for (const documentId of documentIds) await expectJson(setStatus(reopened.call, documentId, 2), 200);
        const after = await db.selectFrom('treezor_documents').select('pre_review_id').where('user_id', '=', userId).execute();
        assert.equal(after.length, documentIds.length);
        assert.equal(new Set(after.map((d) => d.pre_review_id)).size, documentIds.length);
        const events = await db.selectFrom('treezor_webhook_outbox').select('object_id').where('webhook', '=', 'document.create').execute();
        assert.equal(events.length, documentIds.length);
      } finally {
        await reopened.close();
      }
    });
  });
}

// What the host-side webhook tests share: a webhook signed as Treezor signs it, the request that
// carries it, and a fresh host store with its receiver on each database kind.
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { openHostStore, type HostStore } from '../../src/server/store/host-store.js';
import { createTreezorWebhookReceiver } from '../../src/server/webhooks/treezor-receiver.js';
import { signTreezorPayload } from '../../src/server/webhooks/treezor-signature.js';
import type { TestDatabase, TestDatabaseKind } from './test-databases.js';

export interface WebhookOptions {
  secret: string;
  /** Treezor's unit: seconds × 10⁴. Not signed: the sender's to write. */
  createdAt?: number;
  id?: string;
}

export function signedWebhook(event: string, payload: Record<string, unknown>, options: WebhookOptions) {
  return {
    webhook: event,
    webhook_id: options.id ?? randomUUID(),
    object: event.split('.')[0]!,
    object_id: '1',
    object_payload: payload,
    object_payload_signature: signTreezorPayload(payload, options.secret),
    webhook_created_at: options.createdAt ?? Date.now() * 10,
  };
}

/** A POST to the receiver: JSON, or the raw text given. */
export const webhookRequest = (body: unknown) =>
  new Request('http://host.test/api/webhooks/treezor', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

export interface HostReceiver {
  store: HostStore;
  receive(request: Request): Promise<Response>;
}

/** Registers before/after hooks in the calling suite: a fresh database, the host store and its receiver. */
export function useHostReceiver(kind: TestDatabaseKind, secret: string): HostReceiver {
  let testDb: TestDatabase;
  let database: SqlDatabase;
  const receiver = {} as { store: HostStore; receive: (request: Request) => Promise<Response> };
  before(async () => {
    testDb = await kind.create();
    database = await testDb.open();
    receiver.store = await openHostStore(database);
    receiver.receive = createTreezorWebhookReceiver({ store: receiver.store, secret });
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });
  return {
    get store() {
      return receiver.store;
    },
    receive: (request) => receiver.receive(request),
  };
}

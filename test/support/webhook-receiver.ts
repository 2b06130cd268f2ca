import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyTreezorWebhook, type TreezorWebhook } from '../../src/server/webhooks/treezor-signature.js';
import { serve, type TestServer } from './http-server.js';

export interface Delivery {
  webhook: TreezorWebhook;
  /** Whether the signature verified with the receiver's secret. */
  signed: boolean;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request received, in order, with what was answered. */
  deliveries: Delivery[];
  /** Those answered 2xx. */
  acknowledged(): Delivery[];
  /** webhook_ids that arrived while a request with the same id was still being answered. */
  concurrent: string[];
  /** Resolves once `count` requests have arrived (answered or not). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once `count` deliveries have been acknowledged. */
  waitForAcknowledged(count: number, timeoutMs?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

export interface ReceiverBehaviour {
  secret: string;
  /** The status to answer each request with (default 200): a receiver that is down for a while. */
  answer?: (delivery: { index: number; webhook: TreezorWebhook }) => number;
  /** Time taken to answer: a slow receiver keeps requests in flight, so overlaps can be seen. */
  delayMs?: number;
}

/** A host's webhook endpoint for tests: it verifies, records, and answers as told. */
export async function startWebhookReceiver(behaviour: ReceiverBehaviour): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const inFlight = new Set<string>();
  const concurrent: string[] = [];
  const events = new EventEmitter();
  const acknowledged = () => deliveries.filter((d) => d.status >= 200 && d.status < 300);
  let started = 0;

  /** Resolves when `done()` holds, checked at each of the receiver's events. */
  function waitUntil(done: () => boolean, what: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what} (${acknowledged().length} acknowledged, ${started} received)`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        events.off('change', check);
      };
      events.on('change', check);
      check();
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    const check = verifyTreezorWebhook(body, behaviour.secret);
    const webhook = (check.ok ? check.webhook : body) as TreezorWebhook;
    const id = webhook.webhook_id;
    if (inFlight.has(id)) concurrent.push(id);
    inFlight.add(id);
    started += 1;
    events.emit('change');
    try {
      // The receiver's own work time (a slow host), not a wait for anything.
      if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      const status = behaviour.answer?.({ index: deliveries.length, webhook }) ?? 200;
      deliveries.push({ webhook, signed: check.ok, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'unavailable');
      events.emit('change');
    } finally {
      inFlight.delete(id);
    }
  }

  const server: TestServer = await serve(handle);
  return {
    url: `${server.url}/webhooks`,
    deliveries,
    acknowledged,
    concurrent,
    waitForRequests: (count, timeoutMs = 30_000) => waitUntil(() => started >= count, `${count} requests`, timeoutMs),
    async waitForAcknowledged(count, timeoutMs = 30_000) {
      await waitUntil(() => acknowledged().length >= count, `${count} acknowledged webhooks`, timeoutMs);
      return acknowledged();
    },
    close: () => server.close(),
  };
}

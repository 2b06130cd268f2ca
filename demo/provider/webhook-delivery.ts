import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../../src/server/db/database.js';
import { signTreezorPayload } from '../../src/server/webhooks/treezor-signature.js';
import { type Backoff, DEFAULT_BACKOFF, retryDelay } from './retry-delay.js';
import type { ProviderTables } from './schema.js';
import { webhookCreatedAt } from './treezor-time.js';
import { claimDueWebhook, markDelivered, type OutboxRow, scheduleRetry } from './webhook-outbox.js';

export interface WebhookDeliveryOptions {
  db: Kysely<ProviderTables>;
  dialect: SqlDialectName;
  url: string;
  secret: string;
  fetch?: typeof fetch;
  /** How often to look for rows written by other processes and for retries that fell due. */
  pollMs?: number;
  backoff?: Backoff;
  now(): number;
}

export interface WebhookDelivery {
  /** An event was committed in this process: deliver it now rather than at the next poll. */
  wake(): void;
  /** Stops taking rows and waits for the delivery in flight, if any. */
  close(): Promise<void>;
}

/** A receiver that does not answer within this is retried; the lease (60 s) outlasts it. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The outbox's delivery worker: one row at a time, oldest first, so one process delivers a user's
 * events in the order they happened (a retried row can be overtaken: receivers order by their own
 * means). At least once: a row stays until a 2xx, and every failure is retried after a growing delay.
 * Logs say which event failed and why, never the secret, a signature or a payload value.
 */
export function startWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const { db, dialect, url, secret, now } = options;
  const send = options.fetch ?? fetch;
  const pollMs = options.pollMs ?? 1000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  // Distinct per worker, so a lease names the process and the emulator instance holding it.
  const owner = `${process.pid}-${randomUUID()}`;
  let stopped = false;
  let woken = false;
  let interrupt: (() => void) | undefined;

  function rest(): Promise<void> {
    if (woken || stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        interrupt = undefined;
        resolve();
      }
      interrupt = done;
    });
  }

  async function deliver(row: OutboxRow): Promise<void> {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    // The envelope in the seed's order; the signature covers object_payload alone, as Treezor's does.
    const body = JSON.stringify({
      webhook: row.webhook,
      object_payload: payload,
      object_id: row.object_id,
      object: row.object,
      webhook_created_at: webhookCreatedAt(row.created_at),
      webhook_id: row.webhook_id,
      object_payload_signature: signTreezorPayload(payload, secret),
    });
    let failure: string;
    try {
      const response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (response.ok) return await markDelivered(db, row, owner, now());
      failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = describeFailure(error);
    }
    await scheduleRetry(db, row, owner, now() + retryDelay(row.attempts, backoff), failure);
    console.error(`treezor webhooks: ${row.webhook} ${row.webhook_id} not delivered (${failure}), attempt ${row.attempts}`);
  }

  async function run(): Promise<void> {
    while (!stopped) {
      woken = false;
      try {
        const row = await claimDueWebhook(db, dialect, owner, now());
        if (row) {
          await deliver(row);
          continue;
        }
      } catch (error) {
        // The database away for a moment: the next poll tries again, the rows are still there.
        if (!stopped) console.error('treezor webhooks:', error instanceof Error ? error.message : error);
      }
      await rest();
    }
  }

  const running = run();
  return {
    wake() {
      woken = true;
      interrupt?.();
    },
    async close() {
      stopped = true;
      interrupt?.();
      await running;
    },
  };
}

/** A short, safe reason: the error's code or name, never a message that could quote a body. */
function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'error';
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { SqlDialectName } from '../../src/server/db/database.js';
import { nextId } from './counters.js';
import type { ProviderTables } from './schema.js';

export type OutboxRow = Selectable<ProviderTables['treezor_webhook_outbox']>;

export interface WebhookEvent {
  webhook: string;
  object: string;
  objectId: string;
  payload: Record<string, unknown>;
}

/** Longer than a delivery's timeout, so a row is never in flight from two holders at once. */
export const LEASE_MS = 60_000;

/**
 * Writes an event to the outbox. Call it inside the transaction that makes the change it reports:
 * both are committed, or neither, so no change goes unannounced and no event announces a change
 * that did not happen.
 */
export async function enqueueWebhook(trx: Kysely<ProviderTables>, event: WebhookEvent, now: number): Promise<string> {
  const webhookId = randomUUID();
  await trx
    .insertInto('treezor_webhook_outbox')
    .values({
      webhook_id: webhookId,
      sequence: await nextId(trx, 'webhook'),
      webhook: event.webhook,
      object: event.object,
      object_id: event.objectId,
      payload: JSON.stringify(event.payload),
      created_at: now,
      attempts: 0,
      next_attempt_at: now,
      lease_owner: null,
      lease_until: null,
      delivered_at: null,
      last_error: null,
    })
    .execute();
  return webhookId;
}

/**
 * Takes the oldest due row for `owner` in one statement: undelivered, due, and not leased by
 * anyone (or leased by a holder that went away: its lease ran out). On PostgreSQL the row is
 * picked `FOR UPDATE SKIP LOCKED`, so two processes claiming at once take two different rows; a
 * row claimed by another since the statement began fails the lock's re-check and is skipped.
 * SQLite runs one write at a time and needs no lock.
 */
export function claimDueWebhook(db: Kysely<ProviderTables>, dialect: SqlDialectName, owner: string, now: number): Promise<OutboxRow | undefined> {
  const due = db
    .selectFrom('treezor_webhook_outbox')
    .select('webhook_id')
    .where('delivered_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('sequence')
    .limit(1)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
  return db
    .updateTable('treezor_webhook_outbox')
    .set((eb) => ({ lease_owner: owner, lease_until: now + LEASE_MS, attempts: eb('attempts', '+', 1) }))
    .where('webhook_id', '=', due)
    .returningAll()
    .executeTakeFirst();
}

/** Acknowledged: never sent again. Only the lease holder may say so. */
export async function markDelivered(db: Kysely<ProviderTables>, row: OutboxRow, owner: string, now: number): Promise<void> {
  await db
    .updateTable('treezor_webhook_outbox')
    .set({ delivered_at: now, lease_until: null, last_error: null })
    .where('webhook_id', '=', row.webhook_id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Not acknowledged: released, due again at `nextAttemptAt`. */
export async function scheduleRetry(
  db: Kysely<ProviderTables>,
  row: OutboxRow,
  owner: string,
  nextAttemptAt: number,
  error: string,
): Promise<void> {
  await db
    .updateTable('treezor_webhook_outbox')
    .set({ next_attempt_at: nextAttemptAt, lease_owner: null, lease_until: null, last_error: error.slice(0, 200) })
    .where('webhook_id', '=', row.webhook_id)
    .where('lease_owner', '=', owner)
    .execute();
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { HandoffsTable, HandoffTables } from './handoff-tables.js';
import { type HandoffSlot, slotOf } from './handoff-slot.js';
import { hashSecret, newSecret } from './handoff-secrets.js';

export type HandoffState = 'waiting' | 'claimed' | 'completed' | 'expired';

/** The stored file of a completed handoff: its type and size as the server verified them. */
export interface HandoffFile {
  name: string;
  type: string;
  size: number;
}

/** What the desktop is told, by polling or by its event stream. */
export interface HandoffView {
  state: HandoffState;
  /** When the token, the phone's session and the watch end (ISO 8601). */
  expiresAt: string;
  documentId?: string;
  file?: HandoffFile;
}

export type HandoffRow = Selectable<HandoffsTable>;

export type ClaimRefusal = 'unknown' | 'expired' | 'claimed';

export const slotOfRow = (row: HandoffRow): HandoffSlot =>
  slotOf({ documentType: row.document_type, kind: row.kind, subtype: row.subtype, side: row.side });

/** A completed handoff stays final; otherwise its expiry wins over a claim. */
export function stateOf(row: HandoffRow, now: number): HandoffState {
  if (row.completed_at !== null) return 'completed';
  if (now >= row.expires_at) return 'expired';
  return row.claimed_at !== null ? 'claimed' : 'waiting';
}

export function viewOf(row: HandoffRow, now: number): HandoffView {
  const state = stateOf(row, now);
  return {
    state,
    expiresAt: new Date(row.expires_at).toISOString(),
    ...(state === 'completed' && row.document_id ? { documentId: row.document_id } : {}),
    ...(state === 'completed' && row.file_type !== null && row.file_size !== null
      ? { file: { name: row.file_name ?? '', type: row.file_type, size: row.file_size } }
      : {}),
  };
}

/**
 * The handoffs' rows. Every change that must happen once (a claim, a completion) is one
 * conditional UPDATE whose condition is the state it leaves: on PostgreSQL a second writer waits
 * for the first's row lock and then finds the condition false; SQLite runs one writer at a time.
 * Either way one of two racing devices changes the row and the other changes nothing.
 */
export function createHandoffStore(db: Kysely<HandoffTables>, now: () => number) {
  const byId = (handoffId: string) => db.selectFrom('kyc_handoffs').selectAll().where('handoff_id', '=', handoffId).executeTakeFirst();

  return {
    byId,

    async create(userId: string, slot: HandoffSlot, ttlMs: number): Promise<{ handoffId: string; token: string; expiresAt: number }> {
      const handoffId = randomUUID();
      const token = newSecret();
      const createdAt = now();
      const expiresAt = createdAt + ttlMs;
      await db
        .insertInto('kyc_handoffs')
        .values({
          handoff_id: handoffId,
          user_id: userId,
          document_type: slot.documentType,
          kind: slot.kind ?? null,
          subtype: slot.subtype ?? null,
          side: slot.side ?? null,
          token_hash: hashSecret(token),
          session_hash: null,
          created_at: createdAt,
          expires_at: expiresAt,
          claimed_at: null,
          completed_at: null,
          document_id: null,
          file_name: null,
          file_type: null,
          file_size: null,
        })
        .execute();
      return { handoffId, token, expiresAt };
    },

    /** The handoff a claim token names, whatever its state; undefined for a token never issued (or purged). */
    byToken(token: string) {
      return db.selectFrom('kyc_handoffs').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
    },

    /**
     * Claims a handoff for the device that sent its token: once, before it expires. Returns the
     * phone's new session credential (its hash replaces nothing: a claimed row is never claimed
     * again), or why not.
     */
    async claim(token: string): Promise<{ ok: true; row: HandoffRow; session: string } | { ok: false; refusal: ClaimRefusal; row?: HandoffRow }> {
      const session = newSecret();
      const at = now();
      const tokenHash = hashSecret(token);
      const result = await db
        .updateTable('kyc_handoffs')
        .set({ claimed_at: at, session_hash: hashSecret(session) })
        .where('token_hash', '=', tokenHash)
        .where('claimed_at', 'is', null)
        .where('completed_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      const row = await db.selectFrom('kyc_handoffs').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (result.numUpdatedRows === 1n && row) return { ok: true, row, session };
      if (!row) return { ok: false, refusal: 'unknown' };
      return { ok: false, refusal: row.claimed_at !== null ? 'claimed' : 'expired', row };
    },

    /** The handoff a phone's session credential belongs to, whatever its state. */
    bySession(session: string) {
      return db.selectFrom('kyc_handoffs').selectAll().where('session_hash', '=', hashSecret(session)).executeTakeFirst();
    },

    async recordForm(handoffId: string, documentId: string, fileName: string, contentType: string): Promise<void> {
      await db.insertInto('kyc_handoff_forms').values({ document_id: documentId, handoff_id: handoffId, file_name: fileName, content_type: contentType, created_at: now() }).execute();
    },

    /** A form presigned through this handoff, or undefined (another handoff's, or none). */
    form(handoffId: string, documentId: string) {
      return db.selectFrom('kyc_handoff_forms').selectAll().where('document_id', '=', documentId).where('handoff_id', '=', handoffId).executeTakeFirst();
    },

    /** Records the upload once, while the phone's session holds; false when another got there first, or time ran out. */
    async complete(handoffId: string, sessionHash: string, documentId: string, file: HandoffFile): Promise<boolean> {
      const at = now();
      const result = await db
        .updateTable('kyc_handoffs')
        .set({ completed_at: at, document_id: documentId, file_name: file.name, file_type: file.type, file_size: file.size })
        .where('handoff_id', '=', handoffId)
        .where('session_hash', '=', sessionHash)
        .where('completed_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /**
     * Ends a handoff that has not completed, by moving its expiry to now: its token and its phone's
     * session stop at once. A completed one is left as it is: its document is stored.
     */
    async cancel(handoffId: string): Promise<void> {
      const at = now();
      await db.updateTable('kyc_handoffs').set({ expires_at: at }).where('handoff_id', '=', handoffId).where('completed_at', 'is', null).where('expires_at', '>', at).execute();
    },

    /**
     * Deletes handoffs that ended more than `retentionMs` ago (kept that long so a desktop still
     * hears "expired" or "completed" rather than "unknown"), with their forms. Returns how many.
     */
    async purgeExpired(retentionMs: number): Promise<number> {
      const cutoff = now() - retentionMs;
      return db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('kyc_handoff_forms')
          .where('handoff_id', 'in', (eb) => eb.selectFrom('kyc_handoffs').select('handoff_id').where('expires_at', '<', cutoff))
          .execute();
        const deleted = await trx.deleteFrom('kyc_handoffs').where('expires_at', '<', cutoff).executeTakeFirst();
        return Number(deleted.numDeletedRows);
      });
    },
  };
}

export type HandoffStore = ReturnType<typeof createHandoffStore>;

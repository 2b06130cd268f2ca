import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { SqlDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import type { AllowedType } from '../../core/document-types.js';
import type { Verdict } from '../verify/verdict.js';
import type { DocumentSlot } from '../../core/document-set/document-slot.js';
import { HOST_SCHEMA, type DocumentsTable, type HostTables, type ReviewAuditTable } from './host-tables.js';
import { createSubmissions } from './submissions.js';
import type { DeviceQuality } from '../device-quality.js';

export type ReviewStatus = DocumentsTable['review_status'];

/**
 * What the host records when it hands out a form: whose document it is, what the form allows, and
 * which piece of a document set it is (`kind`, `subtype`, `side`), when the request said.
 */
export interface NewDocument extends DocumentSlot {
  documentId: string;
  userId: string;
  documentType: number;
  contentType: AllowedType;
  createdAt: number;
  formExpiresAt: number;
  /** What the applicant's browser said of the photo's quality: a hint for routing, never a verdict. */
  deviceQuality?: DeviceQuality;
}

/** A document as the host's handlers see it. */
export interface HostDocument extends NewDocument {
  verdict?: Verdict;
  checkedAt?: number;
  review: { status: ReviewStatus; reason?: string; comment?: string; by?: string; at?: number };
  providerDocumentId?: string;
  replaces?: string;
  replacedBy?: string;
}

export interface ApplicantKyc {
  kycStatus: string;
  codeStatus: string;
  comment: string;
}

export type AuditAction = ReviewAuditTable['action'];

export interface AuditEntry {
  reviewer: string;
  action: AuditAction;
  userId: string;
  documentId?: string;
  reason?: string;
  comment?: string;
}

export type HostDb = Kysely<HostTables>;
export type HostTransaction = Transaction<HostTables>;

/** Before any review was asked for: the provider's own first status (110001). */
const NO_KYC: ApplicantKyc = { kycStatus: 'NONE', codeStatus: '110001', comment: '' };

/**
 * The host's records, on the database the host passes in: documents and their verdicts, reviews
 * with an audit row in the same transaction, applicants' KYC status from the provider's webhooks,
 * and every webhook accepted once.
 */
export async function openHostStore(database: SqlDatabase, now: () => number = Date.now) {
  await migrate(database, 'kyc', HOST_SCHEMA);
  const db = database.db.withTables<HostTables>();

  const audit = (trx: HostDb, entry: AuditEntry) =>
    trx
      .insertInto('kyc_review_audit')
      .values({
        id: randomUUID(),
        at: now(),
        reviewer: entry.reviewer,
        action: entry.action,
        user_id: entry.userId,
        document_id: entry.documentId ?? null,
        reason: entry.reason ?? null,
        comment: entry.comment ?? null,
      })
      .execute();

  return {
    db,
    dialect: database.dialect,
    ...createSubmissions(db, database.dialect, now),

    async addDocument(document: NewDocument): Promise<void> {
      await db
        .insertInto('kyc_documents')
        .values({
          document_id: document.documentId,
          user_id: document.userId,
          document_type: document.documentType,
          content_type: document.contentType,
          created_at: document.createdAt,
          form_expires_at: document.formExpiresAt,
          verdict: null,
          checked_at: null,
          review_status: 'pending',
          review_reason: null,
          review_comment: null,
          reviewed_by: null,
          reviewed_at: null,
          provider_document_id: null,
          replaces: null,
          replaced_by: null,
          kind: document.kind ?? null,
          subtype: document.subtype ?? null,
          side: document.side ?? null,
          device_quality: document.deviceQuality ? JSON.stringify(document.deviceQuality) : null,
        })
        .execute();
    },

    async document(documentId: string): Promise<HostDocument | undefined> {
      const row = await db.selectFrom('kyc_documents').selectAll().where('document_id', '=', documentId).executeTakeFirst();
      return row && toDocument(row);
    },

    /** The document, only when it belongs to this applicant. */
    async ownedDocument(documentId: string, userId: string): Promise<HostDocument | undefined> {
      const row = await db.selectFrom('kyc_documents').selectAll().where('document_id', '=', documentId).where('user_id', '=', userId).executeTakeFirst();
      return row && toDocument(row);
    },

    async documentsOf(userId: string): Promise<HostDocument[]> {
      const rows = await db.selectFrom('kyc_documents').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('document_id').execute();
      return rows.map(toDocument);
    },

    /**
     * Applicants with at least one document: those who submitted their set first (the latest
     * submission first), then the others, most recent activity first.
     */
    async applicantsWithDocuments(limit = 200): Promise<string[]> {
      const rows = await db
        .selectFrom('kyc_documents as d')
        .leftJoin(
          (eb) => eb.selectFrom('kyc_submissions').select(['user_id', (s) => s.fn.max('submitted_at').as('submitted')]).groupBy('user_id').as('s'),
          (join) => join.onRef('s.user_id', '=', 'd.user_id'),
        )
        .select(['d.user_id', (eb) => eb.fn.max('d.created_at').as('last'), (eb) => eb.fn.max('s.submitted').as('submitted')])
        .groupBy('d.user_id')
        // Spelt out: PostgreSQL sorts NULL first in a descending order, SQLite last.
        .orderBy(sql`case when max(s.submitted) is null then 1 else 0 end`)
        .orderBy('submitted', 'desc')
        .orderBy('last', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => row.user_id);
    },

    async saveVerdict(documentId: string, verdict: Verdict, checkedAt: number): Promise<void> {
      await db.updateTable('kyc_documents').set({ verdict: JSON.stringify(verdict), checked_at: checkedAt }).where('document_id', '=', documentId).execute();
    },

    /** A reviewer's decision on a document and its audit row, together or not at all. */
    async recordReview(documentId: string, status: Exclude<ReviewStatus, 'pending'>, entry: AuditEntry): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('kyc_documents')
          .set({ review_status: status, review_reason: entry.reason ?? null, review_comment: entry.comment ?? null, reviewed_by: entry.reviewer, reviewed_at: now() })
          .where('document_id', '=', documentId)
          .execute();
        await audit(trx, entry);
      });
    },

    /**
     * Takes the right to decide a document for `leaseMs`; false while another holds it. A holder
     * that died (a killed process) loses it when its lease runs out.
     */
    async claimReview(documentId: string, owner: string, leaseMs: number): Promise<boolean> {
      const at = now();
      const claimed = await db
        .insertInto('kyc_review_claims')
        .values({ document_id: documentId, owner, until: at + leaseMs })
        .onConflict((oc) => oc.column('document_id').doUpdateSet({ owner, until: at + leaseMs }).where('kyc_review_claims.until', '<', at))
        .executeTakeFirst();
      return Number(claimed.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    async releaseReview(documentId: string, owner: string): Promise<void> {
      await db.deleteFrom('kyc_review_claims').where('document_id', '=', documentId).where('owner', '=', owner).execute();
    },

    async audit(entry: AuditEntry): Promise<void> {
      await audit(db, entry);
    },

    async auditOf(userId: string, limit = 100) {
      return db.selectFrom('kyc_review_audit').selectAll().where('user_id', '=', userId).orderBy('at', 'desc').limit(limit).execute();
    },

    /**
     * A refused document replaced by a newer one of the same applicant and type. Each side is taken
     * only while free (the old one not replaced yet, the new one replacing nothing and replaced by
     * nothing), in one transaction: two replacements at once link one pair, and no chain loops back.
     * Returns false, changing nothing, when either was taken.
     */
    async markReplaced(oldId: string, newId: string): Promise<boolean> {
      const taken = new Error('taken');
      return db
        .transaction()
        .execute(async (trx) => {
          const old = await trx.updateTable('kyc_documents').set({ replaced_by: newId }).where('document_id', '=', oldId).where('replaced_by', 'is', null).executeTakeFirst();
          if (old.numUpdatedRows === 0n) throw taken;
          const replacement = await trx
            .updateTable('kyc_documents')
            .set({ replaces: oldId })
            .where('document_id', '=', newId)
            .where('replaces', 'is', null)
            .where('replaced_by', 'is', null)
            .executeTakeFirst();
          // Thrown, not returned: the first update is rolled back with it.
          if (replacement.numUpdatedRows === 0n) throw taken;
          return true;
        })
        .catch((error: unknown) => {
          if (error === taken) return false;
          throw error;
        });
    },

    async applicantKyc(userId: string): Promise<ApplicantKyc> {
      const row = await db.selectFrom('kyc_applicants').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return row ? { kycStatus: row.kyc_status, codeStatus: row.code_status, comment: row.kyc_review_comment } : NO_KYC;
    },

    /**
     * Records a webhook once and applies its effect in the same transaction: a redelivery, or two
     * deliveries racing, finds the id taken and changes nothing. So does a signed payload seen
     * before under another id (`signature`, canonical): a replay. Returns false for a duplicate.
     */
    async receiveWebhook(
      webhook: { webhookId: string; webhook: string; objectId: string; payload: unknown; signature?: string },
      apply: (trx: HostTransaction) => Promise<void>,
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('kyc_webhooks_received')
          .values({
            webhook_id: webhook.webhookId,
            webhook: webhook.webhook,
            object_id: webhook.objectId,
            received_at: now(),
            payload: JSON.stringify(webhook.payload),
            payload_signature: webhook.signature ?? null,
          })
          // Either key taken (the id, or the signature): nothing is inserted, nothing applied.
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
        await apply(trx);
        return true;
      });
    },

    async receivedWebhooks(limit = 200) {
      const rows = await db.selectFrom('kyc_webhooks_received').selectAll().orderBy('received_at', 'desc').orderBy('webhook_id').limit(limit).execute();
      return rows.map((row) => ({ webhookId: row.webhook_id, webhook: row.webhook, objectId: row.object_id, receivedAt: row.received_at, payload: JSON.parse(row.payload) as unknown }));
    },
  };
}

export type HostStore = Awaited<ReturnType<typeof openHostStore>>;

function toDocument(row: Selectable<DocumentsTable>): HostDocument {
  return {
    documentId: row.document_id,
    userId: row.user_id,
    documentType: row.document_type,
    contentType: row.content_type as AllowedType,
    createdAt: row.created_at,
    formExpiresAt: row.form_expires_at,
    ...(row.kind !== null ? { kind: row.kind } : {}),
    ...(row.subtype !== null ? { subtype: row.subtype } : {}),
    ...(row.side !== null ? { side: row.side } : {}),
    ...(row.device_quality ? { deviceQuality: JSON.parse(row.device_quality) as DeviceQuality } : {}),
    ...(row.verdict ? { verdict: JSON.parse(row.verdict) as Verdict } : {}),
    ...(row.checked_at !== null ? { checkedAt: row.checked_at } : {}),
    review: {
      status: row.review_status,
      ...(row.review_reason ? { reason: row.review_reason } : {}),
      ...(row.review_comment ? { comment: row.review_comment } : {}),
      ...(row.reviewed_by ? { by: row.reviewed_by } : {}),
      ...(row.reviewed_at !== null ? { at: row.reviewed_at } : {}),
    },
    ...(row.provider_document_id ? { providerDocumentId: row.provider_document_id } : {}),
    ...(row.replaces ? { replaces: row.replaces } : {}),
    ...(row.replaced_by ? { replacedBy: row.replaced_by } : {}),
  };
}

import type { SchemaStep } from '../db/migrate.js';
import { TIMESTAMP } from '../db/migrate.js';
import type { DocumentSide } from '../../core/document-set/document-slot.js';
import { HANDOFF_TABLES_STEP, type HandoffTables } from '../handoff/handoff-tables.js';

/** What the host knows of each document: whose it is, what its form allowed, the verdict, the review. */
export type DocumentsTable = {
  document_id: string;
  /** The applicant (the provider's user id, as text): the only one who may see or replace it. */
  user_id: string;
  document_type: number;
  /** The type the element asked the form for: verification holds the bytes to it. */
  content_type: string;
  created_at: number;
  /** Until then the form accepts new POSTs to the document's key. */
  form_expires_at: number;
  /** The server's verdict as JSON; null while nothing was verified. */
  verdict: string | null;
  /** When the read behind the verdict began. */
  checked_at: number | null;
  review_status: 'pending' | 'validated' | 'refused';
  review_reason: string | null;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  /** The provider's Document object, from the `document.create` webhook. */
  provider_document_id: string | null;
  /** The refused document this one replaces, and the one that replaced this. */
  replaces: string | null;
  replaced_by: string | null;
  /**
   * Which piece of a document set this is, as the presign request said (`identity-proof`,
   * `id-card`, `back`); null for a lone upload. Added by step 002.
   */
  kind: string | null;
  subtype: string | null;
  side: DocumentSide | null;
  /** The photo's quality as the applicant's browser reported it (JSON; advisory, forgeable); null when none. Added by step 005. */
  device_quality: string | null;
};

/** The provider's KYC status of each applicant, as its webhooks reported it. */
export type ApplicantsTable = {
  user_id: string;
  kyc_status: string;
  code_status: string;
  kyc_review_comment: string;
  /** Where the last applied event sits in the applicant's history (apply-treezor-event.ts): a later one only moves it on. */
  history_rank: number;
};

/** Every webhook accepted, once: receivers deduplicate by `webhook_id` (delivery is at least once). */
export type WebhooksReceivedTable = {
  webhook_id: string;
  webhook: string;
  object_id: string;
  received_at: number;
  /** The verified payload, kept for the audit trail and the demo's event log. */
  payload: string;
  /**
   * The payload's signature, in its canonical base64: unique, because only `object_payload` is
   * signed and a captured webhook could otherwise be replayed under a new `webhook_id`.
   */
  payload_signature: string | null;
};

/** Who did what to whose documents, and why: one row per reviewer action, never updated. */
export type ReviewAuditTable = {
  id: string;
  at: number;
  reviewer: string;
  action: 'validate-document' | 'refuse-document' | 'request-kyc-review' | 'kyc-decision';
  user_id: string;
  document_id: string | null;
  reason: string | null;
  comment: string | null;
};

/**
 * Who is deciding a document right now, and until when: a decision is told to the provider before
 * it is recorded here, so two at once (two reviewers, two processes) must not both go out.
 */
export type ReviewClaimsTable = {
  document_id: string;
  owner: string;
  until: number;
};

/**
 * Each time an applicant said they were done: the documents of their set as they sent them, each
 * checked against the host's records when it was written. Never updated; the latest one counts.
 */
export type SubmissionsTable = {
  id: string;
  user_id: string;
  submitted_at: number;
  /** JSON: `[{ kind, subtype, side, documentType, documentId }]`, in the order sent. */
  documents: string;
};

export type HostTables = {
  kyc_documents: DocumentsTable;
  kyc_applicants: ApplicantsTable;
  kyc_webhooks_received: WebhooksReceivedTable;
  kyc_review_audit: ReviewAuditTable;
  kyc_review_claims: ReviewClaimsTable;
  kyc_submissions: SubmissionsTable;
} & HandoffTables;

/** The host's schema, one definition for SQLite and PostgreSQL. Never edit a step: add one. */
export const HOST_SCHEMA: Record<string, SchemaStep> = {
  '001-host-tables': async (db) => {
    await db.schema
      .createTable('kyc_documents')
      .addColumn('document_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('document_type', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('form_expires_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('verdict', 'text')
      .addColumn('checked_at', TIMESTAMP)
      .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('review_reason', 'text')
      .addColumn('review_comment', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', TIMESTAMP)
      .addColumn('provider_document_id', 'text')
      .addColumn('replaces', 'text')
      .addColumn('replaced_by', 'text')
      .execute();
    await db.schema.createIndex('kyc_documents_by_user').on('kyc_documents').columns(['user_id', 'created_at']).execute();
    await db.schema
      .createTable('kyc_applicants')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('kyc_status', 'text', (c) => c.notNull())
      .addColumn('code_status', 'text', (c) => c.notNull())
      .addColumn('kyc_review_comment', 'text', (c) => c.notNull())
      .addColumn('history_rank', TIMESTAMP, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('kyc_webhooks_received')
      .addColumn('webhook_id', 'text', (c) => c.primaryKey())
      .addColumn('webhook', 'text', (c) => c.notNull())
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('received_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      // One spelling of the signature: a payload replayed under a new webhook_id is a duplicate.
      .addColumn('payload_signature', 'text')
      .execute();
    await db.schema.createIndex('kyc_webhooks_by_signature').unique().on('kyc_webhooks_received').column('payload_signature').execute();
    await db.schema.createIndex('kyc_webhooks_by_time').on('kyc_webhooks_received').column('received_at').execute();
    await db.schema
      .createTable('kyc_review_audit')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', TIMESTAMP, (c) => c.notNull())
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('comment', 'text')
      .execute();
    await db.schema.createIndex('kyc_review_audit_by_user').on('kyc_review_audit').columns(['user_id', 'at']).execute();
    await db.schema
      .createTable('kyc_review_claims')
      .addColumn('document_id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('until', TIMESTAMP, (c) => c.notNull())
      .execute();
  },
  '002-document-slots': async (db) => {
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    for (const column of ['kind', 'subtype', 'side']) {
      await db.schema.alterTable('kyc_documents').addColumn(column, 'text').execute();
    }
  },
  '003-submissions': async (db) => {
    await db.schema
      .createTable('kyc_submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('submitted_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('documents', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kyc_submissions_by_user').on('kyc_submissions').columns(['user_id', 'submitted_at']).execute();
  },
  // Continue on your phone (handoff/): defined beside the code that uses it.
  '004-handoffs': HANDOFF_TABLES_STEP,
  '005-device-quality': async (db) => {
    await db.schema.alterTable('kyc_documents').addColumn('device_quality', 'text').execute();
  },
};

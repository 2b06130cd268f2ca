import type { Kysely } from 'kysely';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { migrate, type SchemaStep, TIMESTAMP } from '../../src/server/db/migrate.js';

/**
 * The emulated Treezor's tables, all prefixed `treezor_` so that they sit next to the host's in one
 * database without meeting them. Portable types only: integers for flags and statuses, JSON as
 * text, times as milliseconds in bigint columns.
 */
// A type, not an interface: Kysely's withTables wants an index signature, which only types have.
export type ProviderTables = {
  /** Ids the way Treezor hands them out: numbers counting up, the same on both databases. */
  treezor_counters: { name: string; value: number };
  /** A user and its one KYC object (Treezor keeps exactly one per user). */
  treezor_users: {
    user_id: number;
    user_type_id: number;
    firstname: string;
    lastname: string;
    email: string;
    /** Legacy fields, still sent with the user and the KYC object. */
    kyc_level: number;
    kyc_review: number;
    kyc_review_comment: string;
    /** A key of KYC_STATUSES. */
    kyc_status: string;
    last_request_at: number | null;
    last_review_at: number | null;
    created_at: number;
    updated_at: number;
  };
  treezor_pre_review_documents: {
    document_id: string;
    user_id: number;
    document_type: number;
    /** 0 pending, 1 refused, 2 validated. */
    status: number;
    /** The type the form was signed for: the only type a validation accepts. */
    content_type: string;
    /** The key the pre-signed form writes to; it accepts new bytes until the form expires. */
    upload_key: string;
    /** A copy of the bytes that were verified, under a key no form can write; set on validation. */
    validated_key: string | null;
    /** The metadata the host sent, as JSON. */
    metadata: string;
    comment: string;
    treezor_document_id: string | null;
    created_at: number;
    updated_at: number;
    /** When the stored objects were deleted after the user's KYC was validated. */
    files_deleted_at: number | null;
  };
  /** The Document objects a validation creates. */
  treezor_documents: {
    document_id: string;
    /** Unique: one pre-review document never makes two Document objects. */
    pre_review_id: string;
    user_id: number;
    document_type_id: number;
    document_status: string;
    file_name: string;
    created_at: number;
    modified_at: number | null;
  };
  treezor_webhook_outbox: {
    webhook_id: string;
    /** Creation order, for delivering oldest first (created_at alone ties within a millisecond). */
    sequence: number;
    webhook: string;
    object: string;
    object_id: string;
    /** The object_payload as JSON; the signature is computed at delivery, the secret is never stored. */
    payload: string;
    created_at: number;
    attempts: number;
    next_attempt_at: number;
    /** Who holds (or last held) the row: a delivered row keeps the name of the process that delivered it. */
    lease_owner: string | null;
    lease_until: number | null;
    delivered_at: number | null;
    /** `HTTP 503`, `timeout`, `ECONNREFUSED`…: never a body, a payload or a secret. */
    last_error: string | null;
  };
};

/** The first ids, one below the seeds' own examples (user 1370854, Document 383597). */
const FIRST_IDS = { user: 1_370_853, document: 383_596, webhook: 0 };

const STEPS: Record<string, SchemaStep> = {
  '0001-provider': async (db: Kysely<never>) => {
    await db.schema
      .createTable('treezor_counters')
      .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    // Migrations see an untyped database (Kysely<never>); this step knows the one table it fills.
    await (db as unknown as Kysely<Pick<ProviderTables, 'treezor_counters'>>)
      .insertInto('treezor_counters')
      .values(Object.entries(FIRST_IDS).map(([name, value]) => ({ name, value })))
      .execute();

    await db.schema
      .createTable('treezor_users')
      .addColumn('user_id', 'bigint', (c) => c.primaryKey())
      .addColumn('user_type_id', 'integer', (c) => c.notNull())
      .addColumn('firstname', 'text', (c) => c.notNull())
      .addColumn('lastname', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('kyc_level', 'integer', (c) => c.notNull())
      .addColumn('kyc_review', 'integer', (c) => c.notNull())
      .addColumn('kyc_review_comment', 'text', (c) => c.notNull())
      .addColumn('kyc_status', 'varchar(20)', (c) => c.notNull())
      .addColumn('last_request_at', TIMESTAMP)
      .addColumn('last_review_at', TIMESTAMP)
      .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('treezor_pre_review_documents')
      .addColumn('document_id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('treezor_users.user_id'))
      .addColumn('document_type', 'integer', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'varchar(255)', (c) => c.notNull())
      .addColumn('upload_key', 'text', (c) => c.notNull())
      .addColumn('validated_key', 'text')
      .addColumn('metadata', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('treezor_document_id', 'varchar(20)')
      .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('files_deleted_at', TIMESTAMP)
      .execute();
    await db.schema.createIndex('treezor_pre_review_documents_user').on('treezor_pre_review_documents').columns(['user_id', 'created_at']).execute();

    await db.schema
      .createTable('treezor_documents')
      .addColumn('document_id', 'varchar(20)', (c) => c.primaryKey())
      .addColumn('pre_review_id', 'varchar(36)', (c) => c.notNull().unique())
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('treezor_users.user_id'))
      .addColumn('document_type_id', 'integer', (c) => c.notNull())
      .addColumn('document_status', 'varchar(20)', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('modified_at', TIMESTAMP)
      .execute();
    await db.schema.createIndex('treezor_documents_user').on('treezor_documents').column('user_id').execute();

    await db.schema
      .createTable('treezor_webhook_outbox')
      .addColumn('webhook_id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('sequence', 'bigint', (c) => c.notNull().unique())
      .addColumn('webhook', 'varchar(100)', (c) => c.notNull())
      .addColumn('object', 'varchar(100)', (c) => c.notNull())
      .addColumn('object_id', 'varchar(100)', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', TIMESTAMP, (c) => c.notNull())
      .addColumn('lease_owner', 'varchar(64)')
      .addColumn('lease_until', TIMESTAMP)
      .addColumn('delivered_at', TIMESTAMP)
      .addColumn('last_error', 'varchar(200)')
      .execute();
    // What the delivery worker scans: undelivered rows, oldest due first.
    await db.schema.createIndex('treezor_webhook_outbox_due').on('treezor_webhook_outbox').columns(['delivered_at', 'next_attempt_at']).execute();
  },
};

/** Brings the emulator's tables to their latest shape (its own migration table, side `treezor`). */
export function migrateProvider(database: SqlDatabase): Promise<void> {
  return migrate(database, 'treezor', STEPS);
}

import type { SchemaStep } from '../db/migrate.js';
import { TIMESTAMP } from '../db/migrate.js';
import type { DocumentSide } from '../../core/document-set/document-slot.js';

/**
 * One "continue on your phone": a desktop user's slot, handed to whichever device claims the token
 * first. Secrets are kept as SHA-256 hashes only: a copy of the database (a backup, a read-only
 * leak) claims nothing and presigns nothing.
 */
export type HandoffsTable = {
  /** Random, not secret: the desktop watches the handoff by it, with its own session. */
  handoff_id: string;
  user_id: string;
  document_type: number;
  kind: string | null;
  subtype: string | null;
  side: DocumentSide | null;
  /** SHA-256 (base64url) of the one-time token in the handoff URL's fragment. */
  token_hash: string;
  /** SHA-256 (base64url) of the phone's session credential, once claimed. */
  session_hash: string | null;
  created_at: number;
  /** The token, the phone's session and the desktop's watch all end here (at most 15 minutes). */
  expires_at: number;
  claimed_at: number | null;
  completed_at: number | null;
  document_id: string | null;
  /** The stored file as the server verified it (type, size); the name as the phone's presign request gave it. */
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
};

/**
 * Each form presigned with a phone's session: completing a handoff names one of these, so a phone
 * cannot report a document it did not upload through this handoff (another user's, say).
 */
export type HandoffFormsTable = {
  document_id: string;
  handoff_id: string;
  file_name: string;
  content_type: string;
  created_at: number;
};

export type HandoffTables = {
  kyc_handoffs: HandoffsTable;
  kyc_handoff_forms: HandoffFormsTable;
};

/** Step 004 of the host's schema (store/host-tables.ts): the handoff's two tables. */
export const HANDOFF_TABLES_STEP: SchemaStep = async (db) => {
  await db.schema
    .createTable('kyc_handoffs')
    .addColumn('handoff_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('document_type', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('subtype', 'text')
    .addColumn('side', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('session_hash', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('expires_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('claimed_at', TIMESTAMP)
    .addColumn('completed_at', TIMESTAMP)
    .addColumn('document_id', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_type', 'text')
    .addColumn('file_size', 'bigint')
    .execute();
  // Secrets are looked up by their hash, so each hash names one handoff at most.
  await db.schema.createIndex('kyc_handoffs_by_token').unique().on('kyc_handoffs').column('token_hash').execute();
  await db.schema.createIndex('kyc_handoffs_by_session').unique().on('kyc_handoffs').column('session_hash').execute();
  await db.schema.createIndex('kyc_handoffs_by_expiry').on('kyc_handoffs').column('expires_at').execute();
  await db.schema
    .createTable('kyc_handoff_forms')
    .addColumn('document_id', 'text', (c) => c.primaryKey())
    .addColumn('handoff_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kyc_handoff_forms_by_handoff').on('kyc_handoff_forms').column('handoff_id').execute();
};

import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Kysely, Selectable } from 'kysely';
import * as z from 'zod';
import type { SqlDialectName } from '../../src/server/db/database.js';
import { DocumentFormError, presignDocumentForm } from '../../src/server/presign-document-form.js';
import { slotMetadata } from '../../src/server/slot-metadata.js';
import type { ProviderContext } from './context.js';
import { notFound, ok, ProviderError, type Reply } from './provider-error.js';
import type { ProviderTables } from './schema.js';
import { deleteDocumentFiles, headContentType } from './stored-files.js';
import { isoWithOffset } from './treezor-time.js';
import { requireUser } from './users.js';

export type PreReviewRow = Selectable<ProviderTables['treezor_pre_review_documents']>;

const PREVIEW_SECONDS = 300;

const createBody = z.object({
  documentType: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  metadata: z.record(z.string(), z.unknown()).optional(),
  // This emulator's extension: Treezor signs `Content-Type` as "", the emulator signs the real type.
  contentType: z.string().max(255),
});

/** A pre-review document as Treezor lists it; keys and content type stay on the provider's side. */
export function preReviewJson(row: PreReviewRow) {
  const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
  return {
    documentId: row.document_id,
    documentType: row.document_type,
    status: row.status,
    userId: row.user_id,
    createdAt: isoWithOffset(row.created_at),
    metadata: row.treezor_document_id === null ? metadata : { ...metadata, treezor_document_id: row.treezor_document_id },
    comment: row.comment,
    updatedAt: isoWithOffset(row.updated_at),
  };
}

/** The row, locked for the transaction on PostgreSQL (SQLite writes one transaction at a time). */
export function findPreReview(db: Kysely<ProviderTables>, documentId: string, lock?: SqlDialectName): Promise<PreReviewRow | undefined> {
  return db
    .selectFrom('treezor_pre_review_documents')
    .selectAll()
    .where('document_id', '=', documentId)
    .$if(lock === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export async function requirePreReview(db: Kysely<ProviderTables>, documentId: string): Promise<PreReviewRow> {
  const row = await findPreReview(db, documentId);
  if (!row) throw notFound('document');
  return row;
}

/** POST /core-connect/users/{userId}/kyc/document: a pre-signed form, and the document it fills. */
export async function createPreReview(ctx: ProviderContext, userId: number, body: unknown): Promise<Reply> {
  const parsed = createBody.safeParse(body);
  if (!parsed.success) throw new ProviderError(400, 'invalid_request', parsed.error.issues[0]!.message);
  await requireUser(ctx.db, userId);
  const { documentType, metadata = {}, contentType } = parsed.data;
  let form;
  try {
    form = await presignDocumentForm(ctx.s3, {
      bucket: ctx.bucket,
      userId,
      documentType,
      contentType,
      // This emulator's extension: the stored object says which piece of a set it is. Only those
      // three keys, only valid: the rest of the host's metadata (a file name…) stays in the row.
      metadata: slotMetadata(metadata),
      maxSize: ctx.maxSize,
      expiresIn: ctx.formExpiresIn,
      ...(ctx.publicEndpoint ? { publicEndpoint: ctx.publicEndpoint } : {}),
    });
  } catch (error) {
    if (error instanceof DocumentFormError) throw new ProviderError(400, 'invalid_request', error.message);
    throw error;
  }
  const now = ctx.now();
  await ctx.db
    .insertInto('treezor_pre_review_documents')
    .values({
      document_id: form.documentId,
      user_id: userId,
      document_type: documentType,
      status: 0,
      content_type: form.formFields['Content-Type']!,
      upload_key: form.formFields['key']!,
      validated_key: null,
      metadata: JSON.stringify(metadata),
      comment: '',
      treezor_document_id: null,
      created_at: now,
      updated_at: now,
      files_deleted_at: null,
    })
    .execute();
  return ok(form);
}

/** GET /core-connect/users/{userId}/kyc/document: oldest first, as created. */
export async function listPreReviews(ctx: ProviderContext, userId: number): Promise<Reply> {
  const rows = await ctx.db
    .selectFrom('treezor_pre_review_documents')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('document_id')
    .execute();
  return ok(rows.map(preReviewJson));
}

/**
 * GET /core-connect/kyc/documents/{documentId}/preview. A validated document is previewed from the
 * copy that was verified, never from the key its form can still write.
 */
export async function previewPreReview(ctx: ProviderContext, documentId: string): Promise<Reply> {
  const row = await requirePreReview(ctx.db, documentId);
  if (row.files_deleted_at !== null) throw new ProviderError(404, 'not_found', "The file was deleted once the user's KYC was validated.");
  const key = row.validated_key ?? row.upload_key;
  const contentType = await headContentType(ctx.s3, ctx.bucket, key);
  if (contentType === undefined) throw new ProviderError(404, 'not_found', 'The document has not been uploaded yet.');
  // The provider vouches for nothing it stores: its link downloads opaque bytes, never a page.
  const url = await getSignedUrl(
    ctx.s3,
    new GetObjectCommand({ Bucket: ctx.bucket, Key: key, ResponseContentDisposition: 'attachment', ResponseContentType: 'application/octet-stream' }),
    { expiresIn: PREVIEW_SECONDS },
  );
  return ok({ url, contentType: contentType ?? 'application/octet-stream', duration: PREVIEW_SECONDS });
}

/**
 * DELETE /core-connect/kyc/documents/{documentId}: the stored objects first, then the row, so a
 * failure leaves a row to delete again rather than files nobody knows of. A Document object made
 * from it stays: it is Treezor's record of what was reviewed.
 */
export async function deletePreReview(ctx: ProviderContext, documentId: string): Promise<Reply> {
  const row = await requirePreReview(ctx.db, documentId);
  await deleteDocumentFiles(ctx.s3, ctx.bucket, row.upload_key);
  await ctx.db.deleteFrom('treezor_pre_review_documents').where('document_id', '=', documentId).execute();
  return { status: 204 };
}

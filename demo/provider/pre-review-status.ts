import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { isAllowedType } from '../../src/core/document-types.js';
import { verifyDocumentBytes } from '../../src/server/verify/verify-bytes.js';
import type { ProviderContext } from './context.js';
import { createDocumentObject, documentCreatePayload } from './document-objects.js';
import { findPreReview, preReviewJson, type PreReviewRow, requirePreReview } from './pre-review-documents.js';
import { ok, ProviderError, type Reply } from './provider-error.js';
import { readS3Object } from '../../src/server/verify/s3-read.js';
import { slotMetadata } from '../../src/server/slot-metadata.js';
import { copyIfUnchanged, deleteObjects, validatedCopyPrefix } from './stored-files.js';
import { requireUser } from './users.js';
import { enqueueWebhook } from './webhook-outbox.js';

const REFUSED = 1;
const VALIDATED = 2;

const statusBody = z.object({
  // 0 (PENDING) is where a document starts, never where a reviewer sends it back.
  status: z.union([z.literal(REFUSED), z.literal(VALIDATED)], { error: 'status must be 1 (REFUSED) or 2 (VALIDATED).' }),
  comment: z.string({ error: 'A comment is required.' }).trim().min(1, 'A comment is required.').max(1000),
});

/**
 * PUT /core-connect/kyc/documents/{documentId}/status. Validating twice is idempotent: the second
 * call answers 200 with the document as the first left it (its comment unchanged) and creates
 * nothing. Refusing a validated document is a conflict (409): its Document object exists already.
 */
export async function setPreReviewStatus(ctx: ProviderContext, documentId: string, body: unknown): Promise<Reply> {
  const row = await requirePreReview(ctx.db, documentId);
  const parsed = statusBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ProviderError(400, issue.path[0] === 'comment' ? 'comment_required' : 'invalid_status', issue.message);
  }
  const { status, comment } = parsed.data;
  if (row.status === VALIDATED) {
    if (status === VALIDATED) return ok(preReviewJson(row));
    throw new ProviderError(409, 'document_already_validated', 'A validated document cannot be refused: its Document object exists.');
  }
  return ok(preReviewJson(status === REFUSED ? await refuse(ctx, row, comment) : await validate(ctx, row, comment)));
}

async function refuse(ctx: ProviderContext, row: PreReviewRow, comment: string): Promise<PreReviewRow> {
  const updated = await ctx.db
    .updateTable('treezor_pre_review_documents')
    .set({ status: REFUSED, comment, updated_at: ctx.now() })
    .where('document_id', '=', row.document_id)
    // A validation committed since the read wins: the document is not refused behind its back.
    .where('status', '!=', VALIDATED)
    .returningAll()
    .executeTakeFirst();
  if (updated) return updated;
  const current = await requirePreReview(ctx.db, row.document_id);
  throw new ProviderError(409, 'document_already_validated', `The document is ${current.status === VALIDATED ? 'validated' : 'changed'}.`);
}

/**
 * The bytes are read and verified first, outside any transaction; only bytes that pass are copied,
 * under a key no form can write, and only if the upload still holds exactly those bytes (the form
 * accepts new ones until it expires). Then one transaction: status, Document object, webhook.
 */
async function validate(ctx: ProviderContext, row: PreReviewRow, comment: string): Promise<PreReviewRow> {
  const notVerifiable = (why: string) => new ProviderError(400, 'document_not_verifiable', `This document can never be validated: ${why}.`);
  const stored = await readS3Object(ctx.s3, ctx.bucket, row.upload_key, ctx.maxSize);
  if (stored === 'missing') throw notVerifiable('nothing was uploaded');
  if (stored === 'too-large') throw notVerifiable('it is larger than allowed');
  const allowedType = isAllowedType(row.content_type) ? row.content_type : undefined;
  if (!allowedType) throw notVerifiable('its type is not allowed');
  const verdict = await verifyDocumentBytes(stored.bytes, { maxSize: ctx.maxSize, allowedType });
  if (!verdict.ok) throw notVerifiable(`its content was refused (${verdict.code})`);

  // A key of its own per attempt: two concurrent validations never overwrite each other's copy.
  const validatedKey = `${validatedCopyPrefix(row.upload_key)}${randomUUID()}`;
  // The copy says what it is, as the upload did (its signed metadata), and which bytes it holds.
  const metadata = { ...slotMetadata(stored.metadata), sha256: verdict.sha256 };
  if (!(await copyIfUnchanged(ctx.s3, ctx.bucket, row.upload_key, validatedKey, stored.version, verdict.type, metadata))) {
    throw new ProviderError(409, 'document_changed', 'The document was replaced while it was verified; try again.');
  }

  const now = ctx.now();
  const dropCopy = () => deleteObjects(ctx.s3, ctx.bucket, [validatedKey]).catch(() => undefined);
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const current = await findPreReview(trx, row.document_id, ctx.dialect);
    if (!current || current.status === VALIDATED) return { current, created: false };
    const user = await requireUser(trx, current.user_id);
    const document = await createDocumentObject(trx, current, now);
    const updated = await trx
      .updateTable('treezor_pre_review_documents')
      .set({ status: VALIDATED, comment, updated_at: now, treezor_document_id: document.document_id, validated_key: validatedKey })
      .where('document_id', '=', current.document_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await enqueueWebhook(
      trx,
      { webhook: 'document.create', object: 'document', objectId: document.document_id, payload: documentCreatePayload(ctx, document, user) },
      now,
    );
    return { current: updated, created: true };
  }).catch(async (error: unknown) => {
    await dropCopy();
    throw error;
  });
  // Another validation won the race: its copy is the Document's file, this one is nobody's.
  if (!outcome.created) await dropCopy();
  if (!outcome.current) throw new ProviderError(404, 'not_found', 'No such document.');
  if (outcome.created) ctx.webhookQueued();
  return outcome.current;
}

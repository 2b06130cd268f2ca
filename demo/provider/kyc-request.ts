import type { Kysely } from 'kysely';
import type { ProviderContext, RequiredDocument } from './context.js';
import { documentTypeLabel } from './document-objects.js';
import { enqueueKycEvents } from './kyc-object.js';
import { KYC_REVIEW } from './kyc-review.js';
import { ok, ProviderError, type Reply } from './provider-error.js';
import type { ProviderTables } from './schema.js';
import { requireUser, usersEnvelope } from './users.js';

/**
 * PUT /v1/users/{userId}/Kycreview: the legacy user with kycLevel 0 and kycReview 1, the KYC object
 * PENDING, and both webhooks (the new life cycle's `kycreview.request`, the legacy
 * `user.kycrequest`), all in one transaction. Refused while a review is pending (409) and while a
 * required document (a type, or any one of a list) lacks a document (400 `required_document_missing`) or a validated one
 * (400 `required_document_not_validated`).
 */
export async function requestKycReview(ctx: ProviderContext, userId: number): Promise<Reply> {
  const now = ctx.now();
  const user = await ctx.db.transaction().execute(async (trx) => {
    const current = await requireUser(trx, userId, ctx.dialect);
    if (current.kyc_status === 'PENDING') throw new ProviderError(409, 'kyc_review_pending', 'A KYC review is already pending for this user.');
    await checkRequiredDocuments(trx, userId, ctx.requiredDocumentTypes);
    const updated = await trx
      .updateTable('treezor_users')
      .set({ kyc_status: 'PENDING', kyc_level: 0, kyc_review: KYC_REVIEW.PENDING, kyc_review_comment: '', last_request_at: now, updated_at: now })
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await enqueueKycEvents(trx, updated, ctx.clientId, { kyc: 'kycreview.request', legacy: 'user.kycrequest' }, now);
    return updated;
  });
  ctx.webhookQueued();
  return ok(usersEnvelope(user, ctx.clientId));
}

/**
 * Each required entry (a type, or a list of types any one of which will do) needs a Document
 * object Treezor has not refused (made by validating a pre-review document). Without one, a
 * pre-review document of that entry's types waiting, refused, or whose Document object was refused
 * by a past review means "not validated"; nothing at all, "missing".
 */
async function checkRequiredDocuments(db: Kysely<ProviderTables>, userId: number, required: ReadonlyArray<RequiredDocument>): Promise<void> {
  if (required.length === 0) return;
  const types = [...new Set(required.flatMap((entry) => (typeof entry === 'number' ? [entry] : [...entry])))];
  const documents = await db
    .selectFrom('treezor_documents')
    .select(['document_type_id', 'document_status'])
    .where('user_id', '=', userId)
    .where('document_type_id', 'in', types)
    .execute();
  const preReviews = await db
    .selectFrom('treezor_pre_review_documents')
    .select('document_type')
    .where('user_id', '=', userId)
    .where('document_type', 'in', types)
    .execute();
  for (const entry of required) {
    const anyOf = typeof entry === 'number' ? [entry] : entry;
    if (documents.some((d) => anyOf.includes(d.document_type_id) && d.document_status !== 'REFUSED')) continue;
    const named = anyOf.map((type) => `${type} (${documentTypeLabel(type)})`);
    const label = named.length === 1 ? `document type ${named[0]}` : `document of one of the types ${named.join(', ')}`;
    if (preReviews.some((d) => anyOf.includes(d.document_type)) || documents.some((d) => anyOf.includes(d.document_type_id))) {
      throw new ProviderError(400, 'required_document_not_validated', `No ${label} has been validated yet.`);
    }
    throw new ProviderError(400, 'required_document_missing', `A ${label} is required before a KYC review.`);
  }
}

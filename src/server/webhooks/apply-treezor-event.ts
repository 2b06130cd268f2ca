import * as z from 'zod';
import type { HostTransaction } from '../store/host-store.js';
import type { TreezorWebhook } from './treezor-signature.js';

// Payload shapes read here, nothing more: a signed payload is still the provider's JSON, checked
// field by field before it changes a row. No NUL reaches a query: PostgreSQL's text refuses it, and
// the resulting 5xx would have the provider retry the event for ever. An id with one does not
// match (the event is kept, not applied); a comment loses it.
const id = (max: number) => z.coerce.string().max(max).regex(/^[^\u0000]*$/);
const documentCreate = z.object({
  documents: z.array(z.object({ documentId: id(64), userId: id(64), name: id(64) })).min(1),
});

const kycObject = z.object({
  userId: id(64),
  kycStatus: id(40),
  codeStatus: id(20),
  kycReviewComment: z
    .string()
    .max(2000)
    .nullish()
    .transform((comment) => comment?.replaceAll('\u0000', '')),
  lastRequestDatetime: z.string().max(40).nullish(),
  lastReviewDatetime: z.string().max(40).nullish(),
});

/**
 * Where an event sits in the applicant's history, from the signed KYC object (the envelope's
 * `webhook_created_at` is not signed: a relay could date an old event in the future). Times are
 * whole seconds, so a review in the same second as its request is ranked after it.
 */
function historyRank(kyc: z.infer<typeof kycObject>, receivedAt: number): number {
  const time = (value: string | null | undefined) => {
    const ms = value ? Date.parse(value) : NaN;
    return Number.isFinite(ms) ? ms : undefined;
  };
  const requested = time(kyc.lastRequestDatetime);
  const reviewed = time(kyc.lastReviewDatetime);
  if (requested === undefined && reviewed === undefined) return receivedAt * 2;
  const latest = Math.max(requested ?? -Infinity, reviewed ?? -Infinity);
  return latest * 2 + (reviewed !== undefined && reviewed >= (requested ?? -Infinity) ? 1 : 0);
}

/** The new KYC life cycle's events carry the KYC object, bare or under `kyc`. */
const kycEvent = z.union([kycObject, z.object({ kyc: kycObject }).transform((payload) => payload.kyc)]);

/**
 * What a verified provider event changes on the host, inside the transaction that records it:
 * `document.create` links the pre-review document to the provider's Document object;
 * `kycreview.request` and `kycreview.result` set the applicant's KYC status. An older event
 * arriving after a newer one (a retried delivery) does not move the status back: they are ordered
 * by the signed request and review times. The legacy
 * `user.kycrequest` and `user.kycreview` are recorded only: their news comes in the new events too.
 */
export async function applyTreezorEvent(trx: HostTransaction, webhook: TreezorWebhook, receivedAt: number): Promise<void> {
  if (webhook.webhook === 'document.create') {
    const parsed = documentCreate.safeParse(webhook.object_payload);
    if (!parsed.success) return;
    for (const document of parsed.data.documents) {
      // A Document's `name` is whatever its creator wrote: it links only a document of the same user.
      await trx
        .updateTable('kyc_documents')
        .set({ provider_document_id: document.documentId })
        .where('document_id', '=', document.name)
        .where('user_id', '=', document.userId)
        .execute();
    }
    return;
  }
  if (webhook.webhook === 'kycreview.request' || webhook.webhook === 'kycreview.result') {
    const parsed = kycEvent.safeParse(webhook.object_payload);
    if (!parsed.success) return;
    const kyc = parsed.data;
    const at = historyRank(kyc, receivedAt);
    const values = { kyc_status: kyc.kycStatus, code_status: kyc.codeStatus, kyc_review_comment: kyc.kycReviewComment ?? '', history_rank: at };
    await trx
      .insertInto('kyc_applicants')
      .values({ user_id: kyc.userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values).where('kyc_applicants.history_rank', '<=', at))
      .execute();
  }
}

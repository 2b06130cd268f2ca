import * as z from 'zod';
import { KYC_DECISIONS } from '../../src/server/kyc-statuses.js';
import type { ProviderContext } from './context.js';
import { enqueueKycEvents, kycObject } from './kyc-object.js';
import { KYC_REVIEW } from './kyc-review.js';
import { ok, ProviderError, type Reply } from './provider-error.js';
import { requireUser } from './users.js';
import { deleteValidatedFiles } from './validated-files.js';

const decisionBody = z.object({
  status: z.enum(KYC_DECISIONS, { error: `status must be ${KYC_DECISIONS.join(', ')}.` }),
  comment: z.string({ error: 'A comment is required.' }).trim().min(1, 'A comment is required.').max(1000),
});

/**
 * The legacy fields each decision leaves. kycLevel 1 for a validated user is the seed's own KYC
 * object (VALIDATED with kycLevel 1, kycReview 2). The legacy kycReview has no INCOMPLETE value
 * (0 NONE, 1 PENDING, 2 VALIDATED, 3 REFUSED): an incomplete review reads as "no review" there,
 * which is also what lets the host ask for one again once the missing piece is sent.
 */
const OUTCOMES = {
  VALIDATED: { kycLevel: 1, kycReview: KYC_REVIEW.VALIDATED, documentStatus: 'VALIDATED' },
  REFUSED: { kycLevel: 0, kycReview: KYC_REVIEW.REFUSED, documentStatus: 'REFUSED' },
  // The review did not conclude: the Documents stay PENDING for the next one.
  INCOMPLETE: { kycLevel: 0, kycReview: KYC_REVIEW.NONE, documentStatus: undefined },
} as const;

/**
 * PUT /demo-compliance/users/{userId}/kyc-decision — demo only, standing for Treezor's compliance
 * team. Only a PENDING review can be decided (409 otherwise). One transaction: the KYC object, the
 * legacy user fields, the Document objects, `kycreview.result` and `user.kycreview`. Once the user
 * is VALIDATED their validated documents' files are deleted, after the commit (a failure is
 * retried when the emulator next starts). Answers the KYC object, as `GET …/kyc` would.
 */
export async function decideKycReview(ctx: ProviderContext, userId: number, body: unknown): Promise<Reply> {
  const parsed = decisionBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ProviderError(400, issue.path[0] === 'comment' ? 'comment_required' : 'invalid_request', issue.message);
  }
  const { status, comment } = parsed.data;
  const outcome = OUTCOMES[status];
  const now = ctx.now();
  const user = await ctx.db.transaction().execute(async (trx) => {
    const current = await requireUser(trx, userId, ctx.dialect);
    if (current.kyc_status !== 'PENDING') throw new ProviderError(409, 'kyc_review_not_pending', 'No KYC review is pending for this user.');
    const updated = await trx
      .updateTable('treezor_users')
      .set({
        kyc_status: status,
        kyc_level: outcome.kycLevel,
        kyc_review: outcome.kycReview,
        kyc_review_comment: comment,
        last_review_at: now,
        updated_at: now,
      })
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (outcome.documentStatus) {
      await trx
        .updateTable('treezor_documents')
        .set({ document_status: outcome.documentStatus, modified_at: now })
        .where('user_id', '=', userId)
        .where('document_status', '=', 'PENDING')
        .execute();
    }
    await enqueueKycEvents(trx, updated, ctx.clientId, { kyc: 'kycreview.result', legacy: 'user.kycreview' }, now);
    return updated;
  });
  ctx.webhookQueued();
  if (status === 'VALIDATED') {
    await deleteValidatedFiles(ctx, userId).catch((error: unknown) => {
      console.error('treezor emulator: validated files not deleted yet:', error instanceof Error ? error.message : error);
    });
  }
  return ok(kycObject(user, ctx.clientId));
}

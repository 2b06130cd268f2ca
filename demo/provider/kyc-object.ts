import type { Kysely } from 'kysely';
import type { ProviderContext } from './context.js';
import { isKycStatus, KYC_STATUSES } from '../../src/server/kyc-statuses.js';
import { ok, type Reply } from './provider-error.js';
import { isoZulu } from './treezor-time.js';
import type { ProviderTables } from './schema.js';
import { requireUser, type UserRow, usersEnvelope } from './users.js';
import { enqueueWebhook } from './webhook-outbox.js';

/**
 * The user's KYC object, field for field as the seed's "KYC object": numbers where it has numbers,
 * the status's code and text from the one table. Dates never set are null. `nextReviewDate` stays
 * null: periodic reviews are not emulated.
 */
export function kycObject(user: UserRow, clientId: number) {
  const status = isKycStatus(user.kyc_status) ? user.kyc_status : 'NONE';
  return {
    userId: user.user_id,
    clientId,
    distributionCountry: 'FR',
    kycLevel: user.kyc_level,
    kycReview: user.kyc_review,
    kycReviewComment: user.kyc_review_comment,
    kycStatus: status,
    kycReviewType: 'ONBOARDING',
    codeStatus: KYC_STATUSES[status].codeStatus,
    informationStatus: KYC_STATUSES[status].informationStatus,
    lastRequestDatetime: user.last_request_at === null ? null : isoZulu(user.last_request_at),
    lastReviewDatetime: user.last_review_at === null ? null : isoZulu(user.last_review_at),
    nextReviewDate: null,
  };
}

/** GET /v1/users/{userId}/kyc */
export async function getKyc(ctx: ProviderContext, userId: number): Promise<Reply> {
  return ok(kycObject(await requireUser(ctx.db, userId), ctx.clientId));
}

/**
 * A KYC change is told twice, in the same transaction as the change: the new life cycle's event
 * carries the KYC object, the legacy one the user. The KYC object has no id of its own (one per
 * user): both events name the user's id.
 */
export async function enqueueKycEvents(
  trx: Kysely<ProviderTables>,
  user: UserRow,
  clientId: number,
  events: { kyc: string; legacy: string },
  now: number,
): Promise<void> {
  const objectId = String(user.user_id);
  await enqueueWebhook(trx, { webhook: events.kyc, object: 'kyc', objectId, payload: kycObject(user, clientId) }, now);
  await enqueueWebhook(trx, { webhook: events.legacy, object: 'user', objectId, payload: usersEnvelope(user, clientId) }, now);
}

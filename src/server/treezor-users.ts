import * as z from 'zod';
import { TreezorRequestError } from './treezor-errors.js';
import { expectOk, treezorCall } from './treezor-connection.js';
import type { TreezorConnection } from './treezor-documents.js';

const userSchema = z.object({ userId: z.coerce.string().max(32), kycReview: z.coerce.string().max(4).optional() });
const usersSchema = z.object({ users: z.array(userSchema).min(1) });
const kycSchema = z.object({
  userId: z.coerce.string().max(32),
  kycStatus: z.string().max(40),
  codeStatus: z.coerce.string().max(20),
  informationStatus: z.string().max(500).optional(),
  kycReviewComment: z.string().max(2000).nullish(),
});
const errorsSchema = z.object({ errors: z.array(z.object({ code: z.string().max(80) })).min(1) });

export type TreezorKyc = z.infer<typeof kycSchema>;

/** `POST /v1/users`: the applicant's user at the provider, created when they first sign up. */
export async function createTreezorUser(connection: TreezorConnection, user: { firstname: string; lastname: string; email?: string }): Promise<string> {
  const response = await expectOk(await treezorCall(connection, 'POST', '/v1/users', { userTypeId: 1, ...user }), 'the user creation');
  const parsed = usersSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new TreezorRequestError('Treezor answered the user creation with an unexpected shape.', 0);
  return parsed.data.users[0]!.userId;
}

/**
 * `PUT /v1/users/{userId}/Kycreview`. A refusal carries the provider's error code (a required
 * document missing or not validated, a review already pending), which is all a reviewer needs.
 */
export async function requestTreezorKycReview(connection: TreezorConnection, userId: string): Promise<void> {
  const response = await treezorCall(connection, 'PUT', `/v1/users/${encodeURIComponent(userId)}/Kycreview`);
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const code = errorsSchema.safeParse(await response.json().catch(() => null));
  throw new TreezorRequestError(`Treezor refused the KYC review request (${response.status}${code.success ? `, ${code.data.errors[0]!.code}` : ''}).`, response.status, code.success ? code.data.errors[0]!.code : undefined);
}

/** `GET /v1/users/{userId}/kyc`: the KYC object, as the provider has it now. */
export async function getTreezorKyc(connection: TreezorConnection, userId: string): Promise<TreezorKyc> {
  const response = await expectOk(await treezorCall(connection, 'GET', `/v1/users/${encodeURIComponent(userId)}/kyc`), 'the KYC request');
  const parsed = kycSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new TreezorRequestError('Treezor answered the KYC request with an unexpected shape.', 0);
  return parsed.data;
}

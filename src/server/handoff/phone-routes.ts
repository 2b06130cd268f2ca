import * as z from 'zod';
import { errorResponse, jsonResponse } from '../web/json.js';
import { readPost } from '../web/user-post.js';
import type { RequestContext } from '../web/node-adapter.js';
import type { HandoffContext } from './handoffs.js';
import type { HandoffSlot } from './handoff-slot.js';
import { isSecretShape } from './handoff-secrets.js';
import { type HandoffRow, slotOfRow, stateOf, viewOf } from './handoff-store.js';
import { HANDOFF_SESSION_HEADER } from './phone-session.js';
import { tooMany } from './desktop-routes.js';

/** What a phone gets for the token: its session credential and the one slot it may upload. */
export interface ClaimedHandoff {
  /** Sent as the `kyc-handoff-session` header to the element endpoint and to complete. */
  session: string;
  slot: HandoffSlot;
  expiresAt: string;
}

const claimBody = z.strictObject({ token: z.string().max(128) });
const completeBody = z.strictObject({ documentId: z.string().min(1).max(128) });

const unknownToken = () => errorResponse(404, 'handoff-unknown', 'This code is not valid. Scan the code on your computer again.');
const expired = () => errorResponse(410, 'handoff-expired', 'This code has expired. Make a new one on your computer.');
const sessionInvalid = () => errorResponse(401, 'handoff-session-invalid', 'This phone session has ended; scan a new code on your computer.');

/**
 * POST `{ token }` (JSON, never the URL: query strings end up in logs) → 200 ClaimedHandoff, once:
 * the first device wins. 404 `handoff-unknown`, 410 `handoff-expired`, 409 `handoff-claimed`,
 * 429 `too-many-requests` (per client address, and per handoff), 400 `invalid-request`.
 */
export async function claimHandoff(context: HandoffContext, request: Request, requestContext: RequestContext): Promise<Response> {
  const clientAddress = requestContext.clientAddress ?? '';
  // Counted before anything is read or looked up: a guesser pays for every try, right or wrong.
  const perClient = context.limiters.claimsPerClient.take(clientAddress);
  if (!perClient.allowed) {
    await request.body?.cancel();
    context.log({ event: 'rate-limited', code: 'claim', clientAddress });
    return tooMany(perClient.retryAfterSeconds, 'Too many attempts');
  }
  const body = await readPost(request, { schema: claimBody, maxBytes: 256 });
  if (!body.ok) return body.response;
  const { token } = body.data;
  const known = isSecretShape(token) ? await context.store.byToken(token) : undefined;
  if (!known) {
    context.log({ event: 'claim-refused', code: 'handoff-unknown', clientAddress });
    return unknownToken();
  }
  const perHandoff = context.limiters.claimsPerHandoff.take(known.handoff_id);
  if (!perHandoff.allowed) {
    context.log({ event: 'rate-limited', handoffId: known.handoff_id, code: 'claim', clientAddress });
    return tooMany(perHandoff.retryAfterSeconds, 'Too many attempts');
  }
  const claim = await context.store.claim(token);
  if (!claim.ok) {
    const response = claim.refusal === 'claimed' ? errorResponse(409, 'handoff-claimed', 'This code was already used on another device.') : claim.refusal === 'expired' ? expired() : unknownToken();
    context.log({ event: 'claim-refused', handoffId: known.handoff_id, code: claim.refusal === 'claimed' ? 'handoff-claimed' : `handoff-${claim.refusal}`, clientAddress });
    return response;
  }
  context.watchers.notify(claim.row.handoff_id);
  context.log({ event: 'claimed', handoffId: claim.row.handoff_id, userId: claim.row.user_id, clientAddress });
  const claimed: ClaimedHandoff = { session: claim.session, slot: slotOfRow(claim.row), expiresAt: new Date(claim.row.expires_at).toISOString() };
  return jsonResponse(200, claimed);
}

/**
 * POST `{ documentId }` with the phone's session header → 200 HandoffView (`completed`), once; the
 * same call again (a lost answer) gets the same answer. The document must be one presigned through
 * this handoff, stored and passing verification. 401 `handoff-session-invalid`, 410
 * `handoff-expired`, 409 `handoff-completed` (with another document), 404 `unknown-document`, 409
 * `upload-missing`, 422 `upload-refused`, 429, 400.
 */
export async function completeHandoff(context: HandoffContext, request: Request): Promise<Response> {
  const credential = request.headers.get(HANDOFF_SESSION_HEADER);
  const row = isSecretShape(credential) ? await context.store.bySession(credential) : undefined;
  if (!row) {
    await request.body?.cancel();
    return sessionInvalid();
  }
  const body = await readPost(request, { schema: completeBody, maxBytes: 512 });
  if (!body.ok) return body.response;
  const { documentId } = body.data;
  const settled = settledAnswer(context, row, documentId);
  if (settled) return settled;
  const refuse = (status: number, code: string, message: string) => {
    context.log({ event: 'complete-refused', handoffId: row.handoff_id, userId: row.user_id, code });
    return errorResponse(status, code, message);
  };
  const admission = context.limiters.completes.take(row.handoff_id);
  if (!admission.allowed) return tooMany(admission.retryAfterSeconds, 'Too many attempts');
  const form = await context.store.form(row.handoff_id, documentId);
  if (!form) return refuse(404, 'unknown-document', 'This document was not uploaded through this handoff.');
  const verdict = await context.verifyUpload({ documentId, userId: row.user_id });
  if (!verdict.ok) {
    return verdict.code === 'missing'
      ? refuse(409, 'upload-missing', 'Nothing is stored for this document yet.')
      : refuse(422, 'upload-refused', `The stored document was refused (${verdict.code}).`);
  }
  const done = await context.store.complete(row.handoff_id, row.session_hash!, documentId, { name: form.file_name, type: verdict.type, size: verdict.size });
  const after = await context.store.byId(row.handoff_id);
  if (!done) return (after && settledAnswer(context, after, documentId)) ?? sessionInvalid();
  context.watchers.notify(row.handoff_id);
  context.log({ event: 'completed', handoffId: row.handoff_id, userId: row.user_id, documentId });
  return jsonResponse(200, viewOf(after!, context.now()));
}

/** The answer for a handoff that is over: the same success again, or why not. */
function settledAnswer(context: HandoffContext, row: HandoffRow, documentId: string): Response | undefined {
  const state = stateOf(row, context.now());
  if (state === 'completed') {
    return row.document_id === documentId ? jsonResponse(200, viewOf(row, context.now())) : errorResponse(409, 'handoff-completed', 'This handoff is already complete with another document.');
  }
  if (state === 'expired') return expired();
  return undefined;
}

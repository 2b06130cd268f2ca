import * as z from 'zod';
import { slotClaimProblem } from '../../core/document-set/requirements.js';
import { errorResponse, jsonResponse } from '../web/json.js';
import { readUserPost } from '../web/user-post.js';
import type { HandoffContext } from './handoffs.js';
import { handoffSlotShape, slotOf } from './handoff-slot.js';
import { type HandoffView, viewOf } from './handoff-store.js';
import { eventStreamResponse } from './event-stream.js';
import { LANGUAGE_TAG, MAX_LANGUAGE_TAG_LENGTH } from '../../core/handoff/language-tag.js';

const createBody = z.strictObject({
  ...handoffSlotShape,
  /** The language the computer's widget speaks: the phone page speaks it too. */
  lang: z.string().max(MAX_LANGUAGE_TAG_LENGTH).regex(LANGUAGE_TAG).optional(),
});

/** What the desktop gets for a new handoff: the URL for the QR code, and where to watch it. */
export interface CreatedHandoff {
  handoffId: string;
  /**
   * The phone page's URL with `#handoff=<token>` (and `?lang=` the computer's language, when it
   * said one): the QR code's content.
   */
  url: string;
  /** The one-time token alone (it is also in `url`). */
  token: string;
  expiresAt: string;
  /** Seconds the code works from now (Treezor's `expireIn`): what the computer says, whatever its clock. */
  expiresIn: number;
  /** `GET` for the state, JSON. */
  statusUrl: string;
  /** `GET` for the state as Server-Sent Events. */
  eventsUrl: string;
}

/**
 * POST `{ documentType, kind?, subtype?, side?, lang? }` with the desktop's session → 201 CreatedHandoff.
 * 401 `unauthenticated`, 400 `invalid-request` (also a slot the requirements do not ask for),
 * 429 `too-many-requests`.
 */
export async function createHandoff(context: HandoffContext, request: Request): Promise<Response> {
  const post = await readUserPost(request, { resolveUser: context.resolveUser, schema: createBody, maxBytes: 1024, signInMessage: 'Sign in before handing an upload to your phone.' });
  if (!post.ok) return post.response;
  const userId = String(post.userId);
  const slot = slotOf(post.data);
  const misfit = context.requirements && slotClaimProblem(context.requirements, slot);
  if (misfit) return errorResponse(400, 'invalid-request', `This document does not fit the requirements: ${misfit}.`);
  const admission = context.limiters.create.take(userId);
  if (!admission.allowed) {
    context.log({ event: 'rate-limited', userId, code: 'create' });
    return tooMany(admission.retryAfterSeconds, 'Too many phone handoffs');
  }
  await context.purgeIfDue();
  const { handoffId, token, expiresAt } = await context.store.create(userId, slot, context.ttlMs);
  context.log({ event: 'created', handoffId, userId });
  const url = new URL(context.phonePageUrl);
  // The language is no secret: in the query, for the server to render the page in it. The token
  // is, and stays in the fragment, which no browser sends.
  if (post.data.lang) url.searchParams.set('lang', post.data.lang);
  url.hash = `handoff=${token}`;
  const created: CreatedHandoff = {
    handoffId,
    url: url.href,
    token,
    expiresAt: new Date(expiresAt).toISOString(),
    expiresIn: Math.round((expiresAt - context.now()) / 1000),
    statusUrl: `${context.basePath}/${handoffId}`,
    eventsUrl: `${context.basePath}/${handoffId}/events`,
  };
  return jsonResponse(201, created);
}

/** The handoff, when it is the signed-in user's; every other case is the same 404 or 401. */
async function ownHandoff(context: HandoffContext, request: Request, handoffId: string, methods: readonly string[]) {
  await request.body?.cancel();
  if (!methods.includes(request.method)) return { response: errorResponse(405, 'method-not-allowed', `Use ${methods.join(' or ')}.`, { allow: methods.join(', ') }) };
  const user = await context.resolveUser(request);
  if (user === null || user === undefined) return { response: errorResponse(401, 'unauthenticated', 'Sign in to follow this handoff.') };
  const userId = String(user);
  const row = await context.store.byId(handoffId);
  // Another user's handoff is not found, as one that never was: its id says nothing.
  if (!row || row.user_id !== userId) return { response: errorResponse(404, 'not-found', 'No such handoff.') };
  return { row, userId };
}

/** GET with the desktop's session → 200 HandoffView. 401, 404 `not-found`, 429. */
export async function handoffStatus(context: HandoffContext, request: Request, handoffId: string): Promise<Response> {
  const own = await ownHandoff(context, request, handoffId, ['GET', 'HEAD']);
  if (!own.row) return own.response;
  const admission = context.limiters.status.take(own.userId);
  if (!admission.allowed) return tooMany(admission.retryAfterSeconds, 'Too many status reads');
  return jsonResponse(200, viewOf(own.row, context.now()));
}

/**
 * DELETE with the desktop's session → 200 HandoffView: ends a handoff that has not completed (the
 * desktop saw a claim it did not make: someone photographed the code). 401, 404.
 */
export async function cancelHandoff(context: HandoffContext, request: Request, handoffId: string): Promise<Response> {
  const own = await ownHandoff(context, request, handoffId, ['DELETE']);
  if (!own.row) return own.response;
  await context.store.cancel(handoffId);
  context.watchers.notify(handoffId);
  context.log({ event: 'cancelled', handoffId, userId: own.userId });
  const row = await context.store.byId(handoffId);
  return jsonResponse(200, viewOf(row ?? own.row, context.now()));
}

/**
 * GET with the desktop's session → `text/event-stream`: a HandoffView as each message's data
 * whenever it changes, a heartbeat comment between, the end after `completed` or `expired`. 429
 * `too-many-streams` past the caps (per handoff, per user, in all).
 */
export async function handoffEvents(context: HandoffContext, request: Request, handoffId: string): Promise<Response> {
  // GET only: a HEAD would hold a stream slot for a body nobody reads.
  const own = await ownHandoff(context, request, handoffId, ['GET']);
  if (!own.row) return own.response;
  const release = context.watchers.open(handoffId, own.userId);
  if (!release) {
    context.log({ event: 'rate-limited', handoffId, userId: own.userId, code: 'streams' });
    return errorResponse(429, 'too-many-streams', 'Too many open watches of handoffs; close one or poll instead.', { 'retry-after': '10' });
  }
  const expiresAt = own.row.expires_at;
  const { streams } = context;
  return eventStreamResponse<HandoffView>({
    read: async () => {
      const row = await context.store.byId(handoffId);
      // Purged: it ended long ago, and whatever it was, it is over.
      return row ? viewOf(row, context.now()) : { state: 'expired', expiresAt: new Date(expiresAt).toISOString() };
    },
    isFinal: (view) => view.state === 'completed' || view.state === 'expired',
    subscribe: (wake) => context.watchers.subscribe(handoffId, wake),
    pollMs: streams.pollMs,
    heartbeatMs: streams.heartbeatMs,
    retryMs: streams.retryMs,
    timers: context.timers,
    signal: request.signal,
    onClose: release,
  });
}

export function tooMany(retryAfterSeconds: number, what: string): Response {
  const retryAfter = String(retryAfterSeconds);
  return errorResponse(429, 'too-many-requests', `${what}; try again in ${retryAfter} s.`, { 'retry-after': retryAfter });
}

import { createRateLimiter, type RateDecision } from '../rate-limit.js';
import { resolvedOrThrow } from '../document-requirements.js';
import type { ResolvedRequirement } from '../../core/document-set/requirements.js';
import type { HandoffTables } from './handoff-tables.js';
import { errorResponse } from '../web/json.js';
import type { RequestContext, WebHandler } from '../web/node-adapter.js';
import type { ResolveUser } from '../web/user-post.js';
import type { Timers } from './event-stream.js';
import { systemTimers } from './event-stream.js';
import {
  DEFAULT_HANDOFF_LIMITS,
  DEFAULT_HANDOFF_STREAMS,
  DEFAULT_HANDOFF_TTL_MS,
  type HandoffLimits,
  type HandoffLogEntry,
  type HandoffOptions,
  type HandoffStreams,
  MAX_HANDOFF_TTL_MS,
} from './handoff-options.js';
import { createHandoffStore, type HandoffStore } from './handoff-store.js';
import { createHandoffWatchers, type HandoffWatchers } from './handoff-watchers.js';
import { createPhoneSessions, type PhoneSessions } from './phone-session.js';
import { cancelHandoff, createHandoff, handoffEvents, handoffStatus } from './desktop-routes.js';
import { claimHandoff, completeHandoff } from './phone-routes.js';

type Limiter = { take(key: string): RateDecision };

/** What the routes share: the options with their defaults, the rows, the limiters, the watchers. */
export interface HandoffContext {
  store: HandoffStore;
  watchers: HandoffWatchers;
  resolveUser: ResolveUser;
  verifyUpload: HandoffOptions['verifyUpload'];
  requirements: readonly ResolvedRequirement[] | undefined;
  phonePageUrl: URL;
  basePath: string;
  ttlMs: number;
  streams: HandoffStreams;
  timers: Timers;
  now: () => number;
  limiters: Record<'create' | 'claimsPerClient' | 'claimsPerHandoff' | 'completes' | 'status', Limiter>;
  log(entry: HandoffLogEntry): void;
  /** Purges ended handoffs when the last purge is older than `purgeEveryMs`. */
  purgeIfDue(): Promise<void>;
}

export interface Handoffs {
  /**
   * Every handoff route, mounted at `basePath`: `POST {base}` (create), `POST {base}/claim`,
   * `POST {base}/complete`, `GET {base}/{id}` (status), `DELETE {base}/{id}` (cancel),
   * `GET {base}/{id}/events` (event stream).
   */
  handler: WebHandler;
  /** For `createDocumentFormHandler({ phoneSessions })`: claimed phones presign through the same endpoint. */
  phoneSessions: PhoneSessions;
  /** Deletes handoffs ended more than `retentionMs` ago, with their forms; returns how many. */
  purgeExpired(): Promise<number>;
}

const HANDOFF_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * "Continue on your phone": a desktop user hands one slot to their phone through a QR code. The
 * URL carries a one-time token in its fragment; the first device to claim it gets a session that
 * presigns for that user and slot only, until it completes or expires (≤ 15 minutes); the desktop
 * learns the stored document by its event stream or by polling. Secrets are stored hashed only.
 */
export function createHandoffs(options: HandoffOptions): Handoffs {
  const ttlMs = options.ttlMs ?? DEFAULT_HANDOFF_TTL_MS;
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1 || ttlMs > MAX_HANDOFF_TTL_MS) throw new Error(`ttlMs must be 1 to ${MAX_HANDOFF_TTL_MS} ms.`);
  const phonePageUrl = new URL(options.phonePageUrl);
  if (phonePageUrl.hash) throw new Error('phonePageUrl must have no fragment: the token goes there.');
  const basePath = (options.basePath ?? '/api/kyc/handoff').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const limits: HandoffLimits = { ...DEFAULT_HANDOFF_LIMITS, ...options.limits };
  const streams: HandoffStreams = { ...DEFAULT_HANDOFF_STREAMS, ...options.streams };
  const limiter = (limit: number) => createRateLimiter({ limit, windowMs: limits.windowMs, now });
  const retentionMs = options.retentionMs ?? 60 * 60_000;
  const purgeEveryMs = options.purgeEveryMs ?? 60_000;
  const log = options.log ?? (() => {});
  const store = createHandoffStore(options.store.db.withTables<HandoffTables>(), now);

  const purgeExpired = async () => {
    const count = await store.purgeExpired(retentionMs);
    if (count > 0) log({ event: 'purged', count });
    return count;
  };
  let lastPurge = Number.NEGATIVE_INFINITY;

  const context: HandoffContext = {
    store,
    watchers: createHandoffWatchers(streams),
    resolveUser: options.resolveUser,
    verifyUpload: options.verifyUpload,
    requirements: resolvedOrThrow(options.requirements),
    phonePageUrl,
    basePath,
    ttlMs,
    streams,
    timers: options.timers ?? systemTimers,
    now,
    limiters: {
      create: limiter(limits.createPerUser),
      claimsPerClient: limiter(limits.claimsPerClient),
      claimsPerHandoff: limiter(limits.claimsPerHandoff),
      completes: limiter(limits.completesPerHandoff),
      status: limiter(limits.statusPerUser),
    },
    log,
    async purgeIfDue() {
      if (now() - lastPurge < purgeEveryMs) return;
      lastPurge = now();
      // A failed purge is tried again next time; it never fails the request that ran it.
      await purgeExpired().catch((error: unknown) => log({ event: 'purge-failed', code: error instanceof Error ? error.message : String(error) }));
    },
  };

  const handler = async (request: Request, requestContext: RequestContext = {}): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const rest = path.startsWith(basePath) ? path.slice(basePath.length) : undefined;
    if (rest === '' || rest === '/') return createHandoff(context, request);
    if (rest === '/claim') return claimHandoff(context, request, requestContext);
    if (rest === '/complete') return completeHandoff(context, request);
    const watch = rest === undefined ? null : /^\/([^/]+)(\/events)?$/.exec(rest);
    if (watch && HANDOFF_ID.test(watch[1]!)) {
      if (watch[2]) return handoffEvents(context, request, watch[1]!);
      return request.method === 'DELETE' ? cancelHandoff(context, request, watch[1]!) : handoffStatus(context, request, watch[1]!);
    }
    await request.body?.cancel();
    return errorResponse(404, 'not-found', 'No such handoff route.');
  };

  return { handler, phoneSessions: createPhoneSessions(store, now), purgeExpired };
}

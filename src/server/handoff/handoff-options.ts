import type { DocumentRequirement } from '../../core/document-set/requirements.js';
import type { HostStore } from '../store/host-store.js';
import type { Verdict } from '../verify/verdict.js';
import type { ResolveUser } from '../web/user-post.js';
import type { Timers } from './event-stream.js';

/** Requests allowed per key in each window; a refusal is 429 with Retry-After. */
export interface HandoffLimits {
  /** Handoffs a desktop user may create. */
  createPerUser: number;
  /** Claim attempts from one client address, right or wrong: what slows down a token guesser. */
  claimsPerClient: number;
  /** Claim attempts on one handoff (its token replayed): the first wins, the rest are refused anyway. */
  claimsPerHandoff: number;
  /** Completion attempts on one handoff: each may read and verify a stored file. */
  completesPerHandoff: number;
  /** Status reads (polling) per desktop user. */
  statusPerUser: number;
  windowMs: number;
}

export const DEFAULT_HANDOFF_LIMITS: HandoffLimits = {
  createPerUser: 10,
  claimsPerClient: 20,
  claimsPerHandoff: 5,
  completesPerHandoff: 10,
  // Polling every 2 s for the longest handoff, twice over.
  statusPerUser: 900,
  windowMs: 15 * 60_000,
};

/** Event streams are long-lived connections: each is capped, and all of them together. */
export interface HandoffStreams {
  perHandoff: number;
  perUser: number;
  total: number;
  /** How often an open stream reads its handoff again (a change made by another process). */
  pollMs: number;
  heartbeatMs: number;
  /** EventSource's reconnection delay. */
  retryMs: number;
}

export const DEFAULT_HANDOFF_STREAMS: HandoffStreams = { perHandoff: 2, perUser: 4, total: 500, pollMs: 2_000, heartbeatMs: 15_000, retryMs: 3_000 };

/** The longest a handoff may live: its token, the phone's session and the desktop's watch. */
export const MAX_HANDOFF_TTL_MS = 15 * 60_000;
export const DEFAULT_HANDOFF_TTL_MS = 10 * 60_000;

export interface HandoffLogEntry {
  event: 'created' | 'cancelled' | 'claimed' | 'claim-refused' | 'completed' | 'complete-refused' | 'rate-limited' | 'purged' | 'purge-failed';
  /** Never a token or a session credential: those are secrets, and logs are read by many. */
  handoffId?: string;
  userId?: string;
  /** The error code answered, for refusals. */
  code?: string;
  clientAddress?: string;
  documentId?: string;
  count?: number;
}

export interface HandoffOptions {
  /** The host's store (`openHostStore`): the handoffs live in its database, in step 004 of its schema. */
  store: HostStore;
  /** The desktop's user, from the host's own session: the same as the element endpoint's. */
  resolveUser: ResolveUser;
  /**
   * The phone page's absolute URL (`createHandoffPhonePage`): the handoff URL is this with the
   * token in its fragment (`#handoff=…`), which browsers never send to a server.
   */
  phonePageUrl: string;
  /** The path the handler is mounted at. `/api/kyc/handoff` by default. */
  basePath?: string;
  /**
   * Reads and verifies the object a phone says it uploaded (`verifyStoredDocument`, or the demo's
   * verified documents). Only a pass completes a handoff, and the desktop is told its type and
   * size as verified here, not as the phone said.
   */
  verifyUpload(upload: { documentId: string; userId: string }): Promise<Verdict>;
  /** What the onboarding asks for: a handoff is for one of its slots, as a presign must be. */
  requirements?: readonly DocumentRequirement[];
  /** How long a handoff lives, from its creation; 10 minutes by default, at most 15. */
  ttlMs?: number;
  limits?: Partial<HandoffLimits>;
  streams?: Partial<HandoffStreams>;
  /** How long ended handoffs are kept (a late desktop still hears how it ended); one hour by default. */
  retentionMs?: number;
  /** The handler purges ended handoffs at most this often, as it creates one; a minute by default. */
  purgeEveryMs?: number;
  now?: () => number;
  timers?: Timers;
  log?(entry: HandoffLogEntry): void;
}

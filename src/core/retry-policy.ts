import type { UploadError } from './errors.js';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** The ceiling of the first wait; it doubles with each retry, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Four tries over about ten seconds at most: enough to ride out a dropped connection on a train or
 * a storage node restarting, short enough that a person is not left watching a spinner.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000 };

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; waitingForNetwork: boolean };

export interface RetryContext {
  /** The device says it is offline: the next try waits for the network instead of a delay. */
  offline?: boolean;
  random?: () => number;
  policy?: RetryPolicy;
}

/**
 * Whether to try the same request again after `attempt` failed tries, and after how long. Only
 * errors whose `recovery` is `retry` qualify (an expired form needs a new form: `deliver` renews
 * it). A try that failed while the device was offline does not count against the policy: the
 * next one starts when the device is back online, however long that takes. Otherwise the wait is
 * "full jitter" exponential backoff (a random delay up to a doubling ceiling), so a thousand
 * phones cut off by the same outage do not come back in step; a `Retry-After` from the server
 * wins when it is longer; beyond the ceiling, the widget gives up. `random` is a parameter so
 * the policy stays a pure function.
 */
export function decideRetry(error: UploadError, attempt: number, context: RetryContext = {}): RetryDecision {
  const { offline = false, random = Math.random, policy = DEFAULT_RETRY_POLICY } = context;
  if (error.recovery !== 'retry') return { retry: false };
  if (offline) return { retry: true, delayMs: 0, waitingForNetwork: true };
  if (attempt >= policy.maxAttempts) return { retry: false };
  const asked = error.details.retryAfterMs;
  // A server that asks for a longer wait than a person should watch a spinner for gets its answer
  // now: trying sooner would only be refused again, and the message says to wait.
  if (asked !== undefined && asked > policy.maxDelayMs) return { retry: false };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * ceiling);
  return { retry: true, delayMs: asked === undefined ? jittered : Math.max(jittered, asked), waitingForNetwork: false };
}

/** `Retry-After` is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

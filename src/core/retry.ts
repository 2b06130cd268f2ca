import { type UploadError, cancelled, throwIfAborted, toUploadError } from './errors.js';
import { type RetryPolicy, decideRetry } from './retry-policy.js';

/** A try failed and another follows: after `delayMs`, or once the device is back online. */
export interface RetryNotice {
  /** The try that failed, from 1. */
  attempt: number;
  delayMs: number;
  /** `navigator.onLine` is false: the next try waits for the `online` event, however long. */
  waitingForNetwork: boolean;
  error: UploadError;
}

export interface RetryOptions {
  signal?: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
  /** For tests: the backoff's bounds and random source. */
  policy?: RetryPolicy;
  random?: () => number;
}

/**
 * Runs `operation` until it succeeds or `decideRetry` says stop. Cancelling `signal` ends any
 * wait at once with `aborted`.
 */
export async function withRetries<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { signal } = options;
  for (let attempt = 1; ; ) {
    try {
      return await operation();
    } catch (reason) {
      throwIfAborted(signal);
      const error = toUploadError(reason);
      const { policy, random } = options;
      const decision = decideRetry(error, attempt, { offline: isOffline(), ...(policy ? { policy } : {}), ...(random ? { random } : {}) });
      if (!decision.retry) throw error;
      const { delayMs, waitingForNetwork } = decision;
      options.onRetry?.({ attempt, delayMs, waitingForNetwork, error });
      if (waitingForNetwork) await waitUntilOnline(signal);
      else {
        await wait(delayMs, signal);
        attempt++;
      }
    }
  }
}

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return settleOn(signal, (done) => {
    const timer = setTimeout(done, ms);
    return () => clearTimeout(timer);
  });
}

function waitUntilOnline(signal?: AbortSignal): Promise<void> {
  return settleOn(signal, (done) => {
    if (!isOffline()) {
      done();
      return () => {};
    }
    globalThis.addEventListener('online', done, { once: true });
    return () => globalThis.removeEventListener('online', done);
  });
}

/** Resolves when `start`'s callback is called, rejects with `aborted` if `signal` fires first. */
function settleOn(signal: AbortSignal | undefined, start: (done: () => void) => () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(signal.reason));
    let stop = () => {};
    const finish = (error?: UploadError) => {
      signal?.removeEventListener('abort', onAbort);
      stop();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(cancelled(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    stop = start(() => finish());
  });
}

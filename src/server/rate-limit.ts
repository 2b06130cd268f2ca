export interface RateLimitOptions {
  /** Requests allowed per key in each window. */
  limit: number;
  windowMs: number;
  /**
   * Keys remembered at most; the oldest window is forgotten first. Bounded so that a flood of new
   * keys (cookie-less visits, spoofed sessions) cannot grow the host's memory.
   */
  maxKeys?: number;
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed-window counter per key, in memory: enough for one host process. A host running several
 * processes puts the same counts in its shared store (issue: the review loop's database).
 */
export function createRateLimiter(options: RateLimitOptions): { take(key: string): RateDecision } {
  const { limit, windowMs, maxKeys = 10_000, now = Date.now } = options;
  // Insertion order is age order: a window that restarts is deleted and set again.
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key) {
      const time = now();
      let window = windows.get(key);
      if (!window || time - window.start >= windowMs) {
        windows.delete(key);
        window = { start: time, count: 0 };
        windows.set(key, window);
        while (windows.size > maxKeys) windows.delete(windows.keys().next().value!);
      }
      if (window.count >= limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - time) / 1000)) };
      window.count += 1;
      return { allowed: true };
    },
  };
}

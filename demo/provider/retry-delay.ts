export interface Backoff {
  /** The first retry's delay (default 1 s); each next one doubles it. */
  initialMs: number;
  /** The longest delay (default 5 min): retries go on for ever, at this pace at worst. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 5 * 60_000 };

/**
 * How long to wait after the `attempts`-th failed delivery: doubling from `initialMs`, capped at
 * `maxMs`, then drawn in its upper half so that processes retrying one receiver spread out.
 */
export function retryDelay(attempts: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

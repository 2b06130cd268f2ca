import type { HandoffStreams } from './handoff-options.js';

/**
 * The desktops watching handoffs in this process: wake-ups when a claim or completion is handled
 * here, and the count of open event streams, each held against its caps until it ends.
 */
export function createHandoffWatchers(limits: Pick<HandoffStreams, 'perHandoff' | 'perUser' | 'total'>) {
  const wakers = new Map<string, Set<() => void>>();
  const perHandoff = new Map<string, number>();
  const perUser = new Map<string, number>();
  let total = 0;

  const decrement = (counts: Map<string, number>, key: string) => {
    const left = (counts.get(key) ?? 0) - 1;
    if (left > 0) counts.set(key, left);
    else counts.delete(key);
  };

  return {
    notify(handoffId: string): void {
      for (const wake of wakers.get(handoffId) ?? []) wake();
    },

    subscribe(handoffId: string, wake: () => void): () => void {
      let set = wakers.get(handoffId);
      if (!set) wakers.set(handoffId, (set = new Set()));
      set.add(wake);
      return () => {
        set.delete(wake);
        if (set.size === 0) wakers.delete(handoffId);
      };
    },

    /** Takes a stream slot, or returns undefined when a cap is reached; the release is idempotent. */
    open(handoffId: string, userId: string): (() => void) | undefined {
      if (total >= limits.total || (perHandoff.get(handoffId) ?? 0) >= limits.perHandoff || (perUser.get(userId) ?? 0) >= limits.perUser) return undefined;
      total += 1;
      perHandoff.set(handoffId, (perHandoff.get(handoffId) ?? 0) + 1);
      perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        decrement(perHandoff, handoffId);
        decrement(perUser, userId);
      };
    },

    get openStreams(): number {
      return total;
    },
  };
}

export type HandoffWatchers = ReturnType<typeof createHandoffWatchers>;

import assert from 'node:assert/strict';

/**
 * Reads until the value holds or the deadline passes: waiting on a state that a clock, a worker or
 * another process moves, never for a fixed time. Fails with the last value seen.
 */
export async function eventually<T>(read: () => Promise<T> | T, holds: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}: still ${JSON.stringify(value)?.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

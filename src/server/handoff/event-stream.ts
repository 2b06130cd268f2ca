/** Timers as the event stream uses them: tests pass their own and fire them, instead of waiting. */
export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemTimers: Timers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export interface EventStreamOptions<T> {
  /** The current value: read at the start, at every poll and whenever `subscribe` wakes the stream. */
  read(): Promise<T>;
  /** A final value is sent, then the stream ends. */
  isFinal(value: T): boolean;
  /**
   * Wake-ups from this process (a claim or a completion handled here); returns the unsubscribe.
   * Another process's changes are seen at the next poll.
   */
  subscribe(wake: () => void): () => void;
  pollMs: number;
  /** A comment line this often, so proxies and the browser do not take a quiet stream for a dead one. */
  heartbeatMs: number;
  /** How long EventSource waits before it reconnects to a stream that broke. */
  retryMs: number;
  timers: Timers;
  /** The request's signal, which runtimes other than Node abort when the client goes away. */
  signal?: AbortSignal;
  /** Called once, however the stream ends (final value, client gone, read failed). */
  onClose(): void;
}

const encoder = new TextEncoder();

/**
 * Server-Sent Events from a `Request → Response` handler: one unnamed message (`data:` JSON) each
 * time the value changes, a heartbeat comment in between, and the end after a final value. The
 * browser's EventSource reconnects to a stream that ends, so the client closes it on a final value;
 * one that reconnects anyway is sent the final value again and the end.
 */
export function eventStreamResponse<T>(options: EventStreamOptions<T>): Response {
  const { timers } = options;
  let closed = false;
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let last: string | undefined;
      // Reads run one after another, so an older read never overwrites a newer value.
      let queue = Promise.resolve();
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        controller.close();
      };
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const refresh = () => {
        queue = queue.then(async () => {
          if (closed) return;
          let value: T;
          try {
            value = await options.read();
          } catch {
            // The database is unreachable: end, and let EventSource come back after `retry`.
            close();
            return;
          }
          const data = JSON.stringify(value);
          if (data !== last) {
            last = data;
            send(`data: ${data}\n\n`);
          }
          if (options.isFinal(value)) close();
        });
      };
      const poll = timers.setInterval(refresh, options.pollMs);
      const heartbeat = timers.setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs);
      const unsubscribe = options.subscribe(refresh);
      const aborted = () => close();
      options.signal?.addEventListener('abort', aborted);
      cleanup = () => {
        timers.clearInterval(poll);
        timers.clearInterval(heartbeat);
        unsubscribe();
        options.signal?.removeEventListener('abort', aborted);
        options.onClose();
      };
      send(`retry: ${options.retryMs}\n\n`);
      if (options.signal?.aborted) close();
      else refresh();
    },
    cancel() {
      if (closed) return;
      closed = true;
      cleanup();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // nginx buffers responses by default, which would hold every event back.
      'x-accel-buffering': 'no',
    },
  });
}

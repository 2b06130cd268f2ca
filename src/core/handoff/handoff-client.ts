import type { DocumentSlot } from '../document-set/document-slot.js';
import type { HeadersProvider } from '../presign.js';
import {
  type ClaimedHandoff,
  type HandoffRefusal,
  type HandoffStatus,
  type StartedHandoff,
  claimedHandoffSchema,
  handoffStatusSchema,
  startedHandoffSchema,
} from './handoff-schema.js';

import { HANDOFF_SESSION_HEADER } from './session-header.js';

export interface HandoffRequestOptions {
  credentials?: RequestCredentials;
  headers?: HeadersProvider;
  signal?: AbortSignal;
}

export class HandoffError extends Error {
  /** `status`: the server's answer, when it answered (none when it could not be reached or answered nonsense). */
  constructor(readonly refusal: HandoffRefusal, message: string, readonly status?: number) {
    super(message);
    this.name = 'HandoffError';
  }
}

const REFUSALS: readonly HandoffRefusal[] = ['handoff-unknown', 'handoff-claimed', 'handoff-expired'];

async function post(url: string, body: unknown, options: HandoffRequestOptions & { extraHeaders?: Record<string, string> }): Promise<unknown> {
  const headers = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers);
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  for (const [name, value] of Object.entries(options.extraHeaders ?? {})) headers.set(name, value);
  const response = await fetch(url, {
    method: 'POST',
    credentials: options.credentials ?? 'same-origin',
    headers,
    body: JSON.stringify(body),
    cache: 'no-store',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const answer: unknown = await response.json().catch(() => undefined);
  if (response.ok) return answer;
  const code = (answer as { error?: { code?: unknown } } | undefined)?.error?.code;
  const refusal = REFUSALS.find((known) => known === code) ?? 'unavailable';
  throw new HandoffError(refusal, `The handoff request was refused (${response.status}${typeof code === 'string' ? ` ${code}` : ''}).`, response.status);
}

const parsed = <T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown): T => {
  const result = schema.safeParse(value);
  if (!result.success) throw new HandoffError('unavailable', 'The handoff answer is not in the expected shape.');
  return result.data;
};

/**
 * The desktop asks for a code for one slot: the URL to show as a QR code, and where to watch it.
 * `lang`, the language its widget speaks, is the phone page's too (the URL carries it).
 */
export async function startHandoff(
  endpoint: string,
  request: DocumentSlot & { documentType?: number | string; lang?: string },
  options: HandoffRequestOptions = {},
): Promise<StartedHandoff> {
  return parsed(startedHandoffSchema, await post(endpoint, request, options));
}

/** The phone claims the code it was given (once: the first device wins). */
export async function claimHandoff(endpoint: string, token: string, options: HandoffRequestOptions = {}): Promise<ClaimedHandoff> {
  return parsed(claimedHandoffSchema, await post(`${endpoint}/claim`, { token }, options));
}

/** The phone says its upload is stored; the server checks the stored object before the desktop hears of it. */
export async function completeHandoff(endpoint: string, session: string, documentId: string, options: HandoffRequestOptions = {}): Promise<HandoffStatus> {
  return parsed(handoffStatusSchema, await post(`${endpoint}/complete`, { documentId }, { ...options, extraHeaders: { [HANDOFF_SESSION_HEADER]: session } }));
}

/** Ends a code the desktop no longer waits for; best effort. */
export function cancelHandoff(started: Pick<StartedHandoff, 'statusUrl'>, options: HandoffRequestOptions = {}): void {
  void fetch(started.statusUrl, { method: 'DELETE', credentials: options.credentials ?? 'same-origin', cache: 'no-store' }).catch(() => {});
}

const FINAL = new Set<HandoffStatus['state']>(['completed', 'expired']);
const POLL_MS = 3000;

/**
 * Follows a code until it is completed or expires: through its event stream, and by polling its
 * status when the stream fails (a proxy that buffers it). Each change reaches `onStatus`.
 */
export function watchHandoff(started: StartedHandoff, onStatus: (status: HandoffStatus) => void, signal: AbortSignal): Promise<HandoffStatus> {
  return new Promise((resolve, reject) => {
    let last = '';
    let events: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      events?.close();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const take = (value: unknown) => {
      const result = handoffStatusSchema.safeParse(value);
      if (!result.success) return;
      const status = result.data;
      const seen = JSON.stringify(status);
      if (seen !== last) {
        last = seen;
        onStatus(status);
      }
      if (FINAL.has(status.state)) {
        stop();
        resolve(status);
      }
    };
    const poll = async () => {
      try {
        const response = await fetch(started.statusUrl, { credentials: 'same-origin', cache: 'no-store', signal });
        if (response.ok) take(await response.json());
      } catch {
        // Offline for a moment, or stopped: the next poll, or the abort, decides.
      }
      if (!signal.aborted) timer = setTimeout(() => void poll(), POLL_MS);
    };
    const onAbort = () => {
      stop();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (typeof EventSource !== 'function') return void poll();
    events = new EventSource(started.eventsUrl, { withCredentials: true });
    events.onmessage = (event) => {
      try {
        take(JSON.parse(String(event.data)));
      } catch {
        // Not JSON: not ours to read.
      }
    };
    // Closed for good (refused, too many streams, a proxy): polling takes over. While the browser
    // reconnects by itself (readyState CONNECTING), it is left to.
    events.onerror = () => {
      if (events?.readyState !== EventSource.CLOSED || signal.aborted || timer !== undefined) return;
      void poll();
    };
  });
}

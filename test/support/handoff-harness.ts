// One host with handoffs, on a test database: a desktop user reduced to an `x-user` header, a
// clock and timers the test moves by hand (no sleeps), and stored documents the test says exist.
import type { SqlDatabase } from '../../src/server/db/database.js';
import { createHandoffs, type Handoffs } from '../../src/server/handoff/handoffs.js';
import type { HandoffLogEntry, HandoffOptions } from '../../src/server/handoff/handoff-options.js';
import type { Timers } from '../../src/server/handoff/event-stream.js';
import { HANDOFF_SESSION_HEADER } from '../../src/server/handoff/phone-session.js';
import { type HostStore, openHostStore } from '../../src/server/store/host-store.js';
import type { Verdict } from '../../src/server/verify/verdict.js';
import type { TestDatabase, TestDatabaseKind } from './test-databases.js';

export const BASE = 'http://host.test/api/kyc/handoff';
export const PHONE_PAGE = 'https://host.test/kyc/phone';

/** Timers that run only when the test fires them. */
export function manualTimers() {
  const running = new Map<number, { callback: () => void; ms: number }>();
  const idle: Array<() => void> = [];
  let next = 0;
  const timers: Timers = {
    setInterval(callback, ms) {
      next += 1;
      running.set(next, { callback, ms });
      return next;
    },
    clearInterval(handle) {
      running.delete(handle as number);
      if (running.size === 0) for (const done of idle.splice(0)) done();
    },
  };
  return {
    timers,
    /** Runs every interval of `ms` once. */
    fire(ms: number) {
      for (const timer of [...running.values()]) if (timer.ms === ms) timer.callback();
    },
    get count() {
      return running.size;
    },
    /** Resolves once no interval runs: every event stream has stopped its timers. */
    whenIdle(): Promise<void> {
      return running.size === 0 ? Promise.resolve() : new Promise((done) => idle.push(done));
    },
  };
}

export interface Harness {
  database: SqlDatabase;
  store: HostStore;
  handoffs: Handoffs;
  clock: { now: number };
  timers: ReturnType<typeof manualTimers>;
  logs: HandoffLogEntry[];
  /** What `verifyUpload` answers per documentId; `missing` when unset. */
  stored: Map<string, Verdict>;
  verifyCalls: Array<{ documentId: string; userId: string }>;
  create(user: string | null, slot?: Record<string, unknown>): Promise<Response>;
  claim(token: unknown, clientAddress?: string): Promise<Response>;
  complete(session: string | null, documentId: string): Promise<Response>;
  status(user: string | null, handoffId: string): Promise<Response>;
  events(user: string | null, handoffId: string, signal?: AbortSignal): Promise<Response>;
  close(): Promise<void>;
}

export async function openHarness(kind: TestDatabaseKind, options: Partial<HandoffOptions> = {}): Promise<Harness> {
  const testDb: TestDatabase = await kind.create();
  const database = await testDb.open();
  const clock = { now: Date.parse('2026-12-02T09:00:00Z') };
  const store = await openHostStore(database, () => clock.now);
  const timers = manualTimers();
  const logs: HandoffLogEntry[] = [];
  const stored = new Map<string, Verdict>();
  const verifyCalls: Harness['verifyCalls'] = [];
  const handoffs = createHandoffs({
    store,
    resolveUser: (request) => request.headers.get('x-user'),
    phonePageUrl: PHONE_PAGE,
    verifyUpload: async (upload) => {
      verifyCalls.push(upload);
      return stored.get(upload.documentId) ?? { ok: false, code: 'missing' };
    },
    now: () => clock.now,
    timers: timers.timers,
    log: (entry) => logs.push(entry),
    ...options,
  });
  const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });
  const post = (path: string, headers: Record<string, string>, body: unknown, clientAddress = '203.0.113.7') => {
    const { body: text, ...type } = json(body);
    return handoffs.handler(new Request(`${BASE}${path}`, { method: 'POST', headers: { ...type, ...headers }, body: text }), { clientAddress });
  };
  const user = (id: string | null): Record<string, string> => (id ? { 'x-user': id } : {});
  return {
    database,
    store,
    handoffs,
    clock,
    timers,
    logs,
    stored,
    verifyCalls,
    create: (id, slot = { documentType: 9 }) => post('', user(id), slot),
    claim: (token, clientAddress) => post('/claim', {}, { token }, clientAddress),
    complete: (session, documentId) => post('/complete', session === null ? {} : { [HANDOFF_SESSION_HEADER]: session }, { documentId }),
    status: (id, handoffId) => handoffs.handler(new Request(`${BASE}/${handoffId}`, { headers: user(id) })),
    events: (id, handoffId, signal) => handoffs.handler(new Request(`${BASE}/${handoffId}/events`, { headers: user(id), ...(signal ? { signal } : {}) })),
    async close() {
      await database.close();
      await testDb.drop();
    },
  };
}

export async function body<T = Record<string, any>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

/** A handoff created by `user` and claimed: its id, token and the phone's session. */
export async function claimedHandoff(harness: Harness, user = 'u-1', slot?: Record<string, unknown>) {
  const created = await body(await harness.create(user, slot));
  const claimed = await body(await harness.claim(created.token));
  return { handoffId: created.handoffId as string, token: created.token as string, session: claimed.session as string, created, claimed };
}

export const passed = (type: 'image/jpeg' | 'image/png' | 'application/pdf', size: number): Verdict => ({ ok: true, type, size, sha256: 'ab'.repeat(32) });

// The desktop's event stream of a handoff (Server-Sent Events from a Request → Response handler),
// on both databases: a message per change (woken in-process, or seen at the next poll when another
// process made it), heartbeats, the end on completion or expiry, caps on open streams that a
// client's disconnect releases, and streaming through the node:http adapter. The clock and the
// timers are the test's: nothing waits for time to pass.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toNodeHandler } from '../../src/server/web/node-adapter.js';
import { HANDOFF_SESSION_HEADER } from '../../src/server/handoff/phone-session.js';
import { body, errorCode, type Harness, openHarness, passed } from '../support/handoff-harness.js';
import { serve } from '../support/http-server.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const POLL = 2_000;
const HEARTBEAT = 15_000;

/** Reads an event stream block by block (blocks end with a blank line). */
function blocks(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    reader,
    /** The next block, or undefined when the stream ended. */
    async next(): Promise<string | undefined> {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          return block;
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffered += decoder.decode(value, { stream: true });
      }
    },
    /** The next message's data, parsed, skipping `retry:` and heartbeats. */
    async message(): Promise<Record<string, any> | undefined> {
      for (;;) {
        const block = await this.next();
        if (block === undefined) return undefined;
        if (block.startsWith('data: ')) return JSON.parse(block.slice('data: '.length)) as Record<string, any>;
      }
    },
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`handoff event stream (${kind.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(kind, { streams: { perHandoff: 2, perUser: 3, total: 4, pollMs: POLL, heartbeatMs: HEARTBEAT, retryMs: 3_000 } });
    });
    after(async () => h?.close());

    test('waiting, claimed, completed with the file, then the end; timers stopped and the slot freed', async () => {
      const created = await body(await h.create('u-1'));
      const response = await h.events('u-1', created.handoffId);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const stream = blocks(response);
      assert.equal(await stream.next(), 'retry: 3000');
      assert.deepEqual(await stream.message(), { state: 'waiting', expiresAt: created.expiresAt });
      const { session } = await body(await h.claim(created.token));
      // Woken by the claim handled in this process: no poll needed.
      assert.equal((await stream.message())?.state, 'claimed');
      const phone = await h.handoffs.phoneSessions.sessionOf(new Request('http://host.test/', { headers: { [HANDOFF_SESSION_HEADER]: session } }));
      const documentId = '00000000-0000-4000-8000-0000000000e1';
      await phone!.formIssued(documentId, { fileName: 'card.jpg', contentType: 'image/jpeg' });
      h.stored.set(documentId, passed('image/jpeg', 4321));
      assert.equal((await h.complete(session, documentId)).status, 200);
      assert.deepEqual(await stream.message(), { state: 'completed', expiresAt: created.expiresAt, documentId, file: { name: 'card.jpg', type: 'image/jpeg', size: 4321 } });
      assert.equal(await stream.next(), undefined, 'the stream ends');
      await h.timers.whenIdle();
      assert.equal(h.timers.count, 0);
    });

    test('a heartbeat comment at each heartbeat; a change made by another process is seen at the next poll', async () => {
      const created = await body(await h.create('u-1'));
      const stream = blocks(await h.events('u-1', created.handoffId));
      assert.equal((await stream.message())?.state, 'waiting');
      h.timers.fire(HEARTBEAT);
      assert.equal(await stream.next(), ': heartbeat');
      // Claimed behind this process's back: no wake-up, only the database knows.
      await h.store.db.updateTable('kyc_handoffs').set({ claimed_at: h.clock.now, session_hash: 'elsewhere' }).where('handoff_id', '=', created.handoffId).execute();
      h.timers.fire(POLL);
      assert.equal((await stream.message())?.state, 'claimed');
      // Nothing changed: a poll sends nothing, the next block is the heartbeat.
      h.timers.fire(POLL);
      h.timers.fire(HEARTBEAT);
      assert.equal(await stream.next(), ': heartbeat');
      await stream.reader.cancel();
      await h.timers.whenIdle();
    });

    test('expiry ends the stream at the next poll; a stream opened on an ended handoff sends how it ended and ends', async () => {
      const created = await body(await h.create('u-1'));
      const stream = blocks(await h.events('u-1', created.handoffId));
      assert.equal((await stream.message())?.state, 'waiting');
      h.clock.now += 10 * 60_000;
      h.timers.fire(POLL);
      assert.deepEqual(await stream.message(), { state: 'expired', expiresAt: created.expiresAt });
      assert.equal(await stream.next(), undefined);
      // EventSource reconnects to a stream that ended: it hears the end again, at once.
      const again = blocks(await h.events('u-1', created.handoffId));
      assert.equal((await again.message())?.state, 'expired');
      assert.equal(await again.next(), undefined);
      await h.timers.whenIdle();
    });

    test('a cancel from the desktop ends its stream at once', async () => {
      const created = await body(await h.create('u-1'));
      const stream = blocks(await h.events('u-1', created.handoffId));
      assert.equal((await stream.message())?.state, 'waiting');
      await h.handoffs.handler(new Request(`http://host.test/api/kyc/handoff/${created.handoffId}`, { method: 'DELETE', headers: { 'x-user': 'u-1' } }));
      assert.equal((await stream.message())?.state, 'expired');
      assert.equal(await stream.next(), undefined);
      await h.timers.whenIdle();
    });

    test('only the handoff’s user may watch it', async () => {
      const created = await body(await h.create('u-1'));
      assert.equal((await h.events('u-2', created.handoffId)).status, 404);
      assert.equal((await h.events(null, created.handoffId)).status, 401);
    });

    test('open streams are capped per handoff, per user and in all; a cancelled or aborted one frees its slot', async () => {
      const one = await body(await h.create('u-cap'));
      const two = await body(await h.create('u-cap'));
      const a = blocks(await h.events('u-cap', one.handoffId));
      const b = blocks(await h.events('u-cap', one.handoffId));
      const third = await h.events('u-cap', one.handoffId);
      assert.deepEqual([third.status, await errorCode(third)], [429, 'too-many-streams']);
      const abort = new AbortController();
      const c = await h.events('u-cap', two.handoffId, abort.signal);
      assert.equal(c.status, 200);
      assert.equal((await h.events('u-cap', two.handoffId)).status, 429, 'three for one user');
      const other = await body(await h.create('u-other'));
      const d = await h.events('u-other', other.handoffId);
      assert.equal(d.status, 200);
      const otherTwo = await body(await h.create('u-other'));
      assert.equal((await h.events('u-other', otherTwo.handoffId)).status, 429, 'four in all');
      await a.reader.cancel();
      const e = await h.events('u-other', otherTwo.handoffId);
      assert.equal(e.status, 200, 'the cancelled stream gave its slot back');
      abort.abort();
      const f = await h.events('u-cap', one.handoffId);
      assert.equal(f.status, 200, 'the aborted request gave its slot back');
      for (const open of [b.reader, d.body!, e.body!, f.body!]) await open.cancel();
      await h.timers.whenIdle();
    });

    test('through node:http, each message arrives while the stream is open, and a client that leaves frees its slot', { timeout: 10_000 }, async () => {
      const created = await body(await h.create('u-http'));
      const server = await serve(toNodeHandler((request, context) => h.handoffs.handler(request, context), 'http://host.test'));
      try {
        const leave = new AbortController();
        const response = await fetch(`${server.url}/api/kyc/handoff/${created.handoffId}/events`, { headers: { 'x-user': 'u-http' }, signal: leave.signal });
        assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
        const stream = blocks(response);
        assert.equal((await stream.message())?.state, 'waiting', 'not held back until the end');
        await h.claim(created.token);
        assert.equal((await stream.message())?.state, 'claimed');
        const idle = h.timers.whenIdle();
        leave.abort();
        await stream.reader.cancel().catch(() => undefined);
        await idle;
      } finally {
        await server.close();
      }
    });
  });
}

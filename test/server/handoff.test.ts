// "Continue on your phone" (issue 15, item 4), the server side, on both databases: the one-time
// token (random, hashed at rest, claimed once by the first device, refused when expired, unknown or
// replayed), completion with what the server verified, the desktop's status, rate limits, purging,
// and logs without secrets. The event stream: handoff-events.test.ts; presigning from the phone:
// handoff-presign.test.ts; the phone page and the demo: handoff-demo.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createHandoffs } from '../../src/server/handoff/handoffs.js';
import { HANDOFF_SESSION_HEADER } from '../../src/server/handoff/phone-session.js';
import { body, claimedHandoff, errorCode, type Harness, openHarness, passed, PHONE_PAGE } from '../support/handoff-harness.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const MINUTE = 60_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Presigns through the phone's session as the element endpoint does, recording the form. */
async function issueForm(harness: Harness, session: string, documentId: string, fileName = 'id-card.jpg', contentType = 'image/jpeg') {
  const phone = await harness.handoffs.phoneSessions.sessionOf(new Request('http://host.test/api/kyc/document-form', { headers: { [HANDOFF_SESSION_HEADER]: session } }));
  assert.ok(phone, 'the session presigns');
  await phone.formIssued(documentId, { fileName, contentType });
}

const documentId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('createHandoffs options', () => {
  const store = {} as never;
  const base = { store, resolveUser: () => null, phonePageUrl: PHONE_PAGE, verifyUpload: async () => ({ ok: false, code: 'missing' }) as const };
  test('a handoff lives at most 15 minutes, and the phone page URL has no fragment of its own', () => {
    assert.throws(() => createHandoffs({ ...base, store: { db: { withTables: () => ({}) } } as never, ttlMs: 15 * MINUTE + 1 }), /ttlMs/);
    assert.throws(() => createHandoffs({ ...base, store: { db: { withTables: () => ({}) } } as never, phonePageUrl: `${PHONE_PAGE}#x` }), /fragment/);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`handoff (${kind.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(kind, { limits: { createPerUser: 1000, claimsPerClient: 1000, claimsPerHandoff: 1000 } });
    });
    after(async () => h?.close());

    test('create: 401 without the desktop session, 400 for anything but a slot, 201 with a URL carrying the token in its fragment', async () => {
      assert.equal(await errorCode(await h.create(null)), 'unauthenticated');
      assert.equal((await h.create('u-1', { documentType: 9, token: 'mine' })).status, 400);
      assert.equal((await h.create('u-1', { documentType: 9, kind: 'Identity Proof' })).status, 400);
      assert.equal((await h.create('u-1', { documentType: 9, side: 'left' })).status, 400);
      // A document type the routes cannot hand off (the element does not offer these either).
      for (const slot of [{}, { documentType: '9' }, { documentType: 'passport' }, { documentType: 9.5 }, { documentType: -9 }, { documentType: 2 ** 53 }]) {
        assert.equal((await h.create('u-1', slot)).status, 400, JSON.stringify(slot));
      }
      assert.equal((await h.store.db.selectFrom('kyc_handoffs').select('handoff_id').execute()).length, 0, 'none was made');
      const response = await h.create('u-1', { documentType: 9, kind: 'identity-proof', subtype: 'id-card', side: 'front' });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const created = await body(response);
      assert.match(created.token, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
      assert.equal(created.url, `${PHONE_PAGE}#handoff=${created.token}`);
      assert.ok(!new URL(created.url).search.includes(created.token), 'never in the query');
      assert.match(created.handoffId, /^[0-9a-f-]{36}$/);
      assert.notEqual(created.handoffId, created.token);
      assert.equal(created.expiresAt, new Date(h.clock.now + 10 * MINUTE).toISOString());
      assert.equal(created.expiresIn, 600, 'seconds from now, for a computer whose clock is off');
      assert.equal(created.statusUrl, `/api/kyc/handoff/${created.handoffId}`);
      assert.equal(created.eventsUrl, `/api/kyc/handoff/${created.handoffId}/events`);
    });

    test("create: the desktop's language travels in the URL's query, for the phone page to speak it; a malformed one is refused", async () => {
      const created = await body(await h.create('u-1', { documentType: 9, lang: 'fr-CA' }));
      assert.equal(created.url, `${PHONE_PAGE}?lang=fr-CA#handoff=${created.token}`);
      for (const lang of ['', 'fr_FR', 'fr"><script>', 'x'.repeat(36), 'f', 42]) {
        assert.equal((await h.create('u-1', { documentType: 9, lang })).status, 400, JSON.stringify(lang));
      }
    });

    test('the database keeps the SHA-256 of the token and of the session, never either of them', async () => {
      const { handoffId, token, session } = await claimedHandoff(h);
      const rows = await h.store.db.selectFrom('kyc_handoffs').selectAll().execute();
      const dump = JSON.stringify(rows);
      assert.ok(!dump.includes(token) && !dump.includes(session));
      const row = rows.find((candidate) => candidate.handoff_id === handoffId)!;
      assert.equal(row.token_hash, sha256(token));
      assert.equal(row.session_hash, sha256(session));
      const tokens = new Set<string>();
      for (let i = 0; i < 20; i += 1) tokens.add((await body(await h.create('u-many'))).token);
      assert.equal(tokens.size, 20);
    });

    test('claim: the first device gets a session for the slot; the same token again is 409 handoff-claimed', async () => {
      const created = await body(await h.create('u-1', { documentType: 9, kind: 'identity-proof', subtype: 'id-card', side: 'back' }));
      const first = await h.claim(created.token);
      assert.equal(first.status, 200);
      const claimed = await body(first);
      assert.match(claimed.session, /^[A-Za-z0-9_-]{43}$/);
      assert.notEqual(claimed.session, created.token);
      assert.deepEqual(claimed.slot, { documentType: 9, kind: 'identity-proof', subtype: 'id-card', side: 'back' });
      assert.equal(claimed.expiresAt, created.expiresAt);
      assert.ok(!('handoffId' in claimed) && !('userId' in claimed), 'the phone learns the slot, nothing of the user');
      const again = await h.claim(created.token, '198.51.100.9');
      assert.equal(again.status, 409);
      assert.equal(await errorCode(again), 'handoff-claimed');
    });

    test('claim: an unknown, malformed or missing token is 404 handoff-unknown or 400, and the answer never echoes it', async () => {
      const guess = 'A'.repeat(43);
      const unknown = await h.claim(guess);
      assert.equal(unknown.status, 404);
      const text = await unknown.text();
      assert.equal(JSON.parse(text).error.code, 'handoff-unknown');
      assert.ok(!text.includes(guess));
      assert.equal(await errorCode(await h.claim('short')), 'handoff-unknown');
      assert.equal((await h.claim(42)).status, 400);
      assert.equal((await h.claim('x'.repeat(500))).status, 400);
    });

    test('claim: a token in the URL query is not read; the handoff stays unclaimed', async () => {
      const created = await body(await h.create('u-1'));
      const response = await h.handoffs.handler(
        new Request(`http://host.test/api/kyc/handoff/claim?token=${created.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
        { clientAddress: '203.0.113.7' },
      );
      assert.equal(response.status, 400);
      assert.equal((await h.claim(created.token)).status, 200, 'still claimable by the body');
    });

    test('claim: two devices at once, ten times over: exactly one wins each handoff, the other is refused', async () => {
      const created = await Promise.all(Array.from({ length: 10 }, () => h.create('u-race').then(body)));
      const answers = await Promise.all(created.flatMap((one) => [h.claim(one.token, '203.0.113.1'), h.claim(one.token, '203.0.113.2')]));
      for (let i = 0; i < created.length; i += 1) {
        const pair = [answers[2 * i]!, answers[2 * i + 1]!];
        assert.deepEqual(pair.map((answer) => answer.status).sort(), [200, 409], `handoff ${i}`);
        const winner = await body(pair.find((answer) => answer.status === 200)!);
        const row = await h.store.db.selectFrom('kyc_handoffs').selectAll().where('handoff_id', '=', created[i]!.handoffId).executeTakeFirstOrThrow();
        assert.equal(row.session_hash, sha256(winner.session), 'the session handed out is the one stored');
      }
      // Five devices at once on one token: one session.
      const one = await body(await h.create('u-race'));
      const claims = await Promise.all(Array.from({ length: 5 }, (_, i) => h.claim(one.token, `203.0.113.${10 + i}`)));
      assert.equal(claims.filter((answer) => answer.status === 200).length, 1);
    });

    test('claim: at the expiry instant and after, 410 handoff-expired; a millisecond before, it is claimed', async () => {
      const late = await body(await h.create('u-1'));
      const onTime = await body(await h.create('u-1'));
      h.clock.now += 10 * MINUTE - 1;
      assert.equal((await h.claim(onTime.token)).status, 200);
      h.clock.now += 1;
      const refused = await h.claim(late.token);
      assert.equal(refused.status, 410);
      assert.equal(await errorCode(refused), 'handoff-expired');
    });

    test('status: waiting, claimed, completed with the verified file, expired; another user or none gets nothing', async () => {
      const created = await body(await h.create('u-2', { documentType: 9 }));
      const state = async () => body(await h.status('u-2', created.handoffId));
      assert.deepEqual(await state(), { state: 'waiting', expiresAt: created.expiresAt });
      assert.equal((await h.status('u-other', created.handoffId)).status, 404, 'another user: as if it did not exist');
      assert.equal((await h.status(null, created.handoffId)).status, 401);
      assert.equal((await h.status('u-2', '00000000-0000-4000-8000-000000000000')).status, 404);
      const { session } = await body(await h.claim(created.token));
      assert.equal((await state()).state, 'claimed');
      await issueForm(h, session, documentId(1), 'IMG_0042.jpg', 'image/jpeg');
      // The phone asked for a JPEG of 9 MB; the server read a 123 456-byte PNG.
      h.stored.set(documentId(1), passed('image/png', 123_456));
      const completed = await h.complete(session, documentId(1));
      assert.equal(completed.status, 200);
      const view = { state: 'completed', expiresAt: created.expiresAt, documentId: documentId(1), file: { name: 'IMG_0042.jpg', type: 'image/png', size: 123_456 } };
      assert.deepEqual(await body(completed), view);
      assert.deepEqual(await state(), view);
      h.clock.now += 11 * MINUTE;
      assert.deepEqual(await state(), view, 'completed stays completed past the expiry');
      const unclaimed = await body(await h.create('u-2'));
      assert.equal((await body(await h.status('u-2', unclaimed.handoffId))).state, 'waiting');
      h.clock.now += 10 * MINUTE;
      assert.deepEqual(await body(await h.status('u-2', unclaimed.handoffId)), { state: 'expired', expiresAt: unclaimed.expiresAt });
    });

    test('complete: only with the phone session (never the token), only a document presigned through this handoff, only once stored and verified', async () => {
      const { token, session, handoffId } = await claimedHandoff(h, 'u-3');
      assert.equal(await errorCode(await h.complete(null, documentId(10))), 'handoff-session-invalid');
      assert.equal(await errorCode(await h.complete(token, documentId(10))), 'handoff-session-invalid');
      assert.equal(await errorCode(await h.complete('B'.repeat(43), documentId(10))), 'handoff-session-invalid');
      // Presigned by the user's desktop, not through this handoff: not the phone's to report.
      assert.equal(await errorCode(await h.complete(session, documentId(10))), 'unknown-document');
      await issueForm(h, session, documentId(10));
      const missing = await h.complete(session, documentId(10));
      assert.deepEqual([missing.status, await errorCode(missing)], [409, 'upload-missing']);
      h.stored.set(documentId(10), { ok: false, code: 'unsafe-content', reason: 'javascript' });
      const refused = await h.complete(session, documentId(10));
      assert.deepEqual([refused.status, await errorCode(refused)], [422, 'upload-refused']);
      assert.deepEqual(h.verifyCalls.at(-1), { documentId: documentId(10), userId: 'u-3' }, 'verified as the handoff user’s document');
      assert.equal((await body(await h.status('u-3', handoffId))).state, 'claimed');
      await issueForm(h, session, documentId(11));
      h.stored.set(documentId(11), passed('application/pdf', 2048));
      assert.equal((await h.complete(session, documentId(11))).status, 200);
      // The same call again (the answer was lost on the way): the same answer, nothing recorded twice.
      const again = await h.complete(session, documentId(11));
      assert.equal(again.status, 200);
      assert.equal((await body(again)).documentId, documentId(11));
      const other = await h.complete(session, documentId(10));
      assert.deepEqual([other.status, await errorCode(other)], [409, 'handoff-completed']);
      // The session ends with the handoff: no more forms.
      const phone = await h.handoffs.phoneSessions.sessionOf(new Request('http://host.test/', { headers: { [HANDOFF_SESSION_HEADER]: session } }));
      assert.equal(phone, null);
    });

    test('complete: a phone cannot report another user’s document, even one presigned through another handoff', async () => {
      const mine = await claimedHandoff(h, 'u-victim');
      await issueForm(h, mine.session, documentId(20));
      h.stored.set(documentId(20), passed('image/jpeg', 1000));
      const attacker = await claimedHandoff(h, 'u-attacker');
      const calls = h.verifyCalls.length;
      const answer = await h.complete(attacker.session, documentId(20));
      assert.deepEqual([answer.status, await errorCode(answer)], [404, 'unknown-document']);
      assert.equal(h.verifyCalls.length, calls, 'nothing of the victim’s was read');
      assert.equal((await body(await h.status('u-victim', mine.handoffId))).state, 'claimed');
    });

    test('complete: two documents at once on one handoff: one is recorded, the other is refused', async () => {
      const { session, handoffId } = await claimedHandoff(h, 'u-4');
      for (const n of [30, 31]) {
        await issueForm(h, session, documentId(n));
        h.stored.set(documentId(n), passed('image/jpeg', n));
      }
      const answers = await Promise.all([h.complete(session, documentId(30)), h.complete(session, documentId(31))]);
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409]);
      const winner = await body(answers.find((answer) => answer.status === 200)!);
      assert.equal((await body(await h.status('u-4', handoffId))).documentId, winner.documentId);
    });

    test('complete: after the expiry, 410 handoff-expired, and the session presigns nothing', async () => {
      const { session } = await claimedHandoff(h, 'u-5');
      await issueForm(h, session, documentId(40));
      h.stored.set(documentId(40), passed('image/jpeg', 40));
      h.clock.now += 10 * MINUTE;
      assert.equal(await errorCode(await h.complete(session, documentId(40))), 'handoff-expired');
      assert.equal(await h.handoffs.phoneSessions.sessionOf(new Request('http://host.test/', { headers: { [HANDOFF_SESSION_HEADER]: session } })), null);
    });

    test('cancel: a desktop that sees a claim it did not make (a photographed code) ends the handoff, and the stranger’s session with it', async () => {
      const { handoffId, session, created } = await claimedHandoff(h, 'u-6');
      const cancel = (user: string) => h.handoffs.handler(new Request(`http://host.test/api/kyc/handoff/${handoffId}`, { method: 'DELETE', headers: { 'x-user': user } }));
      assert.equal((await cancel('u-other')).status, 404, 'not someone else’s to cancel');
      assert.equal((await body(await h.status('u-6', handoffId))).state, 'claimed');
      const cancelled = await cancel('u-6');
      assert.equal(cancelled.status, 200);
      assert.deepEqual(await body(cancelled), { state: 'expired', expiresAt: new Date(h.clock.now).toISOString() });
      assert.equal(await h.handoffs.phoneSessions.sessionOf(new Request('http://host.test/', { headers: { [HANDOFF_SESSION_HEADER]: session } })), null);
      assert.equal(await errorCode(await h.complete(session, documentId(70))), 'handoff-expired');
      assert.equal(await errorCode(await h.claim(created.token)), 'handoff-claimed');
      // A completed handoff stays completed: its document is stored, the desktop was told.
      const done = await claimedHandoff(h, 'u-6');
      await issueForm(h, done.session, documentId(71));
      h.stored.set(documentId(71), passed('image/jpeg', 71));
      await h.complete(done.session, documentId(71));
      const late = await h.handoffs.handler(new Request(`http://host.test/api/kyc/handoff/${done.handoffId}`, { method: 'DELETE', headers: { 'x-user': 'u-6' } }));
      assert.equal((await body(late)).state, 'completed');
    });

    test('routes: unknown paths are 404, wrong methods 405', async () => {
      assert.equal((await h.handoffs.handler(new Request('http://host.test/api/kyc/handoff/nope/x/y'))).status, 404);
      assert.equal((await h.handoffs.handler(new Request('http://host.test/api/kyc/handoff/claim'))).status, 405);
      const created = await body(await h.create('u-1'));
      const post = await h.handoffs.handler(new Request(`http://host.test${created.eventsUrl}`, { method: 'HEAD', headers: { 'x-user': 'u-1' } }));
      assert.equal(post.status, 405, 'HEAD would hold a stream slot');
    });
  });

  describe(`handoff limits and purging (${kind.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(kind, { limits: { createPerUser: 2, claimsPerClient: 3, claimsPerHandoff: 2, windowMs: 10 * MINUTE }, retentionMs: 60 * MINUTE, purgeEveryMs: MINUTE });
    });
    after(async () => h?.close());

    test('creation is limited per user: 429 with Retry-After, other users unaffected', async () => {
      assert.equal((await h.create('u-limit')).status, 201);
      assert.equal((await h.create('u-limit')).status, 201);
      const third = await h.create('u-limit');
      assert.deepEqual([third.status, await errorCode(third)], [429, 'too-many-requests']);
      assert.equal(third.headers.get('retry-after'), '600');
      assert.equal((await h.create('u-limit-2')).status, 201);
    });

    test('claims are limited per client address, right tokens included, and per handoff', async () => {
      const created = await body(await h.create('u-limit-2'));
      for (let i = 0; i < 3; i += 1) assert.equal((await h.claim('C'.repeat(42) + String(i), '192.0.2.50')).status, 404);
      const blocked = await h.claim(created.token, '192.0.2.50');
      assert.deepEqual([blocked.status, await errorCode(blocked)], [429, 'too-many-requests']);
      assert.equal((await h.claim(created.token, '192.0.2.51')).status, 200, 'another address claims');
      assert.equal((await h.claim(created.token, '192.0.2.52')).status, 409);
      const replay = await h.claim(created.token, '192.0.2.53');
      assert.deepEqual([replay.status, await errorCode(replay)], [429, 'too-many-requests'], 'the third try on one handoff');
    });

    test('ended handoffs are purged after the retention, with their forms; those ended since are kept', async () => {
      const { handoffId, session } = await claimedHandoff(h, 'u-purge');
      await issueForm(h, session, documentId(50));
      h.clock.now += 11 * MINUTE;
      const fresh = await body(await h.create('u-purge'));
      assert.equal(await h.handoffs.purgeExpired(), 0, 'ended, but within the retention');
      h.clock.now += 60 * MINUTE;
      const purged = await h.handoffs.purgeExpired();
      assert.ok(purged >= 1);
      assert.equal((await h.status('u-purge', handoffId)).status, 404);
      assert.equal(await h.store.db.selectFrom('kyc_handoff_forms').selectAll().where('handoff_id', '=', handoffId).executeTakeFirst(), undefined);
      assert.equal((await body(await h.status('u-purge', fresh.handoffId))).state, 'expired', 'ended 50 minutes ago: kept, and says how it ended');
      assert.ok(h.logs.some((entry) => entry.event === 'purged'));
    });

    test('creating a handoff purges lazily, at most once per interval', async () => {
      const old = await body(await h.create('u-lazy'));
      h.clock.now += 75 * MINUTE;
      await h.create('u-lazy-2');
      assert.equal((await h.status('u-lazy', old.handoffId)).status, 404, 'purged by the creation');
    });

    test('no log entry carries a token or a session credential', async () => {
      const { token, session } = await claimedHandoff(h, 'u-log');
      await h.claim(token, '192.0.2.99');
      await h.complete(session, documentId(60));
      const dump = JSON.stringify(h.logs);
      assert.ok(h.logs.length > 5);
      assert.ok(!dump.includes(token) && !dump.includes(session));
    });
  });
}

// The handoff through the reference backend (demo/), on both databases, as the two browsers would
// drive it over HTTP: the desktop creates and watches, the phone page is served under its strict
// policy, the phone claims, presigns through the same document-form endpoint with its session,
// posts to the storage and completes; the desktop's stream and status report the verified file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { HANDOFF_SESSION_HEADER } from '../../src/server/handoff/phone-session.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { startDemo } from '../../demo/server.js';
import { demoClient, eventually, fixture, startReviewDemo } from '../support/review-demo.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const FRONT = { documentType: 9, kind: 'identity-proof', subtype: 'id-card', side: 'front' };

for (const kind of testDatabaseKinds()) {
  describe(`handoff in the demo (${kind.name})`, () => {
    let started: Awaited<ReturnType<typeof startReviewDemo>>;
    before(async () => {
      started = await startReviewDemo(kind);
    });
    after(async () => started?.close());

    test('the phone page: the element in camera mode, its one inline script allowed by hash, no referrer, never cached', async () => {
      const response = await fetch(new URL('/handoff', started.demo.url));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('set-cookie'), null, 'opening it signs nobody up');
      const html = await response.text();
      const policy = response.headers.get('content-security-policy') ?? '';
      const scripts = [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)];
      const inline = scripts.filter((script) => script[1]!.trim() !== '');
      assert.equal(inline.length, 1);
      const hash = createHash('sha256').update(inline[0]![1]!).digest('base64');
      assert.match(policy, new RegExp(`script-src 'self' 'sha256-${hash.replace(/[+/]/g, '\\$&')}'`));
      assert.ok(!policy.includes('unsafe-inline') && !policy.includes('unsafe-eval'));
      assert.match(policy, /connect-src 'self' http:\/\/127\.0\.0\.1:\d+/, 'the storage, for the upload');
      assert.match(policy, /require-trusted-types-for 'script'/);
      assert.match(html, /<script src="\/dist\/kyc-upload\.iife\.js" defer><\/script>/);
      assert.match(html, /<kyc-upload camera="auto" endpoint="\/api\/kyc\/document-form" handoff-endpoint="\/api\/kyc\/handoff"><\/kyc-upload>/);
      assert.match(inline[0]![1]!, /history\.replaceState/, 'the token leaves the address bar');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.match(response.headers.get('permissions-policy') ?? '', /camera=\(self\)/);
      assert.equal((await fetch(new URL('/handoff', started.demo.url), { method: 'POST' })).status, 405);
    });

    test('desktop → QR → phone claims, presigns its slot, uploads, completes → the desktop hears the verified file', async () => {
      const { client, demo } = started;
      const desktop = await client.applicant();
      const created = await client.call(desktop, '/api/kyc/handoff', { method: 'POST', body: FRONT });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const url = new URL(created.body.url as string);
      assert.equal(`${url.origin}${url.pathname}`, new URL('/handoff', demo.url).href);
      const token = new URLSearchParams(url.hash.slice(1)).get('handoff')!;
      assert.equal(token, created.body.token);

      const watching = new AbortController();
      const events = await fetch(new URL(created.body.eventsUrl as string, demo.url), { headers: { cookie: desktop }, signal: watching.signal });
      assert.equal(events.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      const message = async (): Promise<Record<string, any> | undefined> => {
        for (;;) {
          const match = /(?:^|\n)data: (.*)\n\n/.exec(buffered);
          if (match) {
            buffered = buffered.slice(match.index + match[0].length);
            return JSON.parse(match[1]!) as Record<string, any>;
          }
          const { done, value } = await reader.read();
          if (done) return undefined;
          buffered += value;
        }
      };
      assert.equal((await message())?.state, 'waiting');

      // The phone: no cookie of the desktop's, only the token from the fragment.
      const claimed = await client.call('', '/api/kyc/handoff/claim', { method: 'POST', body: { token } });
      assert.equal(claimed.status, 200, JSON.stringify(claimed.body));
      const session = claimed.body.session as string;
      assert.deepEqual(claimed.body.slot, FRONT);
      assert.equal((await message())?.state, 'claimed');
      assert.equal((await client.call('', '/api/kyc/handoff/claim', { method: 'POST', body: { token } })).body.error.code, 'handoff-claimed');

      const phone = { [HANDOFF_SESSION_HEADER]: session };
      const bytes = await fixture('id-card.jpg');
      const presign = (slot: Record<string, unknown>) =>
        client.call('', '/api/kyc/document-form', { method: 'POST', headers: phone, body: { fileName: 'IMG_2041.jpg', contentType: 'image/jpeg', size: bytes.length, ...slot } });
      assert.equal((await presign({ ...FRONT, side: 'back' })).body.error.code, 'handoff-slot-mismatch');
      const form = await presign(FRONT);
      assert.equal(form.status, 200, JSON.stringify(form.body));
      const { documentId } = form.body as DocumentForm;
      const early = await client.call('', '/api/kyc/handoff/complete', { method: 'POST', headers: phone, body: { documentId } });
      assert.deepEqual([early.status, early.body.error.code], [409, 'upload-missing'], 'nothing stored yet');
      await client.post(form.body as DocumentForm, bytes, 'image/jpeg');

      const completed = await client.call('', '/api/kyc/handoff/complete', { method: 'POST', headers: phone, body: { documentId } });
      assert.equal(completed.status, 200, JSON.stringify(completed.body));
      const done = { state: 'completed', expiresAt: created.body.expiresAt, documentId, file: { name: 'IMG_2041.jpg', type: 'image/jpeg', size: bytes.length } };
      assert.deepEqual(completed.body, done);
      assert.deepEqual(await message(), done);
      assert.equal(await message(), undefined, 'the stream ends');
      assert.deepEqual((await client.call(desktop, created.body.statusUrl as string)).body, done);
      // The document is the desktop applicant's, in their list, with its slot.
      const documents = (await client.call(desktop, '/api/kyc/documents')).body as unknown as Array<Record<string, any>>;
      assert.ok(documents.some((document) => document.documentId === documentId));
      // Another applicant sees nothing of it.
      const stranger = await client.applicant();
      assert.equal((await client.call(stranger, created.body.statusUrl as string)).status, 404);
      assert.equal((await client.call(stranger, `/api/kyc/documents/${documentId}/verify`, { method: 'POST', body: {} })).status, 404);
    });
  });
}

describe('the demo\'s handoff lifetime (KYC_HANDOFF_TTL_SECONDS)', () => {
  test('sets how long a code lives: once past, it is expired for the desktop and refused to a phone', async () => {
    const demo = await startDemo({ port: 0, env: { KYC_HANDOFF_TTL_SECONDS: '2' } });
    try {
      const client = demoClient(demo);
      const desktop = await client.applicant();
      const before = Date.now();
      const created = await client.call(desktop, '/api/kyc/handoff', { method: 'POST', body: FRONT });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const lifetime = Date.parse(created.body.expiresAt as string) - before;
      assert.ok(lifetime >= 2_000 && lifetime < 3_000, `expires 2 s after its creation, not ${lifetime} ms`);
      // The real clock, read until the server says so: no sleep of a guessed length.
      await eventually(async () => (await client.call(desktop, created.body.statusUrl as string)).body.state, (state) => state === 'expired', 'the code expiring', 10_000);
      const claimed = await client.call('', '/api/kyc/handoff/claim', { method: 'POST', body: { token: created.body.token } });
      assert.deepEqual([claimed.status, claimed.body.error?.code], [410, 'handoff-expired']);
    } finally {
      await demo.close();
    }
  });

  test('a value that is not a whole number of seconds from 1 to 900 stops the demo at start-up', async () => {
    for (const value of ['0', '901', '1.5', 'soon', '-5']) {
      // A demo that started anyway is closed again, so a failure does not keep the test running.
      const outcome = await startDemo({ port: 0, env: { KYC_HANDOFF_TTL_SECONDS: value } }).then((demo) => demo.close().then(() => 'started'), (error: unknown) => error);
      assert.match(String(outcome), /KYC_HANDOFF_TTL_SECONDS/, value);
    }
  });
});

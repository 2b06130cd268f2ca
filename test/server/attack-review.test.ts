// An attacker's review of the review loop (issue 12), against the reference backend and its
// emulated provider on both databases: an applicant with their own cookie and a script, a reviewer
// raced by the applicant or by another reviewer. Each test is a hole found, or a door that held.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Demo } from '../../demo/server.js';
import { demoClient, startReviewDemo, eventually, fixture, formClosed } from '../support/review-demo.js';
import { rawRequest } from '../support/raw-request.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const kind of testDatabaseKinds()) {
  describe(`attacks on the review loop (${kind.name})`, () => {
    let demo: Demo;
    let client: ReturnType<typeof demoClient>;
    let close: () => Promise<void>;
    // Forms live 3 s (the storage shares this clock), so a test can race them, outlive them, and
    // have a document validated soon.
    before(async () => {
      ({ demo, client, close } = await startReviewDemo(kind));
    });
    after(() => close?.());

    /** The provider's own record of a pre-review document: what was really validated. */
    async function atProvider(documentId: string) {
      const db = demo.database.db.withTables<{ treezor_pre_review_documents: { document_id: string; status: number; validated_key: string | null } }>();
      return db.selectFrom('treezor_pre_review_documents').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    }

    test('bytes swapped through the still-open form after the reviewer looked are not validated under the reviewer’s name', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer();
      const looked = await fixture('id-card.jpg');
      // Another clean JPEG: someone else's card, as far as the reviewer could tell.
      const { default: sharp } = await import('sharp');
      const swapped = new Uint8Array(await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2a6' } }).jpeg().toBuffer());
      const form = await client.upload(applicant, looked, 'image/jpeg', Math.max(looked.length, swapped.length));
      await client.call(applicant, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });

      // What the reviewer is shown, and the hash the back office gives with it.
      const shown = await client.reviewed(reviewer, form.documentId);
      assert.equal(shown.sha256, sha256(looked), 'the back office names the bytes it shows');
      const preview = await client.call(reviewer, `${shown.preview}?sha256=${shown.sha256}`);
      assert.equal(preview.status, 200);

      // The same form, still open: other bytes (a valid JPEG the reviewer never saw).
      await client.post(form, swapped, 'image/jpeg');
      const stale = await fetch(new URL(`${shown.preview}?sha256=${shown.sha256}`, demo.url), { headers: { cookie: reviewer } });
      assert.equal(stale.status, 409, 'a picture asked for by hash is never other bytes');
      await stale.body?.cancel();

      await formClosed(demo, form.documentId);
      const validated = await client.call(reviewer, `/api/review/documents/${form.documentId}/validate`, { method: 'POST', body: { comment: 'Looks fine', sha256: shown.sha256 } });
      assert.equal(validated.status, 409, JSON.stringify(validated.body));
      assert.equal(validated.body.error.code, 'changed');
      assert.equal((await atProvider(form.documentId))?.status, 0, 'nothing was validated at the provider');

      // Looked at again, the new bytes can be decided on.
      const again = await client.reviewed(reviewer, form.documentId);
      assert.equal(again.sha256, sha256(swapped));
      const ok = await client.call(reviewer, `/api/review/documents/${form.documentId}/validate`, { method: 'POST', body: { comment: 'Looks fine', sha256: again.sha256 } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
    });

    test('validate and refuse at once: one decision wins, the other is a conflict, and host and provider agree', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer('Rita');
      const other = await client.reviewer('Otto');
      const form = await client.upload(applicant, await fixture('id-card.png'), 'image/png');
      await client.call(applicant, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });
      await formClosed(demo, form.documentId);

      const path = (action: string) => `/api/review/documents/${form.documentId}/${action}`;
      const { sha256 } = await client.reviewed(reviewer, form.documentId);
      const [validate, refuse] = await Promise.all([
        client.call(reviewer, path('validate'), { method: 'POST', body: { comment: 'Document checked', sha256 } }),
        client.call(other, path('refuse'), { method: 'POST', body: { reason: 'document-expired', comment: 'Expired last year' } }),
      ]);
      assert.deepEqual([validate.status, refuse.status].sort(), [200, 409], `${JSON.stringify(validate.body)} ${JSON.stringify(refuse.body)}`);
      const host = (await client.reviewed(reviewer, form.documentId)).review.status;
      const provider = (await atProvider(form.documentId))!.status;
      assert.deepEqual([host, provider], validate.status === 200 ? ['validated', 2] : ['refused', 1]);
    });

    test('two reviewers validating at once: one validation, one audit row', async () => {
      const applicant = await client.applicant();
      const form = await client.upload(applicant, await fixture('id-card.jpg'), 'image/jpeg');
      await client.call(applicant, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });
      await formClosed(demo, form.documentId);
      const reviewers = await Promise.all([client.reviewer('A'), client.reviewer('B'), client.reviewer('C')]);
      const { sha256 } = await client.reviewed(reviewers[0]!, form.documentId);
      const answers = await Promise.all(
        reviewers.map((cookie) => client.call(cookie, `/api/review/documents/${form.documentId}/validate`, { method: 'POST', body: { comment: 'ok', sha256 } })),
      );
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409, 409]);
      const db = demo.database.db.withTables<{ kyc_review_audit: { document_id: string | null; action: string } }>();
      const rows = await db.selectFrom('kyc_review_audit').select('action').where('document_id', '=', form.documentId).execute();
      assert.deepEqual(rows.map((row) => row.action), ['validate-document']);
    });

    test('replacements never form a cycle, and one refused document is replaced once however many ask at once', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const form = await client.upload(applicant, await fixture('id-card.jpg'), 'image/jpeg');
        await client.call(applicant, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });
        const refused = await client.call(reviewer, `/api/review/documents/${form.documentId}/refuse`, { method: 'POST', body: { reason: 'other', comment: 'Blurred' } });
        assert.equal(refused.status, 200);
        ids.push(form.documentId);
      }
      const [a, b, c, d, e] = ids as [string, string, string, string, string];
      const replace = (old: string, by: string) => client.call(applicant, `/api/kyc/documents/${old}/replace`, { method: 'POST', body: { documentId: by } });
      assert.equal((await replace(a, b)).status, 200);
      // b now stands for a; a, already replaced, cannot come back as b's replacement.
      const cycle = await replace(b, a);
      assert.equal(cycle.status, 409, JSON.stringify(cycle.body));
      // c replaced by two free documents at once: one wins.
      const both = await Promise.all([replace(c, d), replace(c, e)]);
      assert.deepEqual(both.map((answer) => answer.status).sort(), [200, 409]);
      const listed = (await client.call(applicant, '/api/kyc/documents')).body as unknown as Array<{ documentId: string; replaces?: string; replacedBy?: string }>;
      const byId = new Map(listed.map((doc) => [doc.documentId, doc]));
      const replacing = listed.filter((doc) => doc.replaces === c);
      assert.equal(replacing.length, 1, JSON.stringify(listed));
      assert.equal(byId.get(c)!.replacedBy, replacing[0]!.documentId);
    });

    test('an applicant reaches only their own documents, and never the back office with their cookie', async () => {
      const owner = await client.applicant();
      const intruder = await client.applicant();
      const form = await client.upload(owner, await fixture('id-card.jpg'), 'image/jpeg');
      const theirs = await client.upload(intruder, await fixture('id-card.jpg'), 'image/jpeg');
      for (const path of ['', '/verify', '/file', '/preview', '/pages/1']) {
        const method = path === '/verify' ? 'POST' : 'GET';
        assert.equal((await client.call(intruder, `/api/kyc/documents/${form.documentId}${path}`, { method })).status, 404, path);
      }
      // Naming someone else's document as a replacement, or replacing it.
      assert.equal((await client.call(intruder, `/api/kyc/documents/${theirs.documentId}/replace`, { method: 'POST', body: { documentId: form.documentId } })).status, 404);
      assert.equal((await client.call(intruder, `/api/kyc/documents/${form.documentId}/replace`, { method: 'POST', body: { documentId: theirs.documentId } })).status, 404);
      for (const path of ['/api/review/applicants', '/api/review/webhooks', `/api/review/documents/${form.documentId}/preview`]) {
        assert.equal((await client.call(intruder, path)).status, 401, path);
      }
      assert.equal((await client.call(intruder, `/api/review/documents/${form.documentId}/validate`, { method: 'POST', body: { comment: 'mine now' } })).status, 401);
    });

    test('the compliance decision: a second one is a conflict (409), an unknown applicant is 404, never a 5xx', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer();
      const form = await client.upload(applicant, await fixture('id-card.jpg'), 'image/jpeg');
      await client.call(applicant, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });
      const userId = await client.userIdOf(reviewer, form.documentId);
      const decide = (user: string) => client.call(reviewer, `/api/review/applicants/${user}/compliance-decision`, { method: 'POST', body: { status: 'REFUSED', comment: 'No' } });
      // No review was asked for: nothing to decide.
      const early = await decide(userId);
      assert.equal(early.status, 409, JSON.stringify(early.body));
      const unknown = await decide('999999999999');
      assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
      const noDocuments = await client.call(reviewer, '/api/review/applicants/999999999999/kyc-review', { method: 'POST', body: {} });
      assert.equal(noDocuments.status, 409);
    });

    test('bad input anywhere is a 4xx with the JSON error shape, never a 5xx', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer();
      const form = await client.upload(applicant, await fixture('id-card.jpg'), 'image/jpeg');
      const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
      const bodies: unknown[] = ['null', '[]', '"x"', '{', deep, JSON.stringify({ comment: 5 }), JSON.stringify({ comment: 'x'.repeat(600) }), JSON.stringify({ comment: 'ok', extra: 1 }), JSON.stringify({ comment: '\u202e\u0000' })];
      for (const body of bodies) {
        for (const [cookie, path] of [
          [reviewer, `/api/review/documents/${form.documentId}/validate`],
          [reviewer, `/api/review/documents/${form.documentId}/refuse`],
          [reviewer, '/api/review/session'],
          [applicant, `/api/kyc/documents/${form.documentId}/replace`],
          [applicant, '/api/kyc/document-form'],
        ] as const) {
          const answer = await client.call(cookie, path, { method: 'POST', body: body as string });
          assert.ok(answer.status >= 400 && answer.status < 500, `${path} ${String(body).slice(0, 20)}: ${answer.status}`);
        }
      }
      const huge = await client.call(reviewer, `/api/review/documents/${form.documentId}/refuse`, { method: 'POST', body: JSON.stringify({ reason: 'other', comment: 'x'.repeat(2_000_000) }) });
      assert.equal(huge.status, 400);
      // Path tricks: every one is a 404 (or the static files' 403/404), never a file or a 5xx.
      for (const target of [
        `/api/kyc/documents/${form.documentId}/../../../package.json`,
        `/api/kyc/documents/%2e%2e/%2e%2e/package.json`,
        `/api/review/documents/${form.documentId.toUpperCase()}/preview`,
        '/api/review/applicants/1e3/kyc-review',
        '/api/review/applicants/%F0%9F%98%80/kyc-review',
        `/api/kyc/documents/${form.documentId}/pages/99999`,
        '/api/kyc/documents/------------------------------------/preview',
      ]) {
        const answer = await rawRequest(demo.url, 'GET', target, { cookie: `${applicant}; ${reviewer}` });
        assert.ok(answer.status >= 400 && answer.status < 500, `${target}: ${answer.status}`);
        assert.doesNotMatch(answer.body, /"devDependencies"/);
      }
    });

    test('a NUL in a name or a comment is a 400 before anything is told to the provider (PostgreSQL text refuses it)', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer();
      const signIn = await client.call('', '/api/review/session', { method: 'POST', body: { name: 'Rita\u0000' } });
      assert.equal(signIn.status, 400, JSON.stringify(signIn.body));
      const form = await client.upload(applicant, await fixture('id-card.jpg'), 'image/jpeg');
      await client.call(applicant, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });
      await formClosed(demo, form.documentId);
      const path = (action: string) => `/api/review/documents/${form.documentId}/${action}`;
      for (const [action, body] of [
        ['refuse', { reason: 'other', comment: 'bad\u0000scan' }],
        ['validate', { comment: 'ok\u0000' }],
      ] as const) {
        const answer = await client.call(reviewer, path(action), { method: 'POST', body });
        assert.equal(answer.status, 400, `${action}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      // Neither side moved: no half-made decision.
      assert.equal((await atProvider(form.documentId))?.status, 0);
      assert.equal((await client.reviewed(reviewer, form.documentId)).review.status, 'pending');
      const userId = await client.userIdOf(reviewer, form.documentId);
      const decision = await client.call(reviewer, `/api/review/applicants/${userId}/compliance-decision`, { method: 'POST', body: { status: 'REFUSED', comment: 'no\u0000' } });
      assert.equal(decision.status, 400);
    });

    test('a document refused by verification (and deleted at the provider) refused again by a reviewer is a 4xx', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer();
      const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      const form = await client.upload(applicant, svg, 'image/svg+xml');
      assert.equal((await client.call(applicant, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' })).body.status, 'refused');
      const refused = await client.call(reviewer, `/api/review/documents/${form.documentId}/refuse`, { method: 'POST', body: { reason: 'other', comment: 'Not a document' } });
      assert.ok(refused.status < 500, `${refused.status} ${JSON.stringify(refused.body)}`);
      const validated = await client.call(reviewer, `/api/review/documents/${form.documentId}/validate`, { method: 'POST', body: { comment: 'ok' } });
      assert.ok(validated.status >= 400 && validated.status < 500, `${validated.status} ${JSON.stringify(validated.body)}`);
    });

    test('nothing the browser receives carries the provider token, the webhook secret or a signature', async () => {
      const applicant = await client.applicant();
      const reviewer = await client.reviewer();
      const form = await client.upload(applicant, await fixture('id-card.jpg'), 'image/jpeg');
      await client.call(applicant, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' });
      await formClosed(demo, form.documentId);
      const { sha256 } = await client.reviewed(reviewer, form.documentId);
      assert.equal((await client.call(reviewer, `/api/review/documents/${form.documentId}/validate`, { method: 'POST', body: { comment: 'ok', sha256 } })).status, 200);
      // A validated document is never replaced, by a new upload or by itself.
      const other = await client.upload(applicant, await fixture('id-card.jpg'), 'image/jpeg');
      assert.equal((await client.call(applicant, `/api/kyc/documents/${form.documentId}/replace`, { method: 'POST', body: { documentId: other.documentId } })).status, 409);
      assert.equal((await client.call(applicant, `/api/kyc/documents/${form.documentId}/replace`, { method: 'POST', body: { documentId: form.documentId } })).status, 404);
      const webhooks = await eventually(
        async () => (await client.call(reviewer, '/api/review/webhooks')).body as unknown as unknown[],
        (list) => list.length > 0,
        'a webhook received',
      );
      const seen = JSON.stringify([
        webhooks,
        (await client.call(reviewer, '/api/review/applicants')).body,
        (await client.call(applicant, '/api/kyc/status')).body,
        (await client.call(applicant, '/api/kyc/documents')).body,
      ]);
      assert.ok(!seen.includes(demo.webhookSecret));
      assert.doesNotMatch(seen, /signature|Bearer|X-Amz-Signature/i);
    });

    // Last: it uses up this address's sign-ins.
    test('reviewer sign-ins are limited per address: a script cannot fill the sessions table', async () => {
      const statuses = new Set<number>();
      for (let i = 0; i < 120 && !statuses.has(429); i++) {
        const answer = await fetch(new URL('/api/review/session', demo.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `bot ${i}` }) });
        await answer.body?.cancel();
        statuses.add(answer.status);
      }
      assert.ok(statuses.has(429), [...statuses].join());
    });
  });
}

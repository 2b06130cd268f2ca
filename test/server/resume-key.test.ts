import assert from 'node:assert/strict';
import { hkdfSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Demo, startDemo } from '../../demo/server.js';
import { RESUME_EPOCH_MS } from '../../src/core/resume/resume-key-format.js';
import { createResumeKeyHandler } from '../../src/server/resume-key.js';

const SECRET = 'test secret: 32 bytes or more, never a real one';
const DAY = RESUME_EPOCH_MS;

describe('resume key endpoint (createResumeKeyHandler)', () => {
  let clock = 20_000 * DAY + 5 * 60 * 60 * 1000;
  const handler = createResumeKeyHandler({
    secret: SECRET,
    // The host's own session, reduced to a header for the test.
    resolveUser: (request) => request.headers.get('x-user'),
    now: () => clock,
  });
  const ask = (user: string | undefined, body: unknown = {}, init: RequestInit = {}) =>
    handler(
      new Request('https://host.test/api/kyc/resume-key', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(user ? { 'x-user': user } : {}) },
        body: JSON.stringify(body),
        ...init,
      }),
    );
  const keyOf = async (response: Response) => {
    assert.equal(response.status, 200);
    return (await response.json()) as { epoch: number; key: string };
  };

  test('gives the signed-in user a 32-byte key for the current day, not to be cached', async () => {
    const response = await ask('applicant-1');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('pragma'), 'no-cache');
    assert.equal(response.headers.get('expires'), null);
    assert.equal(response.headers.get('etag'), null);
    assert.equal(response.headers.get('last-modified'), null);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    const { epoch, key } = await keyOf(response);
    assert.equal(epoch, 20_000);
    assert.match(key, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(key, 'base64url').length, 32);
  });

  test('is HKDF-SHA-256 of the secret for the epoch and the user: stable across instances and restarts', async () => {
    const { key } = await keyOf(await ask('applicant-1'));
    const expected = Buffer.from(hkdfSync('sha256', SECRET, 'kyc-upload/resume-key/v1', '20000\u0000applicant-1', 32));
    assert.equal(key, expected.toString('base64url'));
    const again = createResumeKeyHandler({ secret: Buffer.from(SECRET), resolveUser: () => 'applicant-1', now: () => clock });
    const other = await keyOf(await again(new Request('https://host.test/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })));
    assert.equal(other.key, key);
  });

  test('gives another user another key, and another secret another key', async () => {
    const first = await keyOf(await ask('applicant-1'));
    const second = await keyOf(await ask('applicant-2'));
    assert.notEqual(second.key, first.key);
    // A user id that merely contains the other's is not the same user.
    assert.notEqual((await keyOf(await ask('applicant-10'))).key, first.key);
    const rotated = createResumeKeyHandler({ secret: `${SECRET}, rotated`, resolveUser: () => 'applicant-1', now: () => clock });
    const after = await keyOf(await rotated(new Request('https://host.test/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })));
    assert.notEqual(after.key, first.key);
  });

  test('gives back the key of the day before to resume, never an older or a later one', async () => {
    const today = await keyOf(await ask('applicant-1'));
    clock += DAY;
    const tomorrow = await keyOf(await ask('applicant-1'));
    assert.equal(tomorrow.epoch, today.epoch + 1);
    assert.notEqual(tomorrow.key, today.key);
    assert.deepEqual(await keyOf(await ask('applicant-1', { epoch: today.epoch })), today);

    clock += DAY;
    const expired = await ask('applicant-1', { epoch: today.epoch });
    assert.equal(expired.status, 410);
    assert.equal(expired.headers.get('cache-control'), 'no-store');
    assert.equal(((await expired.json()) as { error: { code: string } }).error.code, 'key-expired');
    assert.equal((await ask('applicant-1', { epoch: today.epoch + 3 })).status, 410);
    clock -= 2 * DAY;
  });

  test('refuses an unauthenticated request without a key', async () => {
    const response = await ask(undefined);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['error']);
    assert.equal((body.error as { code: string }).code, 'unauthenticated');
  });

  test('takes only a JSON POST of {} or { epoch }', async () => {
    assert.equal((await handler(new Request('https://host.test/', { method: 'GET', headers: { 'x-user': 'applicant-1' } }))).status, 405);
    // A form post, which a cross-site page can send without asking, is refused.
    assert.equal((await ask('applicant-1', {}, { headers: { 'content-type': 'text/plain', 'x-user': 'applicant-1' } })).status, 400);
    for (const body of [{ epoch: -1 }, { epoch: 1.5 }, { epoch: '20000' }, { userId: 'applicant-2' }, 'x'.repeat(300)]) {
      assert.equal((await ask('applicant-1', body)).status, 400, JSON.stringify(body));
    }
  });

  test('refuses a short secret without saying it', () => {
    const secret = 'too short, but still a secret';
    assert.throws(
      () => createResumeKeyHandler({ secret, resolveUser: () => null }),
      (error: Error) => /at least 32 bytes/.test(error.message) && !error.message.includes(secret),
    );
  });
});

describe('resume key in the demo (npm start)', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo({ port: 0, env: { KYC_RESUME_SECRET: SECRET } });
  });
  after(async () => {
    await demo.close();
  });
  const ask = (cookie?: string) =>
    fetch(new URL('/api/kyc/resume-key', demo.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: '{}',
    });
  const newSession = async () => {
    const page = await fetch(demo.url);
    await page.body?.cancel();
    return (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  };

  test('serves each applicant their own key at /api/kyc/resume-key, and none without a session', async () => {
    assert.equal((await ask()).status, 401);
    const [first, second] = await Promise.all([newSession(), newSession()]);
    const answers = await Promise.all([ask(first), ask(first), ask(second)]);
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
    }
    const [a, again, b] = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{ key: string }>;
    assert.equal(again!.key, a!.key);
    assert.notEqual(b!.key, a!.key);
  });
});

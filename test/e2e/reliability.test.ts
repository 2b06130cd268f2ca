// Faults on the way to storage and from the backend, end to end: Debian Chromium on the demo page
// (served with its strict CSP, see csp.test.ts), the reference backend, and the embedded S3 behind a fault-injecting
// proxy of ours. Each case ends in success with the bytes stored exactly once under the reported
// documentId, or in a clear error event with nothing stored: never a stall, never a duplicate.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { type Fault, type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { type Harness, choose, fixture, nextOutcome, openDemo, startHarness, storedKeys, storedObject } from './demo-page.js';
import { HASH_DIGITS } from '../../src/build/runtime-assets.mjs';

let harness: Harness;
let proxy: FaultProxy;
before(async () => {
  proxy = await startFaultProxy();
  harness = await startHarness({ storagePublicEndpoint: proxy.url });
  proxy.target = harness.demo.storage.endpoint;
  harness.extraOrigins = [proxy.url];
});
after(async () => {
  await harness?.close();
  await proxy?.close();
});

const PDF = 'id-card.pdf';

/** The demo page, with short timeouts so a stall is noticed in a test's time, and a log of what could leak. */
async function openFaultyDemo() {
  const demo = await openDemo(harness);
  const consoleLines: string[] = [];
  demo.page.on('console', (message) => consoleLines.push(message.text()));
  await demo.page.locator('kyc-upload').evaluate((element) => {
    (element as HTMLElement & { timeouts: object }).timeouts = { presignMs: 1500, stallMs: 1500 };
  });
  return { ...demo, consoleLines };
}

/** Signed values the page received from the backend: none may reappear in events or the console. */
function watchSignedFields(page: Page): string[] {
  const secrets: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().endsWith('/api/kyc/document-form') || !response.ok()) return;
    const body = (await response.json().catch(() => ({}))) as { formFields?: Record<string, string> };
    for (const name of ['Policy', 'X-Amz-Signature', 'X-Amz-Credential']) {
      if (body.formFields?.[name]) secrets.push(body.formFields[name]);
    }
  });
  return secrets;
}

function assertNoLeak(secrets: string[], ...texts: string[]) {
  assert.ok(secrets.length > 0, 'no signed form was seen');
  for (const secret of secrets) for (const text of texts) assert.ok(!text.includes(secret), 'a signed field leaked');
}

describe('storage faults: the upload ends stored exactly once, or with a clear error', () => {
  const recoverable: Array<[string, Fault[]]> = [
    ['connection dropped mid-body', [{ kind: 'drop-mid-body', afterBytes: 20_000 }]],
    ['stored, but the answer lost', [{ kind: 'drop-after-store' }]],
    ['500 from storage', [{ kind: 'status', status: 500 }]],
    ['503 twice from storage', [{ kind: 'status', status: 503 }, { kind: 'status', status: 503 }]],
    ['storage silent past the stall timeout', [{ kind: 'stall', ms: 5000 }]],
  ];
  for (const [what, faults] of recoverable) {
    it(`${what} → retried, stored once`, async () => {
      const { page, consoleLines } = await openFaultyDemo();
      const secrets = watchSignedFields(page);
      const before = await storedKeys(harness.demo);
      const postsBefore = proxy.posts.length;
      proxy.inject(...faults);
      const outcome = nextOutcome(page);
      await choose(page, fixture(PDF).pathname);
      const { type, detail } = await outcome;
      assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
      const stored = await storedObject(harness.demo, String(detail.documentId));
      assert.deepEqual(stored.bytes, await readFile(fixture(PDF)));
      assert.equal((await storedKeys(harness.demo)).length, before.length + 1, 'exactly one new object');
      assert.deepEqual(proxy.posts.slice(postsBefore), [...faults.map(describeFault), 'passed']);
      assert.deepEqual(detail.supersededDocumentIds, []);
      assertNoLeak(secrets, JSON.stringify(detail), ...consoleLines);
      await page.context().close();
    });
  }

  it('an expired policy → a fresh form, posted once; the old documentId is reported as superseded', async () => {
    const { page, consoleLines } = await openFaultyDemo();
    const secrets = watchSignedFields(page);
    const before = await storedKeys(harness.demo);
    proxy.inject({ kind: 'expired-policy' });
    const outcome = nextOutcome(page);
    await choose(page, fixture(PDF).pathname);
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    const superseded = detail.supersededDocumentIds as string[];
    assert.equal(superseded.length, 1);
    assert.notEqual(superseded[0], detail.documentId);
    assert.deepEqual((await storedObject(harness.demo, String(detail.documentId))).bytes, await readFile(fixture(PDF)));
    const keys = await storedKeys(harness.demo);
    assert.equal(keys.length, before.length + 1);
    assert.ok(!keys.some((key) => key.includes(superseded[0]!)), 'nothing stored under the superseded document');
    assertNoLeak(secrets, JSON.stringify(detail), ...consoleLines);
    await page.context().close();
  });

  it('storage down for good → a clear, retryable error after bounded tries, nothing stored', async () => {
    const { page } = await openFaultyDemo();
    const before = await storedKeys(harness.demo);
    const postsBefore = proxy.posts.length;
    proxy.inject(...Array.from({ length: 4 }, () => ({ kind: 'status', status: 503 }) as const));
    const outcome = nextOutcome(page);
    await choose(page, fixture(PDF).pathname);
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-error');
    assert.equal(detail.code, 'storage-unavailable');
    assert.equal(detail.retryable, true);
    assert.equal(proxy.posts.length - postsBefore, 4, 'four tries, no more');
    await page.getByRole('alert').filter({ hasText: 'storage is not available' }).waitFor();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    assert.deepEqual(await storedKeys(harness.demo), before);
    await page.context().close();
  });
});

function describeFault(fault: Fault): string {
  return fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
}

describe('backend faults: the right code, and no request to the storage', () => {
  const cases: Array<[string, (route: import('playwright').Route) => Promise<void> | void, string, string]> = [
    ['401', (route) => route.fulfill({ status: 401, json: { error: 'unauthorized' } }), 'presign-failed', 'session has expired'],
    ['500', (route) => route.fulfill({ status: 500, body: 'oops' }), 'presign-failed', 'not reachable'],
    ['non-JSON', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title>' }), 'presign-invalid', 'unexpected answer'],
    ['the wrong shape', (route) => route.fulfill({ status: 200, json: { id: 1, upload: 'somewhere' } }), 'presign-invalid', 'unexpected answer'],
    ['a hang', () => {}, 'presign-failed', 'did not answer in time'],
    ['http://evil.example as the action', async (route) => {
      const answer = await route.fetch();
      const form = (await answer.json()) as { form: { action: string } };
      form.form.action = 'http://evil.example/bucket';
      await route.fulfill({ response: answer, json: form });
    }, 'untrusted-destination', 'does not trust'],
  ];
  for (const [what, answer, code, message] of cases) {
    it(`${what} → ${code}`, async () => {
      const { page, requests, consoleLines } = await openFaultyDemo();
      await page.route('**/api/kyc/document-form', answer);
      const postsBefore = proxy.posts.length;
      const before = await storedKeys(harness.demo);
      const outcome = nextOutcome(page);
      await choose(page, fixture(PDF).pathname);
      const { type, detail } = await outcome;
      assert.equal(type, 'kyc-upload-error', JSON.stringify(detail));
      assert.equal(detail.code, code);
      await page.getByRole('alert').filter({ hasText: message }).waitFor();
      assert.equal(proxy.posts.length, postsBefore, 'no POST reached the storage');
      assert.ok(!requests.some((url) => url.startsWith(proxy.url) || url.startsWith('http://evil.example')), 'no request to any storage');
      assert.deepEqual(await storedKeys(harness.demo), before);
      assert.ok(!consoleLines.some((line) => /X-Amz|Policy/.test(line)), 'nothing signed in the console');
      await page.context().close();
    });
  }
});

describe('offline, then online again', () => {
  it('waits for the connection, says so, and resumes to success', async () => {
    const { page } = await openFaultyDemo();
    // The connection goes once the page is in use: the widget has loaded its code on hover, the
    // PDF checks included (its warm-up fetches them once the pipeline runs, which on a loaded
    // machine can be after the network has looked idle).
    const loaded = Promise.all([page.waitForResponse(new RegExp(`kyc-upload-pipeline-[0-9a-f]{${HASH_DIGITS}}\\.js`)), page.waitForResponse(/kyc-upload-pdf-check-[\w-]+\.js/)]);
    await page.locator('kyc-upload').hover();
    await loaded;
    await page.waitForLoadState('networkidle');
    await page.context().setOffline(true);
    const outcome = nextOutcome(page);
    await choose(page, fixture(PDF).pathname);
    await page.locator('kyc-upload [part="label"]').getByText('You are offline').waitFor();
    await page.context().setOffline(false);
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    assert.deepEqual((await storedObject(harness.demo, String(detail.documentId))).bytes, await readFile(fixture(PDF)));
    await page.context().close();
  });
});

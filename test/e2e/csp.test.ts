// The strict Content-Security-Policy with Trusted Types, end to end in Debian Chromium: the demo
// page under it, in the two ways hosts send it (on the page only, or on every response, as Helmet
// does, so the widget's workers are governed by it too), with a rotated JPEG (the compressor's
// worker) and an iPhone HEIC (the HEIC decoder's worker).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Harness, fixture, openDemo, startHarness, storedObject, upload } from './demo-page.js';
import type { RuntimeFilesManifest } from '../../src/core/runtime-files.js';

for (const [setup, policyOnEveryResponse] of [['on the page only', false], ['on every response, workers included', true]] as const) {
  describe(`strict CSP and Trusted Types, ${setup}`, () => {
    let harness: Harness;
    before(async () => {
      harness = await startHarness({ policyOnEveryResponse });
    });
    after(() => harness?.close());

    it('serves the strict policy where it says', async () => {
      const page = await fetch(harness.demo.url);
      const policy = page.headers.get('content-security-policy') ?? '';
      const storage = new URL(harness.demo.storage.endpoint).origin;
      for (const directive of ["script-src 'self'", "worker-src 'self'", "require-trusted-types-for 'script'", `connect-src 'self' ${storage}`]) {
        assert.ok(policy.includes(directive), `missing ${directive}`);
      }
      assert.ok(!/unsafe-inline|unsafe-eval/.test(policy), policy);
      const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      assert.deepEqual(directives.get('script-src'), ["'self'"]);
      assert.deepEqual(directives.get('worker-src'), ["'self'"], 'no blob: worker');
      const { runtimeFiles } = JSON.parse(readFileSync(new URL('../../dist/runtime-files.json', import.meta.url), 'utf8')) as RuntimeFilesManifest;
      const worker = await fetch(new URL(`dist/${runtimeFiles.compressorWorker}`, harness.demo.url));
      assert.equal(worker.ok, true);
      assert.equal(worker.headers.get('content-security-policy'), policyOnEveryResponse ? policy : null);
    });

    for (const [name, mimeType, expected] of [['rotated-gps.jpg', 'image/jpeg', 'oriented'], ['photo.heic', 'image/heic', 'heic-to-jpeg']] as const) {
      it(`prepares and uploads ${name} with zero violations`, async () => {
        const { page } = await openDemo(harness);
        const { type, detail } = await upload(page, { name, mimeType, buffer: await readFile(fixture(name)) });
        assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
        assert.ok((detail.transformations as string[]).includes(expected));
        const stored = await storedObject(harness.demo, String(detail.documentId));
        assert.equal(stored.type, 'image/jpeg');
        assert.deepEqual([...stored.bytes.subarray(0, 2)], [0xff, 0xd8]);
        assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
        await page.context().close();
      });
    }
  });
}

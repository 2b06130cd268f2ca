// The package as React and Vue developers get it: `npm pack`, installed into demo/react-app and
// demo/vue-app (copied to a scratch folder) like any dependency, each app type-checked (tsc with
// the React typings, vue-tsc with strict templates) and built by Vite with `kyc-upload/vite`,
// then served by the reference backend and driven in Chromium: a real photo is prepared in the
// widget's worker and lands in the embedded S3, under the documentId the app shows.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { APPS, buildApps } from '../../demo/build-apps.mjs';
import { type Harness, choose, fixture, openDemo, startHarness, storedObject } from './demo-page.js';

const demoDir = fileURLToPath(new URL('../../demo/', import.meta.url));

let scratch: string;
let harness: Harness;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kyc-upload-apps-'));
  for (const app of APPS) {
    await cp(join(demoDir, `${app}-app`), join(scratch, `${app}-app`), { recursive: true, filter: (source) => !/node_modules|dist$/.test(source) });
  }
  harness = await startHarness({ apps: await buildApps(scratch) });
});
after(async () => {
  await harness?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the packed package in a React 19 app and a Vue 3 app', () => {
  for (const app of APPS) {
    it(`${app}: uploads a rotated phone photo, and the app shows the documentId storage holds`, async () => {
      const { page, requests, foreignRequests } = await openDemo(harness, `apps/${app}/`);
      await choose(page, { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await readFile(fixture('rotated-gps.jpg')) });
      const shown = await page.locator('#stored').textContent({ timeout: 20_000 });
      const documentId = shown!.replace('Stored as ', '');
      assert.match(documentId, /^[0-9a-f-]{36}$/);
      const stored = await storedObject(harness.demo, documentId);
      assert.equal(stored.type, 'image/jpeg');
      assert.ok(stored.bytes.length > 1000);
      // The submit button the app enables from React/Vue state.
      assert.equal(await page.getByRole('button', { name: 'Continue' }).isEnabled(), true);
      // The compressor's worker came from the app's own assets, put there by kyc-upload/vite.
      assert.ok(requests.some((url) => url.endsWith(`/apps/${app}/assets/kyc-upload-compressor.js`)), requests.join('\n'));
      assert.deepEqual(foreignRequests, []);
      assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
      await page.context().close();
    });
  }
});

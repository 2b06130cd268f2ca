// The package as React and Vue developers meet it: a fresh app from the official scaffolder
// (create-vite's react-ts or vue-ts template, pinned), the packed package installed like any
// dependency, and only the README's blocks written into it (demo/build-apps.mjs). The app is
// type-checked as its template does it (`tsc -b`, `vue-tsc -b`), must fail that check on the
// mistakes the typings exist to catch, is built with `kyc-upload/vite`, served by the reference
// backend and driven in Chromium: a real photo is prepared in the widget's worker and lands in the
// embedded S3 under the documentId the app shows. One test file per template, so each install
// runs once and each file stays within the end-to-end time limit.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type App, TEMPLATES, packPackage, scaffoldApp, typecheck, viteBuild } from '../../demo/build-apps.mjs';
import { type Harness, choose, fixture, openDemo, startHarness, storedObject } from './demo-page.js';

/** A copy of one of the README's steps with one mistake, and the error the type check must report for it. */
interface Mistake {
  /** The README's file the copy is made from; the template's main step when absent. */
  source?: string;
  file: string;
  from: string | RegExp;
  to: string;
  error: RegExp;
}

const MISTAKES: Record<App, Mistake[]> = {
  react: [
    { file: 'src/MistakeProp.tsx', from: 'onKycUploadSuccess=', to: 'onKycUploadSucess=', error: /MistakeProp\.tsx\(\d+,\d+\): error TS2322[\s\S]*?Property 'onKycUploadSucess' does not exist/ },
    { file: 'src/MistakeDetail.tsx', from: 'event.detail.documentId', to: 'event.detail.documentID', error: /MistakeDetail\.tsx\(\d+,\d+\): error TS2551: Property 'documentID' does not exist/ },
    { source: 'src/DocumentsStep.tsx', file: 'src/MistakeSetProp.tsx', from: 'onKycDocumentSetComplete=', to: 'onKycDocumentSetCompleted=', error: /MistakeSetProp\.tsx\(\d+,\d+\): error TS2322[\s\S]*?Property 'onKycDocumentSetCompleted' does not exist/ },
    { source: 'src/DocumentsStep.tsx', file: 'src/MistakeSetDetail.tsx', from: 'event.detail.documents', to: 'event.detail.document', error: /MistakeSetDetail\.tsx\(\d+,\d+\): error TS2551: Property 'document' does not exist/ },
  ],
  vue: [
    { file: 'src/components/MistakeEvent.vue', from: '@kyc-upload-success=', to: '@kyc-upload-sucess=', error: /MistakeEvent\.vue\(\d+,\d+\): error TS2561: [^\n]*'onKycUploadSucess' does not exist/ },
    { file: 'src/components/MistakeDetail.vue', from: 'event.detail.documentId', to: 'event.detail.documentID', error: /MistakeDetail\.vue\(\d+,\d+\): error TS2551: Property 'documentID' does not exist/ },
    { source: 'src/components/DocumentsStep.vue', file: 'src/components/MistakeSetEvent.vue', from: '@kyc-document-set-complete=', to: '@kyc-document-set-completed=', error: /MistakeSetEvent\.vue\(\d+,\d+\): error TS2561: [^\n]*'onKycDocumentSetCompleted' does not exist/ },
    { source: 'src/components/DocumentsStep.vue', file: 'src/components/MistakeSetDetail.vue', from: 'event.detail.documents', to: 'event.detail.document', error: /MistakeSetDetail\.vue\(\d+,\d+\): error TS2551: Property 'document' does not exist/ },
  ],
};

export function frameworkAppSuite(app: App): void {
  let scratch: string;
  let appDir: string;
  let harness: Harness;
  const mistakes = MISTAKES[app];

  before(
    async () => {
      scratch = await mkdtemp(join(tmpdir(), `kyc-upload-${app}-app-`));
      appDir = await scaffoldApp(scratch, app, await packPackage(scratch));
    },
    { timeout: 300_000 },
  );
  after(async () => {
    await harness?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  describe(`the README's ${app === 'react' ? 'React' : 'Vue'} step in an app fresh from create-vite (${TEMPLATES[app].template})`, () => {
    const check = TEMPLATES[app].typecheck.join(' ');
    const what = app === 'react' ? 'a misspelt onKycUpload… prop' : 'a misspelt event (strictTemplates)';
    it(`${check} passes on the README's files and fails on ${what} and on a wrong detail field`, { timeout: 120_000 }, async () => {
      for (const mistake of mistakes) {
        const step = await readFile(join(appDir, mistake.source ?? TEMPLATES[app].step), 'utf8');
        const mistaken = step.replace(mistake.from, mistake.to);
        assert.notEqual(mistaken, step, `the README's step no longer contains ${mistake.from}`);
        await writeFile(join(appDir, mistake.file), mistaken);
      }
      try {
        // One run for every mistake, each in its own copy: the template's check over the whole app.
        const { code, output } = await typecheck(appDir, app);
        assert.notEqual(code, 0, output);
        for (const mistake of mistakes) assert.match(output, mistake.error);
        // Only the copies fail: the README's own files (and vite.config.ts) are clean.
        const failing = new Set([...output.matchAll(/^(\S+?)\(\d+,\d+\): error/gm)].map((m) => m[1]));
        assert.deepEqual([...failing].sort(), mistakes.map((m) => m.file).sort(), output);
      } finally {
        for (const mistake of mistakes) await rm(join(appDir, mistake.file), { force: true });
      }
    });

    it('builds, and uploads a rotated phone photo: the app shows the documentId storage holds', { timeout: 120_000 }, async () => {
      harness = await startHarness({ apps: { [app]: await viteBuild(appDir, `/apps/${app}/`) } });
      const { page, requests, foreignRequests } = await openDemo(harness, `apps/${app}/`);
      await choose(page, { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await readFile(fixture('rotated-gps.jpg')) });
      const shown = await page.getByText(/^Stored as /).textContent({ timeout: 20_000 });
      const documentId = shown!.replace('Stored as ', '');
      assert.match(documentId, /^[0-9a-f-]{36}$/);
      const stored = await storedObject(harness.demo, documentId);
      assert.equal(stored.type, 'image/jpeg');
      assert.ok(stored.bytes.length > 1000);
      // The submit button the app enables from React/Vue state.
      assert.equal(await page.getByRole('button', { name: 'Continue' }).isEnabled(), true);

      // The document set beside it: a passport and a utility bill, then the app lists what the typed
      // completion event gave it, which is exactly what storage holds.
      const set = page.locator('kyc-document-set');
      for (const [document, file] of [['Passport', 'id-card.png'], ['Utility bill', 'id-card.pdf']] as const) {
        await set.getByRole('radio', { name: document, exact: true }).check();
        const chooser = page.waitForEvent('filechooser');
        await set.getByRole('button', { name: 'Choose a file' }).click();
        await (await chooser).setFiles(fixture(file).pathname);
        await set.locator('kyc-upload').filter({ hasText: file }).getByText('Document uploaded', { exact: true }).waitFor({ timeout: 20_000 });
      }
      const listed = (await page.getByText(/^Documents: /).textContent({ timeout: 20_000 }))!.replace('Documents: ', '').split(', ');
      assert.equal(listed.length, 2);
      for (const [index, file] of ['id-card.png', 'id-card.pdf'].entries()) {
        assert.deepEqual((await storedObject(harness.demo, listed[index]!)).bytes, await readFile(fixture(file)));
      }
      // The compressor's worker came from the app's own assets, put there by kyc-upload/vite.
      const worker = new RegExp(`/apps/${app}/assets/kyc-upload-compressor[\\w.-]*\\.js$`);
      assert.ok(requests.some((url) => worker.test(url)), requests.join('\n'));
      assert.deepEqual(foreignRequests, []);
      assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
      await page.context().close();
    });
  });
}

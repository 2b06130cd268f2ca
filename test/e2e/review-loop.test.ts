// The seeds' whole process after the upload, end to end: Debian Chromium with two browser contexts
// (an applicant and a reviewer), the reference backend, the emulated provider, the embedded storage
// and a real database (SQLite, and PostgreSQL when the run has one). The applicant uploads; the
// reviewer refuses one document with a comment; the applicant sees it and replaces it; the reviewer
// validates all and asks for the KYC review; the decision comes back; the applicant's page shows
// VALIDATED; the host received each expected webhook once, correctly signed.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openHostStore } from '../../src/server/store/host-store.js';
import { verifyTreezorWebhook } from '../../src/server/webhooks/treezor-signature.js';
import { testDatabaseKinds, type TestDatabase } from '../support/test-databases.js';
import { type Harness, fixture, nextOutcome, openDemo, replaceInWidget, startHarness, upload, validateOnceFormClosed } from './demo-page.js';

for (const kind of testDatabaseKinds()) {
  describe(`the review loop in the browser (${kind.name})`, () => {
    let harness: Harness;
    let database: TestDatabase;
    after(async () => {
      await harness?.close();
      await database?.drop();
    });

    it('upload → refuse with a comment → replace → validate all → KYC review → decision → VALIDATED on the applicant’s page', async () => {
      // Forms live 20 s here (300 s in production; the widget leaves a form's last 10 s unused) and the
      // storage shares this clock: the reviewer's "Validate" is refused while a form could still swap
      // the bytes, then accepted.
      database = await kind.create();
      // The embedded choice is the demo's own file; PostgreSQL a fresh schema of the run's server.
      const env = kind.name === 'postgres' ? { DATABASE_URL: database.location } : {};
      harness = await startHarness({ env, formLifetime: { expiresIn: 20, marginMs: 0 } });
      const { page: applicant } = await openDemo(harness);
      const first = await upload(applicant, fixture('id-card.jpg').pathname);
      assert.equal(first.type, 'kyc-upload-success', JSON.stringify(first.detail));
      const second = await replaceInWidget(applicant, fixture('id-card.png').pathname);
      const [kept, blurred] = [String(first.detail.documentId), second];
      await applicant.locator(`#documents > li[data-document-id="${blurred}"][data-status="verified"]`).waitFor();
      // The demo's requirements need a proof of address too: the set's address slot, then the set's
      // own "Submit documents" (a passport and a utility bill: complete).
      await applicant.getByRole('radio', { name: 'Utility bill', exact: true }).check();
      const billOutcome = nextOutcome(applicant);
      const billChooser = applicant.waitForEvent('filechooser');
      await applicant.locator('kyc-document-set [part="slot"]').filter({ hasText: 'Your utility bill' }).getByRole('button', { name: 'Choose a file' }).click();
      await (await billChooser).setFiles(fixture('id-card.pdf').pathname);
      const billEvent = await billOutcome;
      assert.equal(billEvent.type, 'kyc-upload-success', JSON.stringify(billEvent.detail));
      const bill = String(billEvent.detail.documentId);
      const answered = applicant.waitForResponse((response) => response.url().endsWith('/api/kyc/submission'));
      await applicant.getByRole('button', { name: 'Submit documents' }).click();
      const submitted = await answered;
      assert.equal(submitted.status(), 200, await submitted.text());

      const reviewer = await (await harness.browser.newContext()).newPage();
      reviewer.on('pageerror', (error) => assert.fail(`review page error: ${error.message}`));
      await reviewer.goto(new URL('/review', harness.demo.url).href);
      await reviewer.getByLabel('Your name').fill('Rita Reviewer');
      await reviewer.getByRole('button', { name: 'Sign in' }).click();
      const applicantItem = reviewer.locator('#applicants > li[data-user-id]');
      await applicantItem.locator(`li[data-document-id="${blurred}"][data-review="pending"]`).waitFor();
      // The back office says what each file is, and that (and when) the applicant submitted.
      await applicantItem.locator(`li[data-document-id="${bill}"] .slot`, { hasText: 'address-proof · utility-bill · front' }).waitFor();
      assert.equal(await applicantItem.getAttribute('data-submitted'), '');
      assert.equal(await applicantItem.locator('.submitted time').getAttribute('datetime'), ((await submitted.json()) as { submittedAt: string }).submittedAt);

      // Refused, with a reason from the list and a comment the applicant reads.
      const refusedDoc = reviewer.locator(`li[data-document-id="${blurred}"]`);
      await refusedDoc.getByLabel('Refusal reason').selectOption('document-unreadable');
      await refusedDoc.getByLabel('Refusal comment').fill('The photo is blurred, please take it again');
      await refusedDoc.getByRole('button', { name: 'Refuse', exact: true }).click();
      await reviewer.locator(`li[data-document-id="${blurred}"][data-review="refused"]`).waitFor();

      const seen = applicant.locator(`#documents > li[data-document-id="${blurred}"][data-review="refused"]`);
      await seen.waitFor();
      assert.match((await seen.textContent()) ?? '', /please take it again/);

      // The applicant replaces it from the refused entry.
      await seen.getByRole('button', { name: 'Replace this document' }).click();
      const panel = applicant.locator(`#replace-${blurred}`);
      const chooser = applicant.waitForEvent('filechooser');
      await panel.getByRole('button', { name: 'Choose a file' }).click();
      await (await chooser).setFiles(fixture('id-card.pdf').pathname);
      await applicant.locator(`#documents > li[data-document-id="${blurred}"][data-replaced]`).waitFor();
      const replacement = await applicant.evaluate(() => document.body.dataset.documentId!);
      assert.notEqual(replacement, blurred);

      // The reviewer validates what is pending; "Validate" waits for each form to close.
      for (const documentId of [kept, replacement, bill]) {
        const doc = reviewer.locator(`li[data-document-id="${documentId}"]`);
        await doc.waitFor();
        await validateOnceFormClosed(reviewer, documentId);
        assert.equal(await doc.getAttribute('data-review'), 'validated');
      }

      const request = applicantItem.getByRole('button', { name: 'Request KYC review' });
      await reviewer.waitForFunction(() => {
        const button = [...document.querySelectorAll('#applicants button')].find((b) => b.textContent === 'Request KYC review');
        return button && !(button as HTMLButtonElement).disabled;
      });
      await request.click();
      await reviewer.locator('#applicants > li[data-kyc-status="PENDING"]').waitFor();

      await applicantItem.getByLabel('Decision', { exact: true }).selectOption('VALIDATED');
      await applicantItem.getByLabel('Decision comment').fill('Welcome, Hélène');
      await applicantItem.getByRole('button', { name: 'Record decision' }).click();
      await reviewer.locator('#applicants > li[data-kyc-status="VALIDATED"]').waitFor();

      // The applicant's page follows on its own (it polls), and says when it last did.
      await applicant.locator('#kyc-status[data-kyc-status="VALIDATED"]').waitFor({ timeout: 30_000 });
      assert.match((await applicant.locator('#last-updated').textContent()) ?? '', /\d{1,2}:\d{2}:\d{2}/);

      // The host holds each expected event once, each signed as the provider signs.
      const expected = { 'document.create': 3, 'kycreview.request': 1, 'user.kycrequest': 1, 'kycreview.result': 1, 'user.kycreview': 1 };
      await reviewer.waitForFunction(
        (count) => document.querySelectorAll('#webhooks > li[data-webhook]').length >= count,
        Object.values(expected).reduce((a, b) => a + b, 0),
      );
      const store = await openHostStore(harness.demo.database);
      const received = await store.receivedWebhooks();
      const counts = Object.fromEntries(Object.keys(expected).map((event) => [event, received.filter((w) => w.webhook === event).length]));
      assert.deepEqual(counts, expected);
      assert.equal(new Set(received.map((w) => w.webhookId)).size, received.length);
      for (const webhook of received) assert.equal(verifyTreezorWebhook(webhook.payload, harness.demo.webhookSecret).ok, true, webhook.webhook);
      const shown = await reviewer.locator('#webhooks > li[data-webhook]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.webhook));
      assert.deepEqual([...shown].sort(), received.map((w) => w.webhook).sort());
    });
  });
}


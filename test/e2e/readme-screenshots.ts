// `npm run screenshots`: the README's pictures of the applicant's and the reviewer's pages, taken
// from the real demo (Debian Chromium, embedded storage and database) part-way through the review
// loop: a passport and a utility bill uploaded through the document set and submitted, one
// document refused and replaced, all validated, the KYC review pending. Not a test: it
// writes demo/screenshots/*.png for a person to look at and commit.
import { mkdir } from 'node:fs/promises';
import { fixture, nextOutcome, openDemo, replaceInWidget, startHarness, upload, validateOnceFormClosed } from './demo-page.js';

const OUT = new URL('../../demo/screenshots/', import.meta.url);
const harness = await startHarness({ formLifetime: { expiresIn: 20, marginMs: 0 } });
try {
  const { page: applicant } = await openDemo(harness);
  await applicant.setViewportSize({ width: 1100, height: 900 });
  const first = await upload(applicant, fixture('id-card.pdf').pathname);
  const second = await replaceInWidget(applicant, fixture('id-card.jpg').pathname);
  // The demo's requirements: a proof of address beside the passport, through the set, then sent.
  await applicant.getByRole('radio', { name: 'Utility bill', exact: true }).check();
  const billOutcome = nextOutcome(applicant);
  const billChooser = applicant.waitForEvent('filechooser');
  await applicant.locator('kyc-document-set [part="slot"]').filter({ hasText: 'Your utility bill' }).getByRole('button', { name: 'Choose a file' }).click();
  await (await billChooser).setFiles(fixture('id-card.pdf').pathname);
  const bill = String((await billOutcome).detail.documentId);
  await applicant.getByRole('button', { name: 'Submit documents' }).click();
  await applicant.locator('kyc-document-set [part="complete"]').getByText('Your documents were sent for review.').waitFor();

  const reviewer = await (await harness.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await reviewer.goto(new URL('/review', harness.demo.url).href);
  await reviewer.getByLabel('Your name').fill('Alice Martin');
  await reviewer.getByRole('button', { name: 'Sign in' }).click();
  const refused = reviewer.locator(`li[data-document-id="${second}"]`);
  await refused.getByLabel('Refusal reason').selectOption('document-unreadable');
  await refused.getByLabel('Refusal comment').fill('The photo is blurred; please take it again in daylight.');
  await refused.getByRole('button', { name: 'Refuse', exact: true }).click();

  const entry = applicant.locator(`#documents > li[data-document-id="${second}"][data-review="refused"]`);
  await entry.getByRole('button', { name: 'Replace this document' }).click();
  const chooser = applicant.waitForEvent('filechooser');
  await applicant.locator(`#replace-${second}`).getByRole('button', { name: 'Choose a file' }).click();
  await (await chooser).setFiles(fixture('id-card.png').pathname);
  await applicant.locator(`#documents > li[data-document-id="${second}"][data-replaced]`).waitFor();
  const replacement = await applicant.evaluate(() => document.body.dataset.documentId!);

  for (const documentId of [String(first.detail.documentId), replacement, bill]) await validateOnceFormClosed(reviewer, documentId);
  await reviewer.getByRole('button', { name: 'Request KYC review' }).click();
  await reviewer.locator('#applicants > li[data-kyc-status="PENDING"]').waitFor();
  await reviewer.waitForFunction(() => document.querySelectorAll('#webhooks > li[data-webhook]').length >= 4);
  await applicant.locator('#kyc-status[data-kyc-status="PENDING"]').waitFor({ timeout: 30_000 });

  await mkdir(OUT, { recursive: true });
  await applicant.screenshot({ path: new URL('applicant.png', OUT).pathname, fullPage: true });
  await reviewer.screenshot({ path: new URL('reviewer.png', OUT).pathname, fullPage: true });
  console.log('demo/screenshots/applicant.png, demo/screenshots/reviewer.png');
} finally {
  await harness.close();
}

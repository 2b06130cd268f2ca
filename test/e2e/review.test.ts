// The reviewer's side of issue 10, end to end: Debian Chromium on the demo page, the reference
// backend, the embedded storage. What an attacker posts straight to storage never becomes
// reviewable; what a person uploads through the widget is verified from its stored bytes and shown
// as a picture, never rendered as a document on the host's origin.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { postToS3 } from '../support/s3-post.js';
import { type Harness, fixture, nextOutcome, openDemo, startHarness, storedKeys, upload } from './demo-page.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

const text = (value: string) => new TextEncoder().encode(value);
const SCRIPTED_SVG = text('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert("stored XSS")</script><rect width="100" height="100"/></svg>');
const SCRIPTED_PDF = text(
  '%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>> endobj\n' +
    '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj\n' +
    '4 0 obj <</S/JavaScript/JS(app.alert\\(1\\))>> endobj\ntrailer <</Root 1 0 R/Size 5>>\n%%EOF\n',
);

/** The attacker's way in: the page's own session, the element endpoint and the storage, no widget. */
async function postWithoutWidget(page: Page, contentType: string, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const answer = await fetch(new URL('/api/kyc/document-form', harness.demo.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ documentType: 9, fileName: 'id', contentType, size: bytes.length }),
  });
  const form = (await answer.json()) as DocumentForm;
  const stored = await postToS3(form.form.action, form.formFields, { bytes, type: contentType });
  assert.equal(stored.status, 204, stored.body);
  return form.documentId;
}

async function reviewList(page: Page) {
  await page.reload();
  await page.locator('#documents[data-loaded]').waitFor({ state: 'attached' });
  return page.locator('#documents > li').evaluateAll((items) =>
    items.map((item) => ({
      documentId: (item as HTMLElement).dataset.documentId,
      status: (item as HTMLElement).dataset.status,
      pictures: [...item.querySelectorAll('img')].map((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth })),
      links: [...item.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      text: item.textContent,
    })),
  );
}

describe('review: the server decides what a reviewer sees', () => {
  it('an SVG and a PDF posted straight to storage are refused, removed, and never linked or shown', async () => {
    const { page } = await openDemo(harness);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const svgId = await postWithoutWidget(page, 'image/svg+xml', SCRIPTED_SVG);
    const pdfId = await postWithoutWidget(page, 'application/pdf', SCRIPTED_PDF);

    const list = await reviewList(page);
    for (const documentId of [svgId, pdfId]) {
      const entry = list.find((item) => item.documentId === documentId);
      assert.ok(entry, documentId);
      assert.equal(entry.status, 'refused');
      assert.match(entry.text ?? '', /unsafe-content/);
      assert.deepEqual(entry.pictures, []);
      assert.deepEqual(entry.links, []);
    }
    // Even the URLs a reviewer could type answer with a refusal, never the bytes.
    for (const documentId of [svgId, pdfId]) {
      const answer = await page.evaluate(async (id) => {
        const response = await fetch(`/api/kyc/documents/${id}/file`);
        return { status: response.status, type: response.headers.get('content-type') };
      }, documentId);
      assert.deepEqual(answer, { status: 409, type: 'application/json; charset=utf-8' });
    }
    const keys = await storedKeys(harness.demo);
    assert.ok(!keys.some((key) => key.includes(svgId) || key.includes(pdfId)), keys.join());
    assert.deepEqual(dialogs, []);
    await page.context().close();
  });

  it('a PDF and an SVG uploaded through the widget are verified and shown as pictures; the download link downloads', async () => {
    const { page } = await openDemo(harness);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const ids: string[] = [];
    // The bank's page opts into SVG for this test; the default `accept` leaves it out.
    await page.evaluate(() => document.querySelector('kyc-document-set')!.setAttribute('accept', '.pdf, .svg'));
    const first = await upload(page, fixture('id-card.pdf').pathname);
    assert.equal(first.type, 'kyc-upload-success', JSON.stringify(first.detail));
    ids.push(String(first.detail.documentId));
    // The second through the success state's own button, as a person replaces a document.
    const second = nextOutcome(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Replace' }).click();
    await (await chooser).setFiles(fixture('id-card.svg').pathname);
    const replaced = await second;
    assert.equal(replaced.type, 'kyc-upload-success', JSON.stringify(replaced.detail));
    ids.push(String(replaced.detail.documentId));
    const list = await reviewList(page);
    await page.waitForFunction(() => [...document.querySelectorAll('#documents img')].every((img) => (img as HTMLImageElement).complete));
    const pictures = await page.locator('#documents img').evaluateAll((images) => images.map((img) => (img as HTMLImageElement).naturalWidth));
    assert.ok(pictures.length === 2 && pictures.every((width) => width > 0), JSON.stringify(pictures));
    for (const documentId of ids) {
      const entry = list.find((item) => item.documentId === documentId)!;
      assert.equal(entry.status, 'verified');
      // Served by the host, same origin: never a storage URL in the page.
      assert.deepEqual(entry.pictures.map((p) => p.src), [`/api/kyc/documents/${documentId}/preview`]);
    }

    // A click on the SVG's download link downloads it; nothing renders, nothing runs.
    const svgEntry = page.locator(`#documents > li[data-document-id="${ids[1]}"]`);
    const download = page.waitForEvent('download');
    await svgEntry.getByRole('link', { name: 'Download' }).click();
    assert.equal((await download).suggestedFilename(), `document-${ids[1]}.svg`);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.deepEqual(dialogs, []);
    await page.context().close();
  });
});

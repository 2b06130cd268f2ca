// The identity and address step end to end: Debian Chromium on the demo's applicant page (the
// script-tag bundle's <kyc-document-set>), real files through the real file chooser, the reference
// backend presigning each side, the embedded S3 storing the bytes and the object metadata saying
// what each file is, and the set's completion event naming exactly what storage holds.
import assert from 'node:assert/strict';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { type Harness, fixture, openDemo, startHarness, storedObject } from './demo-page.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

interface SetDocument {
  kind: string;
  subtype: string;
  side: string;
  documentType: number;
  documentId: string;
}

/** The set's next completion, as the host page receives it. */
function nextCompletion(page: Page): Promise<SetDocument[]> {
  return page.evaluate(
    () =>
      new Promise<SetDocument[]>((resolve) =>
        document.querySelector('kyc-document-set')!.addEventListener('kyc-document-set-complete', (event) => resolve((event as CustomEvent).detail.documents), { once: true }),
      ),
  );
}

/** Chooses a file in one slot (by its instruction) with the slot's own button, and waits until it is stored. */
async function uploadInto(page: Page, instruction: string, file: string): Promise<string> {
  // No named function inside: the test runner's transform would wrap it in a helper the page lacks.
  const stored = page.evaluate(
    (label) =>
      new Promise<string>((resolve, reject) => {
        const set = document.querySelector('kyc-document-set')!;
        for (const type of ['kyc-upload-success', 'kyc-upload-error', 'kyc-upload-reject']) {
          set.addEventListener(type, (event) => {
            if ((event.composedPath()[0] as HTMLElement & { label?: string }).label !== label) return;
            const { detail } = event as CustomEvent;
            if (type === 'kyc-upload-success') resolve(detail.documentId);
            else reject(new Error(`${type}: ${detail.code}`));
          });
        }
      }),
    instruction,
  );
  const slot = page.locator('kyc-document-set [part="slot"]').filter({ hasText: instruction });
  const chooser = page.waitForEvent('filechooser');
  await slot.getByRole('button', { name: 'Choose a file' }).click();
  await (await chooser).setFiles(file);
  return stored;
}

async function objectMetadata(documentId: string): Promise<Record<string, string>> {
  const { key } = await storedObject(harness.demo, documentId);
  const head = await harness.demo.s3.send(new HeadObjectCommand({ Bucket: harness.demo.bucket, Key: key }));
  const { kind, subtype, side } = head.Metadata ?? {};
  return { ...(kind ? { kind } : {}), ...(subtype ? { subtype } : {}), ...(side ? { side } : {}) };
}

/** What the applicant's status lists for each document: the host's own records. */
async function hostRecords(page: Page): Promise<Array<Pick<SetDocument, 'documentId' | 'kind' | 'subtype' | 'side'>>> {
  const status = await page.evaluate(async () => (await fetch('/api/kyc/status')).json());
  return (status.documents as SetDocument[]).map(({ documentId, kind, subtype, side }) => ({ documentId, kind, subtype, side }));
}

describe('the document set on the demo page', () => {
  it('a passport and a utility bill: one completion with exactly the stored documents, each object saying what it is, then submitted for review', async () => {
    const { page, foreignRequests } = await openDemo(harness, '', { identity: 'Passport' });
    const completion = nextCompletion(page);
    const passport = await uploadInto(page, 'The photo page of your passport', fixture('id-card.png').pathname);
    await page.getByRole('radio', { name: 'Utility bill', exact: true }).check();
    const bill = await uploadInto(page, 'Your utility bill', fixture('id-card.pdf').pathname);

    assert.deepEqual(await completion, [
      { kind: 'identity-proof', subtype: 'passport', side: 'front', documentType: 901, documentId: passport },
      { kind: 'address-proof', subtype: 'utility-bill', side: 'front', documentType: 911, documentId: bill },
    ]);
    assert.deepEqual((await storedObject(harness.demo, passport)).bytes, await readFile(fixture('id-card.png')));
    assert.deepEqual((await storedObject(harness.demo, bill)).bytes, await readFile(fixture('id-card.pdf')));
    assert.deepEqual(await objectMetadata(passport), { kind: 'identity-proof', subtype: 'passport', side: 'front' });
    assert.deepEqual(await objectMetadata(bill), { kind: 'address-proof', subtype: 'utility-bill', side: 'front' });
    assert.deepEqual(
      (await hostRecords(page)).sort((a, b) => a.kind.localeCompare(b.kind)),
      [
        { documentId: bill, kind: 'address-proof', subtype: 'utility-bill', side: 'front' },
        { documentId: passport, kind: 'identity-proof', subtype: 'passport', side: 'front' },
      ],
    );

    const answered = page.waitForResponse((response) => response.url().endsWith('/api/kyc/submission'));
    await page.getByRole('button', { name: 'Submit documents' }).click();
    assert.equal((await answered).status(), 200);
    await page.locator('kyc-document-set [part="complete"]').getByText('Your documents were sent for review.').waitFor();
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
    await page.context().close();
  });

  it('an identity card front and back and a bank statement: three documents in order, the sides in storage', async () => {
    const { page } = await openDemo(harness, '', { identity: 'Identity card' });
    const completion = nextCompletion(page);
    const front = await uploadInto(page, 'Front of your identity card', fixture('id-card.png').pathname);
    const back = await uploadInto(page, 'Back of your identity card', fixture('id-card.pdf').pathname);
    await page.getByRole('radio', { name: 'Bank statement', exact: true }).check();
    const statement = await uploadInto(page, 'Your bank statement', fixture('id-card.pdf').pathname);

    assert.deepEqual(await completion, [
      { kind: 'identity-proof', subtype: 'id-card', side: 'front', documentType: 9, documentId: front },
      { kind: 'identity-proof', subtype: 'id-card', side: 'back', documentType: 9, documentId: back },
      { kind: 'address-proof', subtype: 'bank-statement', side: 'front', documentType: 912, documentId: statement },
    ]);
    assert.deepEqual(await objectMetadata(front), { kind: 'identity-proof', subtype: 'id-card', side: 'front' });
    assert.deepEqual(await objectMetadata(back), { kind: 'identity-proof', subtype: 'id-card', side: 'back' });
    assert.deepEqual(await objectMetadata(statement), { kind: 'address-proof', subtype: 'bank-statement', side: 'front' });
    await page.context().close();
  });
});

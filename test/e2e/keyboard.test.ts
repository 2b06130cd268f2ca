// The whole flow by keyboard alone, on the demo page (the script-tag bundle, the reference backend,
// the embedded S3): Tab to each choice, Space, Tab to its upload, Enter, the native file chooser,
// the next action focused, and the set submitted; the choices and documents after going back to
// the page; the same page in forced-colours mode.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { type Harness, choose, fixture, nextOutcome, openDemo, startHarness, storedObject } from './demo-page.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

/** The focused element, through shadow roots, as `tag[part]` or `tag#id`. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? `${active.localName}${active.getAttribute('part') ? `[${active.getAttribute('part')}]` : active.id ? `#${active.id}` : ''}` : null;
  });

async function tabTo(page: Page, target: string): Promise<void> {
  for (let presses = 0; presses < 10; presses++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${target}; focus is on ${await focused(page)}`);
}

describe('keyboard only', () => {
  it('chooses each document, uploads each with Tab, Space and Enter, keeps focus on the next action, and submits the set', async () => {
    const { page } = await openDemo(harness, '', { identity: null });
    const uploadBy = async (radio: string, file: string) => {
      await tabTo(page, `input#${radio}`);
      // Arrows move within a radio group; Space checks the one focused (the first, here).
      await page.keyboard.press('Space');
      await tabTo(page, 'button[button choose-button]');
      const outcome = nextOutcome(page);
      const chooser = page.waitForEvent('filechooser');
      // Listening turns on the chooser's interception by a protocol call of its own; a round trip
      // after it makes sure it is on before the key press (a click has its own checks that wait).
      await page.evaluate(() => 0);
      await page.keyboard.press('Enter');
      await (await chooser).setFiles(fixture(file).pathname);
      const { type, detail } = await outcome;
      assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
      assert.deepEqual((await storedObject(harness.demo, String(detail.documentId))).bytes, await readFile(fixture(file)));
      // Focus stayed in the slot, on its one action now ("Replace"), and the result was said.
      await page.locator(`kyc-upload[data-slot$="/front"] [part~="choose-button"]`).getByText('Replace').first().waitFor();
      assert.equal(await focused(page), 'button[button choose-button]');
      return String(detail.documentId);
    };
    const passport = await uploadBy('choice-identity-proof_passport', 'id-card.pdf');
    assert.match(await page.locator('kyc-upload[data-slot="identity-proof/passport/front"] [role="status"]').innerText(), /Document uploaded: id-card\.pdf/);
    // Tab goes on to the next requirement's choice.
    const bill = await uploadBy('choice-address-proof_utility-bill', 'id-card.png');
    // Complete: Tab reaches "Submit documents", Enter sends the set, and the result is said.
    await tabTo(page, 'button[button submit-button]');
    const sent = page.waitForResponse((response) => response.url().endsWith('/api/kyc/submission'));
    await page.keyboard.press('Enter');
    const request = JSON.parse((await sent).request().postData()!) as { documents: Array<{ documentId: string }> };
    assert.deepEqual(request.documents.map((document) => document.documentId), [passport, bill]);
    await page.locator('kyc-document-set [role="status"]').getByText('Your documents were sent for review.').waitFor();
    await page.context().close();
  });

  it('brings the choices and stored documents back when the person goes back to the page', async () => {
    const { page } = await openDemo(harness);
    const outcome = nextOutcome(page);
    await choose(page, fixture('id-card.pdf').pathname);
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
    await page.goto(new URL('/demo.css', harness.demo.url).href);
    await page.goBack();
    // A fresh page, not one kept in the back/forward cache: what shows comes from the form state
    // the browser restored (formStateRestoreCallback), once the page has given the set its requirements.
    assert.equal(await page.evaluate(() => (window as unknown as { before?: boolean }).before), undefined);
    await page.locator('kyc-upload [part="label"]').getByText('Document uploaded', { exact: true }).waitFor();
    assert.match(await page.locator('kyc-upload [part="file"]').innerText(), /id-card\.pdf/);
    assert.equal(await page.getByRole('radio', { name: 'Passport', exact: true }).isChecked(), true);
    const documents = await page.evaluate(() =>
      (document.querySelector('kyc-document-set') as unknown as { documents: Array<{ documentId: string }> }).documents.map((stored) => stored.documentId),
    );
    assert.deepEqual(documents, [detail.documentId]);
    await page.context().close();
  });

  it('shows a focus ring in system colours in forced-colours mode', async () => {
    const { page } = await openDemo(harness);
    await page.emulateMedia({ forcedColors: 'active' });
    await tabTo(page, 'button[button choose-button]');
    const ring = await page.locator('kyc-upload [part~="choose-button"]').evaluate((button) => {
      const style = getComputedStyle(button);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), border: style.borderTopStyle };
    });
    assert.equal(ring.style, 'solid');
    assert.ok(ring.width >= 2, `outline ${ring.width}px`);
    assert.notEqual(ring.border, 'none');
    await page.locator('kyc-upload').screenshot({ path: 'test-results/forced-colors.png' });
    await page.context().close();
  });
});

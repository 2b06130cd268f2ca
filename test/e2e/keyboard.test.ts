// The whole flow by keyboard alone, on the demo page (the script-tag bundle, the reference backend,
// the embedded S3): Tab to the widget, Enter, the native file chooser, and the next action focused;
// the form's value after going back to the page; the same page in forced-colours mode.
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
  it('uploads a document with Tab and Enter, and keeps focus on the next action', async () => {
    const { page } = await openDemo(harness);
    await tabTo(page, 'button[button choose-button]');
    const outcome = nextOutcome(page);
    const chooser = page.waitForEvent('filechooser');
    // Listening turns on the chooser's interception by a protocol call of its own; a round trip
    // after it makes sure it is on before the key press (a click has its own checks that wait).
    await page.evaluate(() => 0);
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(fixture('id-card.pdf').pathname);
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    assert.deepEqual((await storedObject(harness.demo, String(detail.documentId))).bytes, await readFile(fixture('id-card.pdf')));
    // Focus stayed in the widget, on its one action now ("Replace"), and the result was said.
    await page.locator('kyc-upload [part~="choose-button"]').getByText('Replace').waitFor();
    assert.equal(await focused(page), 'button[button choose-button]');
    assert.match(await page.locator('kyc-upload [role="status"]').innerText(), /Document uploaded: id-card\.pdf/);
    // Tab goes on to the form's own button, and Enter submits the form with the documentId.
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'button');
    // The listener is in place (the evaluate has returned) before the key is pressed.
    await page.evaluate(() => {
      document.querySelector('form')!.addEventListener('submit', (event) => {
        (window as unknown as { submitted: unknown }).submitted = new FormData(event.target as HTMLFormElement).get('idDocument');
      }, { once: true });
    });
    await page.keyboard.press('Enter');
    const submitted = await page.waitForFunction(() => (window as unknown as { submitted?: unknown }).submitted, undefined, { timeout: 10_000 });
    assert.equal(await submitted.jsonValue(), detail.documentId);
    await page.context().close();
  });

  it('brings the stored document back when the person goes back to the page', async () => {
    const { page } = await openDemo(harness);
    const outcome = nextOutcome(page);
    await choose(page, fixture('id-card.pdf').pathname);
    const { type, detail } = await outcome;
    assert.equal(type, 'kyc-upload-success', JSON.stringify(detail));
    await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
    await page.goto(new URL('/demo.css', harness.demo.url).href);
    await page.goBack();
    // A fresh page, not one kept in the back/forward cache: what shows comes from the form state
    // the browser restored (formStateRestoreCallback).
    assert.equal(await page.evaluate(() => (window as unknown as { before?: boolean }).before), undefined);
    await page.locator('kyc-upload [part="label"]').getByText('Document uploaded', { exact: true }).waitFor();
    assert.match(await page.locator('kyc-upload [part="file"]').innerText(), /id-card\.pdf/);
    const value = await page.evaluate(() => new FormData(document.querySelector('form')!).get('idDocument'));
    assert.equal(value, detail.documentId);
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

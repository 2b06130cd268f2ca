// What a person who cannot see the screen, or sees it through a zoom, forced colours or a dark
// theme, gets from <kyc-upload>: states for CSS, focus that stays put, a live region, targets, reflow.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { UploadError } from '../../src/core/errors.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import type { Uploader } from '../../src/element/upload-controller.js';
import { fixtureFile } from '../core/files.js';

/** An uploader driven step by step from the test. */
function scripted() {
  let controls!: Parameters<Uploader>[2];
  let settle!: { resolve: (value: Awaited<ReturnType<Uploader>>) => void; reject: (error: unknown) => void };
  const uploader: Uploader = (_file, _settings, given) => {
    controls = given;
    return new Promise((resolve, reject) => {
      settle = { resolve, reject };
      given.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
    });
  };
  return {
    uploader,
    progress(fraction: number) {
      controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-7' });
      controls.onUpdate?.({ type: 'progress', loaded: fraction * 1000, total: 1000 });
    },
    succeed: (file: File) =>
      settle.resolve({ documentId: 'doc-7', file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] }),
    fail: (error: UploadError) => settle.reject(error),
  };
}

const liveRegion = (el: KycUpload) => el.shadowRoot!.querySelector('[role="status"]')!;
const focusedPart = (el: KycUpload) => el.shadowRoot!.activeElement?.getAttribute('part') ?? null;
const buttons = (el: KycUpload) => [...el.shadowRoot!.querySelectorAll('button')];
const matchesState = (el: KycUpload, state: string) => {
  try {
    return el.matches(`:state(${state})`);
  } catch {
    return undefined; // a browser without :state() (none of those tested)
  }
};

describe('<kyc-upload> accessibility and theming', () => {
  it('exposes :state() for dragging, uploading, success, error, invalid and disabled', async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload required></kyc-upload>`);
    const script = scripted();
    el.uploader = script.uploader;
    expect(matchesState(el, 'invalid')).to.equal(true);
    expect(matchesState(el, 'uploading')).to.equal(false);

    const transfer = new DataTransfer();
    transfer.items.add(await fixtureFile('id-card.pdf'));
    const base = el.shadowRoot!.querySelector('.base')!;
    base.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(matchesState(el, 'dragging')).to.equal(true);
    base.dispatchEvent(new DragEvent('dragleave', { dataTransfer: transfer, bubbles: true, composed: true }));
    await el.updateComplete;
    expect(matchesState(el, 'dragging')).to.equal(false);

    const file = await fixtureFile('id-card.pdf');
    el.select(file);
    await el.updateComplete;
    expect(matchesState(el, 'uploading')).to.equal(true);
    script.succeed(file);
    await el.uploadComplete;
    await el.updateComplete;
    expect([matchesState(el, 'uploading'), matchesState(el, 'success'), matchesState(el, 'invalid')]).to.deep.equal([false, true, false]);

    el.disabled = true;
    await el.updateComplete;
    expect(matchesState(el, 'disabled')).to.equal(true);
  });

  it('says where it is in the live region: checking, each quarter of the upload once, then done', async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload></kyc-upload>`);
    const script = scripted();
    el.uploader = script.uploader;
    const file = await fixtureFile('id-card.pdf');
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(liveRegion(el).textContent!.trim()));
    observer.observe(liveRegion(el), { childList: true, subtree: true, characterData: true });
    el.select(file);
    await el.updateComplete;
    for (const fraction of [0.1, 0.3, 0.32, 0.6, 0.8, 1]) {
      script.progress(fraction);
      await el.updateComplete;
    }
    script.succeed(file);
    await el.uploadComplete;
    await el.updateComplete;
    observer.disconnect();
    expect(said.filter(Boolean)).to.deep.equal(['Checking the file…', 'Uploading… 25%', 'Uploading… 50%', 'Uploading… 75%', 'Document uploaded: id-card.pdf']);
  });

  it('keeps focus in the widget when the focused button goes away: Cancel, then Try again, then Replace', async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload></kyc-upload>`);
    let script = scripted();
    el.uploader = script.uploader;
    const file = await fixtureFile('id-card.pdf');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="choose-button"]')!.focus();
    el.select(file); // as the picker would, once a file is chosen
    await el.updateComplete;
    expect(focusedPart(el)).to.equal('button cancel-button');

    const failed = oneEvent(el, 'kyc-upload-error');
    script.fail(new UploadError('storage-unavailable', 'down', { status: 503 }));
    await failed;
    await el.updateComplete;
    expect(focusedPart(el)).to.equal('button retry-button');

    script = scripted();
    el.uploader = script.uploader;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await el.updateComplete;
    script.succeed(file);
    await el.uploadComplete;
    await el.updateComplete;
    expect(focusedPart(el)).to.equal('button choose-button');
  });

  it('does not take focus from the page when it was elsewhere', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><input id="other" /><kyc-upload></kyc-upload></div>`);
    const el = wrapper.querySelector('kyc-upload')!;
    const script = scripted();
    el.uploader = script.uploader;
    const other = wrapper.querySelector<HTMLInputElement>('#other')!;
    other.focus();
    const file = await fixtureFile('id-card.pdf');
    el.select(file);
    await el.updateComplete;
    script.succeed(file);
    await el.uploadComplete;
    await el.updateComplete;
    expect(document.activeElement).to.equal(other);
  });

  it('gives every button a target of at least 44 × 44 px, in every state', async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload></kyc-upload>`);
    const script = scripted();
    el.uploader = script.uploader;
    const sizes: Array<[string, number, number]> = [];
    const measure = () => {
      for (const button of buttons(el)) {
        const { width, height } = button.getBoundingClientRect();
        sizes.push([button.getAttribute('part')!, width, height]);
      }
    };
    measure();
    const file = await fixtureFile('id-card.pdf');
    el.select(file);
    await el.updateComplete;
    measure();
    script.fail(new UploadError('network-error', 'lost'));
    await el.uploadComplete;
    await el.updateComplete;
    measure();
    expect(sizes.map(([part]) => part)).to.deep.equal(['button choose-button', 'button cancel-button', 'button retry-button', 'button choose-button']);
    for (const [part, width, height] of sizes) expect(Math.min(width, height), part).to.be.at.least(44);
  });

  // 200 % zoom on a 640 px wide phone leaves 320 CSS pixels: nothing may need a sideways scroll.
  it('reflows into 320 px without horizontal scrolling, with a long file name and an error', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><kyc-upload lang="de"></kyc-upload></div>`);
    const el = wrapper.querySelector('kyc-upload')!;
    const script = scripted();
    el.uploader = script.uploader;
    await el.updateComplete;
    const base = el.shadowRoot!.querySelector<HTMLElement>('.base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    const file = new File([new Uint8Array(10)], 'Personalausweis-Vorderseite-und-Rückseite-eingescannt-2026-12-01.pdf', { type: 'application/pdf' });
    el.select(file);
    script.fail(new UploadError('presign-failed', 'x', { status: 401 }));
    await el.uploadComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.exist;
    expect(el.shadowRoot!.querySelector<HTMLElement>('.base')!.scrollWidth).to.be.at.most(el.shadowRoot!.querySelector<HTMLElement>('.base')!.clientWidth + 1);
  });

  it('turns dark with the color-scheme around it, and keeps the host page’s own colours first', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`
      <div>
        <div style="color-scheme: light"><kyc-upload id="light"></kyc-upload></div>
        <div style="color-scheme: dark"><kyc-upload id="dark"></kyc-upload></div>
        <div style="color-scheme: dark; --kyc-upload-accent: rgb(1, 2, 3)"><kyc-upload id="themed"></kyc-upload></div>
      </div>`);
    const accent = (id: string) => {
      const el = wrapper.querySelector<KycUpload>(`#${id}`)!;
      const choose = el.shadowRoot!.querySelector('[part~="choose-button"]')!;
      return getComputedStyle(choose).backgroundColor;
    };
    expect(accent('light')).to.equal('rgb(29, 78, 216)');
    expect(accent('dark')).to.equal('rgb(147, 197, 253)');
    expect(accent('themed')).to.equal('rgb(1, 2, 3)');
  });

  it('passes axe in its error state, in a dark scheme too', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="color-scheme: dark; background: #111827; color: #f9fafb"><kyc-upload></kyc-upload></div>`);
    const el = wrapper.querySelector('kyc-upload')!;
    const script = scripted();
    el.uploader = script.uploader;
    el.select(await fixtureFile('id-card.pdf'));
    script.fail(new UploadError('storage-unavailable', 'down', { status: 503 }));
    await el.uploadComplete;
    await el.updateComplete;
    await expect(wrapper).to.be.accessible();
  });
});

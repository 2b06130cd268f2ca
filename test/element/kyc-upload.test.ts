import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { defineKycUpload } from '../../src/define.js';
import { UploadError } from '../../src/core/errors.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import type { Uploader } from '../../src/element/upload-controller.js';
import { fixtureFile } from '../core/files.js';
import { enErrors } from '../../src/element/translations/en-errors.js';

const result = (file: File, documentId = 'doc-42') => ({
  documentId,
  file: { name: file.name, type: file.type, size: file.size },
  originalSize: file.size,
  transformations: [],
  supersededDocumentIds: [],
});

/** An uploader that walks through the stages like the real one, with no network. */
const succeeding: Uploader = async (file, _settings, controls) => {
  controls.onUpdate?.({ type: 'stage', stage: 'inspecting' });
  controls.onUpdate?.({ type: 'stage', stage: 'requesting-form' });
  controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-42' });
  controls.onUpdate?.({ type: 'progress', loaded: file.size / 2, total: file.size });
  controls.onUpdate?.({ type: 'progress', loaded: file.size, total: file.size });
  return result(file);
};

/** An uploader that hangs until cancelled, the way a slow upload does. */
const hanging: Uploader = (_file, _settings, controls) =>
  new Promise((_resolve, reject) => {
    controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-slow' });
    controls.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
  });

async function element(template = html`<kyc-upload endpoint="/backend" document-type="9"></kyc-upload>`): Promise<KycUpload> {
  return fixture<KycUpload>(template);
}

const button = (el: KycUpload, part: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`);
const text = (el: KycUpload) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<kyc-upload>', () => {
  it('is defined once, and defining it again does not throw', () => {
    expect(customElements.get('kyc-upload')).to.exist;
    expect(() => defineKycUpload()).not.to.throw();
  });

  it('shows a button, the accepted types and the limit, and is accessible', async () => {
    const el = await element();
    expect(button(el, 'choose-button')!.textContent).to.contain('Choose a file');
    expect(text(el)).to.contain('PDF, JPEG, PNG, or TIFF');
    expect(text(el)).not.to.contain('SVG');
    expect(text(el)).to.contain('4.5 MB');
    await expect(el).to.be.accessible();
  });

  it('narrows the picker and the hint to `accept`', async () => {
    const el = await element(html`<kyc-upload endpoint="/b" accept="application/pdf"></kyc-upload>`);
    const picker = el.shadowRoot!.querySelector<HTMLInputElement>('#picker')!;
    expect(picker.accept).to.equal('application/pdf,.pdf');
    expect(text(el)).to.contain('PDF — up to');
  });

  it('offers the camera on touch screens through an image input with capture', async () => {
    const el = await element();
    const camera = el.shadowRoot!.querySelector<HTMLInputElement>('#camera')!;
    expect(camera.getAttribute('capture')).to.equal('environment');
    expect(camera.accept).to.equal('image/*');
  });

  it('sends start, progress and success with the documentId, then sets its value and fires change', async () => {
    const el = await element();
    el.uploader = succeeding;
    const file = await fixtureFile('id-card.pdf');
    const seen: string[] = [];
    for (const type of ['kyc-upload-select', 'kyc-upload-start', 'kyc-upload-progress', 'kyc-upload-success', 'change'] as const) {
      el.addEventListener(type, () => seen.push(type));
    }
    const start = oneEvent(el, 'kyc-upload-start');
    const success = oneEvent(el, 'kyc-upload-success');
    el.select(file);
    expect((await start).detail).to.deep.equal({ documentId: 'doc-42', file });
    const event = await success;
    expect(event.detail.documentId).to.equal('doc-42');
    expect(event.detail.file).to.deep.equal({ name: 'id-card.pdf', type: 'application/pdf', size: file.size });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(seen).to.deep.equal(['kyc-upload-select', 'kyc-upload-start', 'kyc-upload-progress', 'kyc-upload-progress', 'kyc-upload-success', 'change']);
    expect(el.value).to.equal('doc-42');
    await el.updateComplete;
    expect(text(el)).to.contain('Document uploaded');
    expect(text(el)).to.contain('id-card.pdf');
  });

  it('shows what was stored, not what was chosen: the prepared name and size', async () => {
    const el = await element();
    const chosen = new File([new Uint8Array(2_345_678)], 'IMG_0001.HEIC', { type: 'image/heic' });
    const stored = { name: 'IMG_0001.jpg', type: 'image/jpeg', size: 876_543 };
    el.uploader = async (file, _settings, controls) => {
      controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-7' });
      return { ...result(file, 'doc-7'), file: stored, transformations: ['heic-to-jpeg'] };
    };
    const success = oneEvent(el, 'kyc-upload-success');
    el.select(chosen);
    const event = await success;
    expect(event.detail.file).to.deep.equal(stored);
    expect(event.detail.originalSize).to.equal(chosen.size);
    await el.updateComplete;
    const line = el.shadowRoot!.querySelector('[part~="file"]')!.textContent!;
    expect(line).to.contain('IMG_0001.jpg');
    expect(line).to.contain('876.5 kB');
    expect(line).not.to.contain('2.3 MB');
  });

  it('lets the host veto a file by cancelling kyc-upload-select', async () => {
    const el = await element();
    let called = false;
    el.uploader = async (file) => { called = true; return result(file); };
    el.addEventListener('kyc-upload-select', (event) => event.preventDefault());
    el.select(await fixtureFile('id-card.pdf'));
    await el.uploadComplete;
    expect(called).to.equal(false);
  });

  it('rejects a renamed executable with type-mismatch, through the real pipeline, and says so', async () => {
    const el = await element();
    const file = await fixtureFile('program.elf', 'passport.pdf');
    const reject = oneEvent(el, 'kyc-upload-reject');
    el.select(file);
    const event = await reject;
    expect(event.detail.code).to.equal('type-mismatch');
    expect(event.detail.file).to.equal(file);
    expect(event.detail.message).to.contain('not really a PDF');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(event.detail.message);
    expect(button(el, 'choose-button')!.textContent).to.contain('Choose another file');
    await expect(el).to.be.accessible();
  });

  it('speaks French when its lang says so', async () => {
    const el = await element(html`<kyc-upload endpoint="/b" lang="fr"></kyc-upload>`);
    const reject = oneEvent(el, 'kyc-upload-reject');
    el.select(new File([], 'vide.pdf', { type: 'application/pdf' }));
    expect((await reject).detail.message).to.equal('Ce fichier est vide. Choisissez à nouveau le document.');
  });

  it('finds the language on the nearest ancestor with lang', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr-CA"><kyc-upload endpoint="/b"></kyc-upload></div>`);
    const el = wrapper.querySelector('kyc-upload')!;
    await el.updateComplete;
    expect(button(el, 'choose-button')!.textContent).to.contain('Choisir un fichier');
  });

  it('reports a failure as kyc-upload-error and offers to try again when it may help', async () => {
    const el = await element();
    let attempts = 0;
    el.uploader = async (file) => {
      attempts++;
      if (attempts === 1) {
        const error = new UploadError('storage-unavailable', 'down', { status: 503 });
        error.documentId = 'doc-1';
        throw error;
      }
      return result(file, 'doc-2');
    };
    const failed = oneEvent(el, 'kyc-upload-error');
    el.select(await fixtureFile('id-card.pdf'));
    const event = await failed;
    expect(event.detail).to.deep.equal({
      code: 'storage-unavailable', retryable: true, documentId: 'doc-1',
      message: 'The document storage is not available right now. Please try again in a moment.',
    });
    await el.updateComplete;
    const success = oneEvent(el, 'kyc-upload-success');
    button(el, 'retry-button')!.click();
    expect((await success).detail.documentId).to.equal('doc-2');
  });

  it('reports a file refused after its form was issued as kyc-upload-error naming the document, never as a rejection', async () => {
    // The signed policy allows less than the element's limit: the provider already holds a document.
    const el = await element();
    el.uploader = async () => {
      const error = new UploadError('too-large', 'policy', { size: 3_000_000, maxSize: 2_000_000 });
      error.documentId = 'doc-policy';
      throw error;
    };
    let rejected = false;
    el.addEventListener('kyc-upload-reject', () => (rejected = true));
    const failed = oneEvent(el, 'kyc-upload-error');
    el.select(await fixtureFile('id-card.pdf'));
    const event = await failed;
    expect(event.detail).to.include({ code: 'too-large', retryable: false, documentId: 'doc-policy' });
    expect(rejected).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="base"]')!.classList.contains('failed')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(event.detail.message);
    expect(button(el, 'retry-button')).to.equal(null);
  });

  it('sends a chosen photo back for a retake (poor-photo), and offers to send it anyway from the second', async () => {
    const el = await element();
    const calls: Array<boolean | undefined> = [];
    el.uploader = async (file, settings) => {
      calls.push(settings.retakePoorPhotos);
      if (settings.retakePoorPhotos) throw new UploadError('poor-photo', 'blurred', { photoIssue: 'blurred' });
      return result(file, 'doc-anyway');
    };
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'IMG_0412.jpg', { type: 'image/jpeg' });
    for (const attempt of [1, 2]) {
      const rejected = oneEvent(el, 'kyc-upload-reject');
      el.select(photo);
      const { detail } = await rejected;
      expect(detail).to.include({ code: 'poor-photo', message: enErrors['poor-photo-blurred'] });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(detail.message);
      expect(button(el, 'retry-button'), 'the same photo again would be refused again').to.equal(null);
      expect(!!button(el, 'send-anyway-button'), `attempt ${attempt}`).to.equal(attempt === 2);
    }
    const success = oneEvent(el, 'kyc-upload-success');
    button(el, 'send-anyway-button')!.click();
    expect((await success).detail.documentId).to.equal('doc-anyway');
    expect(calls).to.deep.equal([true, true, false]);

    // Counted afresh after a stored file: one refusal is not yet two.
    const again = oneEvent(el, 'kyc-upload-reject');
    el.select(new File([photo], 'IMG_0413.jpg', { type: 'image/jpeg' }));
    await again;
    await el.updateComplete;
    expect(button(el, 'send-anyway-button')).to.equal(null);
  });

  it('never offers to send anyway on another failure, even after two poor photos', async () => {
    const el = await element();
    el.uploader = async (_file, settings) => {
      if (settings.retakePoorPhotos) throw new UploadError('poor-photo', 'glare', { photoIssue: 'glare' });
      throw new UploadError('storage-unavailable', 'down', { status: 503 });
    };
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'IMG_0412.jpg', { type: 'image/jpeg' });
    for (let attempt = 0; attempt < 2; attempt++) {
      const rejected = oneEvent(el, 'kyc-upload-reject');
      el.select(photo);
      await rejected;
    }
    await el.updateComplete;
    const failed = oneEvent(el, 'kyc-upload-error');
    button(el, 'send-anyway-button')!.click();
    await failed;
    await el.updateComplete;
    expect(button(el, 'retry-button')).to.not.equal(null);
    expect(button(el, 'send-anyway-button')).to.equal(null);
  });

  it('starts one upload for a double click on "Try again", and ignores files chosen meanwhile', async () => {
    const el = await element();
    let calls = 0;
    el.uploader = async (file, settings, controls) => {
      calls++;
      if (calls === 1) throw new UploadError('network-error', 'lost');
      return hanging(file, settings, controls);
    };
    const failed = oneEvent(el, 'kyc-upload-error');
    el.select(await fixtureFile('id-card.pdf'));
    await failed;
    await el.updateComplete;
    const retry = button(el, 'retry-button')!;
    retry.click();
    retry.click();
    el.select(await fixtureFile('id-card.png'));
    expect(calls).to.equal(2);
    const aborted = oneEvent(el, 'kyc-upload-error');
    el.reset();
    expect((await aborted).detail).to.include({ code: 'aborted', documentId: 'doc-slow' });
    expect(el.value).to.equal('');
  });

  it('cancels an upload in flight and returns to the start', async () => {
    const el = await element();
    el.uploader = hanging;
    el.select(await fixtureFile('id-card.pdf'));
    await el.updateComplete;
    const failed = oneEvent(el, 'kyc-upload-error');
    button(el, 'cancel-button')!.click();
    expect((await failed).detail.code).to.equal('aborted');
    await el.updateComplete;
    expect(button(el, 'choose-button')!.textContent).to.contain('Choose a file');
    expect(el.value).to.equal('');
  });

  it('shows preparation progress and a thumbnail of the image being sent', async () => {
    const el = await element();
    const image = await fixtureFile('id-card.png');
    el.uploader = (_file, _settings, controls) =>
      new Promise((_resolve, reject) => {
        controls.onUpdate?.({ type: 'stage', stage: 'preparing' });
        controls.onUpdate?.({ type: 'preparing', fraction: 0.5 });
        controls.onUpdate?.({ type: 'prepared', prepared: { file: image, type: 'image/png', transformations: [] } });
        controls.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
      });
    el.select(image);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Preparing the image… 50%');
    expect(el.shadowRoot!.querySelector('progress')!.value).to.equal(50);
    const thumbnail = el.shadowRoot!.querySelector<HTMLImageElement>('[part="thumbnail"]')!;
    expect(thumbnail.src).to.match(/^blob:/);
    await thumbnail.decode();
    expect(thumbnail.naturalWidth).to.equal(428);
    await expect(el).to.be.accessible();
    el.abort();
  });

  it('still says "Uploading" while a fresh form is asked for after the first one expired', async () => {
    const el = await element();
    const pdf = await fixtureFile('id-card.pdf');
    el.uploader = (file, _settings, controls) =>
      new Promise((_resolve, reject) => {
        controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-1' });
        controls.onUpdate?.({ type: 'progress', loaded: file.size / 2, total: file.size });
        controls.onUpdate?.({ type: 'stage', stage: 'requesting-form' });
        controls.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
      });
    el.select(pdf);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Uploading… 50%');
    el.abort();
  });

  it("shows a PDF's page count", async () => {
    const el = await element();
    const pdf = await fixtureFile('id-card.pdf');
    el.uploader = (_file, _settings, controls) =>
      new Promise((_resolve, reject) => {
        controls.onUpdate?.({ type: 'prepared', prepared: { file: pdf, type: 'application/pdf', transformations: [], pageCount: 3 } });
        controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-pdf' });
        controls.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
      });
    el.select(pdf);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="file"]')!.textContent).to.contain('3 pages');
    expect(el.shadowRoot!.querySelector('[part="thumbnail"]')).to.equal(null);
    el.abort();
  });

  it('ignores a second file while one is in flight', async () => {
    const el = await element();
    el.uploader = hanging;
    el.select(await fixtureFile('id-card.pdf'));
    let selected = 0;
    el.addEventListener('kyc-upload-select', () => selected++);
    el.select(await fixtureFile('id-card.png'));
    expect(selected).to.equal(0);
    el.abort();
  });

  it('accepts a dropped file and does not flicker while the pointer crosses children', async () => {
    const el = await element();
    el.uploader = succeeding;
    const transfer = new DataTransfer();
    transfer.items.add(await fixtureFile('id-card.png'));
    const base = el.shadowRoot!.querySelector('.base')!;
    const inner = button(el, 'choose-button')!;
    base.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
    inner.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
    base.dispatchEvent(new DragEvent('dragleave', { dataTransfer: transfer, bubbles: true, composed: true }));
    await el.updateComplete;
    expect(base.classList.contains('dragging')).to.equal(true);
    const selected = oneEvent(el, 'kyc-upload-select');
    inner.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
    expect((await selected).detail.file.name).to.equal('id-card.png');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.base')!.classList.contains('dragging')).to.equal(false);
  });

  it('accepts a pasted file', async () => {
    const el = await element();
    el.uploader = succeeding;
    const transfer = new DataTransfer();
    transfer.items.add(await fixtureFile('id-card.jpg'));
    const selected = oneEvent(el, 'kyc-upload-select');
    // Firefox drops a DataTransfer passed to the ClipboardEvent constructor; an own property
    // delivers it in every browser, as a real paste would.
    const paste = new ClipboardEvent('paste', { bubbles: true, composed: true, cancelable: true });
    Object.defineProperty(paste, 'clipboardData', { value: transfer });
    button(el, 'choose-button')!.dispatchEvent(paste);
    expect((await selected).detail.file.name).to.equal('id-card.jpg');
    expect(paste.defaultPrevented, 'the page does not paste the file as well').to.equal(true);
  });

  it('does nothing when disabled', async () => {
    const el = await element(html`<kyc-upload endpoint="/b" disabled></kyc-upload>`);
    let selected = 0;
    el.addEventListener('kyc-upload-select', () => selected++);
    el.select(await fixtureFile('id-card.pdf'));
    expect(selected).to.equal(0);
    expect(button(el, 'choose-button')!.disabled).to.equal(true);
  });

  it('takes part in forms: the value is the documentId, required blocks an empty form, reset clears', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><kyc-upload name="idDocument" endpoint="/b" required></kyc-upload></form>`);
    const el = form.querySelector('kyc-upload')!;
    el.uploader = succeeding;
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    const success = oneEvent(el, 'kyc-upload-success');
    el.select(await fixtureFile('id-card.pdf'));
    await success;
    await el.updateComplete;
    expect(new FormData(form).get('idDocument')).to.equal('doc-42');
    expect(form.checkValidity()).to.equal(true);
    form.reset();
    await el.updateComplete;
    expect(new FormData(form).get('idDocument')).to.equal(null);
    expect(el.value).to.equal('');
  });
  it('starts reading a file within the selection once its pipeline is loaded, not after the busy render', async () => {
    // The presign goes to a backend that is not there: each upload ends in an error, after inspection.
    const el = await element();
    const ended = () => oneEvent(el, 'kyc-upload-error');
    let end = ended();
    el.select(await fixtureFile('id-card.pdf'));
    await end;

    const file = await fixtureFile('id-card.pdf');
    let read = false;
    Object.defineProperty(file, 'slice', {
      value(...args: Parameters<Blob['slice']>) {
        read = true;
        return Blob.prototype.slice.apply(this, args);
      },
    });
    end = ended();
    el.select(file);
    // Before any await: the element's render (a microtask) has not run yet either.
    expect(read).to.equal(true);
    await end;
  });
});

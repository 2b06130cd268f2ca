import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import { setAssetBase } from '../../src/core/assets.js';
import { captureDocument, TRIES_BEFORE_SEND_ANYWAY } from '../../src/element/camera/camera-dialog.js';
import { DOCUMENT_ASPECT } from '../../src/core/capture/document-frame.js';
import { reportOf } from '../support/quality-report.js';
import { enCamera } from '../../src/element/translations/en-camera.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import type { Uploader } from '../../src/element/upload-controller.js';
import { until } from '../support/until-dom.js';
import { UploadError } from '../../src/core/errors.js';

// Chromium runs with its fake camera (test/runner/chromium.mjs); Firefox and WebKit have none here,
// so the tests of a live camera run in Chromium, and the fallback's everywhere.
const hasFakeCamera = navigator.userAgent.includes('Chrome/');
// The camera's checks run in the image worker, served by the tests' server.
setAssetBase('/__assets__/');

const part = (root: ParentNode, name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`);
const dialogOf = (el: KycUpload) => part(el.shadowRoot!, 'camera') as HTMLDialogElement | null;


const playing = (video: HTMLVideoElement) =>
  video.videoWidth > 0 ? Promise.resolve() : new Promise<void>((resolve) => video.addEventListener('loadeddata', () => resolve(), { once: true }));

const holding: Uploader = () => new Promise(() => {});

/**
 * The element made while the browser lists a camera, as the element learns of one
 * (enumerateDevices): a camera set by hand could be unset by the real list arriving later.
 */
async function listingACamera(template: TemplateResult): Promise<KycUpload> {
  const listed = Promise.resolve([{ kind: 'videoinput' } as MediaDeviceInfo]);
  navigator.mediaDevices.enumerateDevices = () => listed;
  try {
    const el = await fixture<KycUpload>(template);
    await listed;
    await el.updateComplete;
    return el;
  } finally {
    delete (navigator.mediaDevices as { enumerateDevices?: unknown }).enumerateDevices;
  }
}

async function widget(subtype?: string): Promise<KycUpload> {
  const el = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" subtype=${subtype ?? ''}></kyc-upload>`);
  el.uploader = holding;
  return el;
}

async function openCamera(el: KycUpload): Promise<HTMLDialogElement> {
  const cameraButton = await until(el.shadowRoot!, () => part(el.shadowRoot!, 'camera-button'));
  cameraButton.click();
  const dialog = await until(el.shadowRoot!, () => dialogOf(el));
  await until(dialog, () => !(part(dialog, 'camera-shutter-button') as HTMLButtonElement).disabled);
  await playing(part(dialog, 'camera-preview') as HTMLVideoElement);
  return dialog;
}

(hasFakeCamera ? describe : describe.skip)('the in-page camera (Chromium fake camera)', () => {
  it('offers "Take a photo" with a camera attached, and opens a modal preview framed like an ID card', async () => {
    const el = await widget();
    const dialog = await openCamera(el);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('camera-title');
    const frame = part(dialog, 'camera-frame')!.getBoundingClientRect();
    expect(frame.width / frame.height).to.be.closeTo(DOCUMENT_ASPECT.card, 0.02);
    expect(part(dialog, 'camera-guidance')!.textContent).to.equal(enCamera.placeDocument);
    expect(document.activeElement === el && el.shadowRoot!.activeElement === part(dialog, 'camera-shutter-button')).to.equal(true);
    part(dialog, 'camera-close-button')!.click();
    await until(el.shadowRoot!, () => !dialogOf(el));
  });

  it('frames a passport page for a passport', async () => {
    const el = await widget('passport');
    const dialog = await openCamera(el);
    const frame = part(dialog, 'camera-frame')!.getBoundingClientRect();
    expect(frame.width / frame.height).to.be.closeTo(DOCUMENT_ASPECT.passportPage, 0.02);
    part(dialog, 'camera-close-button')!.click();
    await until(el.shadowRoot!, () => !dialogOf(el));
  });

  it('takes the shot at the camera\'s resolution and hands it to the upload, the camera stopped', async () => {
    const el = await widget();
    const dialog = await openCamera(el);
    const video = part(dialog, 'camera-preview') as HTMLVideoElement;
    const tracks = (video.srcObject as MediaStream).getTracks();
    const selected = oneEvent(el, 'kyc-upload-select');
    part(dialog, 'camera-shutter-button')!.click();
    const { detail } = await selected;
    expect(detail.file.type).to.match(/^image\/(png|jpeg)$/);
    expect(detail.file.name).to.match(/^photo-\d{8}-\d{6}\.(png|jpg)$/);
    const bitmap = await createImageBitmap(detail.file);
    expect([bitmap.width, bitmap.height]).to.deep.equal([video.videoWidth, video.videoHeight]);
    expect(tracks.every((track) => track.readyState === 'ended'), 'the camera is off').to.equal(true);
    expect(dialogOf(el)).to.equal(null);
  });

  it('sends its shot without a second retake policy: the camera already judged it', async () => {
    const el = await widget();
    let retake: boolean | undefined;
    el.uploader = (_file, settings) => ((retake = settings.retakePoorPhotos), new Promise(() => {}));
    const dialog = await openCamera(el);
    const selected = oneEvent(el, 'kyc-upload-select');
    part(dialog, 'camera-shutter-button')!.click();
    await selected;
    expect(retake).to.equal(false);
  });

  it('guides the person from the live preview: the fake camera films a sharp card, large in the frame', async () => {
    const el = await widget();
    const dialog = await openCamera(el);
    const guidance = part(dialog, 'camera-guidance')!;
    await until(guidance, () => guidance.textContent === enCamera.looksGood);
    part(dialog, 'camera-close-button')!.click();
    await until(el.shadowRoot!, () => !dialogOf(el));
  });

  it('closes on Escape with nothing selected and the camera stopped', async () => {
    const el = await widget();
    let selected = false;
    el.addEventListener('kyc-upload-select', () => (selected = true));
    const dialog = await openCamera(el);
    const tracks = ((part(dialog, 'camera-preview') as HTMLVideoElement).srcObject as MediaStream).getTracks();
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    await until(el.shadowRoot!, () => !dialogOf(el));
    expect(selected).to.equal(false);
    expect(tracks.every((track) => track.readyState === 'ended')).to.equal(true);
  });

  it('holds the preview\'s last frame until the shot is decoded, and goes live again on a retake', async () => {
    // Swapped at once, the stage showed black while the shot decoded (a story's screenshot caught it).
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const outcome = captureDocument({ root, checks: { shot: async () => reportOf('blurred') } });
    const dialog = await until(root, () => root.querySelector('dialog'));
    const shutter = part(dialog, 'camera-shutter-button') as HTMLButtonElement;
    const video = part(dialog, 'camera-preview') as HTMLVideoElement;
    const still = part(dialog, 'camera-still') as HTMLImageElement;
    await until(dialog, () => !shutter.disabled);
    await playing(video);
    const shownUndecoded: string[] = [];
    const watch = new MutationObserver(() => {
      if (video.hidden && still.hidden) shownUndecoded.push('neither the preview nor the shot');
      if (!still.hidden && !(still.complete && still.naturalWidth > 0)) shownUndecoded.push('the shot before it decoded');
    });
    watch.observe(dialog, { attributes: true, subtree: true, attributeFilter: ['hidden', 'src'] });

    shutter.click();
    await until(dialog, () => !still.hidden);
    watch.disconnect();
    expect(shownUndecoded).to.deep.equal([]);
    expect(video.hidden).to.equal(true);

    await until(dialog, () => !part(dialog, 'camera-retake-button')!.hidden);
    part(dialog, 'camera-retake-button')!.click();
    await until(dialog, () => !video.hidden);
    expect(still.hidden).to.equal(true);
    expect(video.paused, 'live again').to.equal(false);
    part(dialog, 'camera-close-button')!.click();
    expect((await outcome).type).to.equal('closed');
  });

  it(`asks for a retake with the check's advice, and offers "send anyway" after ${TRIES_BEFORE_SEND_ANYWAY} failed shots`, async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const verdicts = [reportOf('blurred'), reportOf('glare')];
    const outcome = captureDocument({ root, checks: { shot: async () => verdicts.shift()! } });
    const dialog = await until(root, () => root.querySelector('dialog'));
    const shutter = part(dialog, 'camera-shutter-button') as HTMLButtonElement;
    await until(dialog, () => !shutter.disabled);
    await playing(part(dialog, 'camera-preview') as HTMLVideoElement);
    const guidance = part(dialog, 'camera-guidance')!;
    const shown = (name: string) => !part(dialog, name)!.hidden;

    shutter.click();
    await until(guidance, () => guidance.textContent === enCamera.issues.blurred);
    expect(shown('camera-retake-button')).to.equal(true);
    expect(shown('camera-send-anyway-button'), 'not after one try').to.equal(false);
    expect(shown('camera-shutter-button')).to.equal(false);

    part(dialog, 'camera-retake-button')!.click();
    await until(guidance, () => guidance.textContent === enCamera.placeDocument);
    shutter.click();
    await until(guidance, () => guidance.textContent === enCamera.issues.glare);
    expect(shown('camera-send-anyway-button')).to.equal(true);

    part(dialog, 'camera-send-anyway-button')!.click();
    const result = await outcome;
    expect(result.type).to.equal('photo');
    if (result.type !== 'photo') return;
    expect(result.tries).to.equal(2);
    expect(result.quality).to.deep.equal(reportOf('glare'));
  });
});

describe('the in-page camera, unavailable', () => {
  const original = navigator.mediaDevices?.getUserMedia;
  afterEach(() => {
    if (original) navigator.mediaDevices.getUserMedia = original;
  });

  it('says why when the camera is refused, and uses the camera app from then on', async () => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const outcome = await captureDocument({ root: host.attachShadow({ mode: 'open' }) });
    expect(outcome).to.deep.equal({ type: 'unavailable', reason: 'permission-denied', message: enCamera.unavailable['permission-denied'] });
    expect(host.shadowRoot!.querySelector('dialog'), 'the dialog is gone').to.equal(null);

    const el = await listingACamera(html`<kyc-upload endpoint="/backend" camera="auto"></kyc-upload>`);
    part(el.shadowRoot!, 'camera-button')!.click();
    const notice = await until(el.shadowRoot!, () => part(el.shadowRoot!, 'notice'));
    expect(notice.textContent).to.equal(enCamera.unavailable['permission-denied']);
    expect(notice.getAttribute('role')).to.equal('status');
    const nativeInput = el.shadowRoot!.querySelector<HTMLInputElement>('#camera')!;
    let opened = false;
    nativeInput.click = () => (opened = true);
    part(el.shadowRoot!, 'camera-button')!.click();
    expect(opened, 'the camera app, through the file input').to.equal(true);
    expect(nativeInput.getAttribute('capture')).to.equal('environment');
  });

  it('opens the camera app within the click where the browser has no camera API, then says why', async () => {
    const el = await listingACamera(html`<kyc-upload endpoint="/backend"></kyc-upload>`);
    let opened = false;
    el.shadowRoot!.querySelector<HTMLInputElement>('#camera')!.click = () => (opened = true);
    // A webview without getUserMedia: the property shadowed on this navigator, restored below.
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
    try {
      part(el.shadowRoot!, 'camera-button')!.click();
      expect(opened, 'synchronously, inside the click').to.equal(true);
      const notice = await until(el.shadowRoot!, () => part(el.shadowRoot!, 'notice'));
      expect(notice.textContent).to.equal(enCamera.unavailable['no-camera']);
    } finally {
      delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    }
    expect(navigator.mediaDevices).to.exist;
  });

  it('reads each refusal of getUserMedia as its reason', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    for (const [name, reason] of [['NotFoundError', 'no-camera'], ['NotReadableError', 'camera-busy'], ['SecurityError', 'permission-denied']] as const) {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('x', name));
      const outcome = await captureDocument({ root });
      expect(outcome.type === 'unavailable' && outcome.reason, name).to.equal(reason);
    }
  });

  it('offers the camera to retake a chosen photo sent back, and no camera on other failures', async () => {
    const el = await listingACamera(html`<kyc-upload endpoint="/backend" camera="auto"></kyc-upload>`);
    expect(part(el.shadowRoot!, 'camera-button'), 'a camera attached').to.exist;
    el.uploader = async (_file, settings) => {
      throw settings.documentType === 'bad-gateway' ? new UploadError('storage-unavailable', 'down', { status: 503 }) : new UploadError('poor-photo', 'blurred', { photoIssue: 'blurred' });
    };
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'IMG_0412.jpg', { type: 'image/jpeg' });
    const rejected = oneEvent(el, 'kyc-upload-reject');
    el.select(photo);
    await rejected;
    await el.updateComplete;
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions button')].map((b) => `${b.getAttribute('part')}${b.classList.contains('primary') ? ' (primary)' : ''}`);
    expect(buttons).to.deep.equal(['button choose-button (primary)', 'button camera-button']);
    // The camera refused there: the person is told why, beside the failure.
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    part(el.shadowRoot!, 'camera-button')!.click();
    const notice = await until(el.shadowRoot!, () => part(el.shadowRoot!, 'notice'));
    expect(notice.textContent).to.equal(enCamera.unavailable['permission-denied']);
    expect(part(el.shadowRoot!, 'message'), 'the failure still said').to.exist;

    el.documentType = 'bad-gateway';
    const failed = oneEvent(el, 'kyc-upload-error');
    el.select(new File([photo], 'IMG_0413.jpg', { type: 'image/jpeg' }));
    await failed;
    await el.updateComplete;
    expect(part(el.shadowRoot!, 'camera-button'), 'a retry of the same photo, not a retake').to.equal(null);
  });

  it('offers no camera button with camera="off", and the camera app with camera="native"', async () => {
    // Neither lists the devices (that is camera="auto"'s): a camera is said to be there by hand.
    const off = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" camera="off"></kyc-upload>`);
    (off as unknown as { hasCamera: boolean }).hasCamera = true;
    await off.updateComplete;
    expect(part(off.shadowRoot!, 'camera-button')).to.equal(null);
    const native = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" camera="native"></kyc-upload>`);
    (native as unknown as { hasCamera: boolean }).hasCamera = true;
    await native.updateComplete;
    let opened = false;
    native.shadowRoot!.querySelector<HTMLInputElement>('#camera')!.click = () => (opened = true);
    let asked = false;
    navigator.mediaDevices.getUserMedia = () => ((asked = true), Promise.reject(new Error('not expected')));
    part(native.shadowRoot!, 'camera-button')!.click();
    expect(opened).to.equal(true);
    expect(asked).to.equal(false);
  });
});

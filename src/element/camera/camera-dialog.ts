import { type OpenCamera, cameraSupported, openCamera } from '../../core/capture/camera.js';
import { CameraUnavailable, type CameraUnavailableReason, cameraUnavailable } from '../../core/capture/camera-unavailable.js';
import { DOCUMENT_ASPECT, type DocumentShape, shapeOf } from '../../core/capture/document-frame.js';
import type { QualityReport } from '../../core/quality/quality-report.js';
import { stillSize, takePhoto } from '../../core/capture/take-photo.js';
import { type CameraChecks, deviceChecks } from './camera-checks.js';
import { followPreview } from './follow-preview.js';
import { enCamera } from '../translations/en-camera.js';
import type { CameraTranslation } from '../translations/translation.js';
import { cameraStyles } from './camera-dialog.styles.js';
import { adoptStyles } from '../adopt-styles.js';

export interface CaptureRequest {
  /** Where the dialog is put: the element's shadow root, so its parts and theme apply. */
  root: ShadowRoot;
  words?: CameraTranslation;
  dir?: 'ltr' | 'rtl';
  /** The document asked for (`passport`, `id-card`…): the frame takes its shape; an ID card's by default. */
  subtype?: string | undefined;
  /**
   * What checks each shot, and the preview as the person frames it; closed with the camera. By
   * default the device's own, in the image worker (`deviceChecks`); `null`: every shot is taken as it is.
   */
  checks?: CameraChecks | null;
  signal?: AbortSignal;
}

export type CaptureOutcome =
  | { type: 'photo'; file: File; quality?: QualityReport; tries: number }
  /** The person closed the camera. */
  | { type: 'closed' }
  | { type: 'unavailable'; reason: CameraUnavailableReason; message: string };

/** Failed shots after which the person may send one anyway, as the best identity SDKs allow. */
export const TRIES_BEFORE_SEND_ANYWAY = 2;

/**
 * The in-page camera, as a modal dialog over the page: the rear camera's preview under a frame of
 * the document's shape, a shutter, the torch where the track has one; each shot is checked and
 * either kept or retaken. Plain DOM rather than Lit: this module loads only when the camera is
 * opened, and must not bring a second copy of Lit to a page that has the element's.
 */
export async function captureDocument(request: CaptureRequest): Promise<CaptureOutcome> {
  const words = request.words ?? enCamera;
  const unavailable = (reason: CameraUnavailableReason): CaptureOutcome => ({ type: 'unavailable', reason, message: words.unavailable[reason] });
  // Said before any dialog opens: the page can have no camera at all.
  if (!cameraSupported()) return unavailable(typeof isSecureContext === 'boolean' && !isSecureContext ? 'insecure-context' : 'no-camera');
  const view = buildView(words, shapeOf(request.subtype), request.dir ?? 'ltr');
  const checks = request.checks === undefined ? deviceChecks(request.subtype) : request.checks;
  adoptStyles(request.root, cameraStyles);
  request.root.append(view.dialog);
  view.dialog.showModal();
  let camera: OpenCamera | undefined;
  try {
    camera = await openCamera(request.signal);
    view.attach(camera);
    return await shoot(view, camera, words, request, checks);
  } catch (error) {
    if (request.signal?.aborted) return { type: 'closed' };
    const { reason } = error instanceof CameraUnavailable ? error : cameraUnavailable(error);
    return unavailable(reason);
  } finally {
    checks?.close?.();
    camera?.stop();
    view.dialog.close();
    view.dialog.remove();
  }
}

/** Shots until one passes, is sent anyway, or the dialog is closed. */
async function shoot(view: CameraView, camera: OpenCamera, words: CameraTranslation, request: CaptureRequest, checks: CameraChecks | null): Promise<CaptureOutcome> {
  const guide = (report: QualityReport) => view.guide(report.issues[0] ? words.guidance[report.issues[0]] : words.looksGood);
  const still = checks?.frame && stillSize(camera.track);
  let failed = 0;
  for (let tries = 1; ; tries++) {
    view.live(words.placeDocument);
    const unfollow = checks?.frame && still && followPreview(view.video, checks.frame, still, guide);
    const action = await view.next(['shutter', 'close', 'torch'], request.signal).finally(unfollow);
    if (action === 'close') return { type: 'closed' };
    if (action === 'torch') {
      tries--;
      await view.toggleTorch(camera);
      continue;
    }
    const file = await takePhoto(camera.track, view.video);
    if (!checks) return { type: 'photo', file, tries };
    view.review(file, words.checking);
    // Checks that could not run (a photo they cannot decode) hold nobody back: the upload's own checks follow.
    const quality = await checks.shot(file, request.signal).catch(() => undefined);
    const issue = quality?.issues[0];
    if (!quality || quality.passed || !issue) return { type: 'photo', file, ...(quality ? { quality } : {}), tries };
    failed++;
    const anyway = failed >= TRIES_BEFORE_SEND_ANYWAY;
    view.verdict(words.issues[issue], anyway);
    const choice = await view.next(anyway ? ['retake', 'send-anyway', 'close'] : ['retake', 'close'], request.signal);
    if (choice === 'close') return { type: 'closed' };
    if (choice === 'send-anyway') return { type: 'photo', file, quality, tries };
  }
}

type Action = 'shutter' | 'close' | 'torch' | 'retake' | 'send-anyway';

interface CameraView {
  dialog: HTMLDialogElement;
  video: HTMLVideoElement;
  attach(camera: OpenCamera): void;
  /** Back to the live preview with a line of guidance. */
  live(guidance: string): void;
  /** New guidance from the preview's checks, while it is live. */
  guide(guidance: string): void;
  /** The shot, frozen, while it is checked. */
  review(photo: File, status: string): void;
  verdict(message: string, offerSendAnyway: boolean): void;
  toggleTorch(camera: OpenCamera): Promise<void>;
  /** The next of these buttons the person presses (Escape closes). */
  next(actions: Action[], signal?: AbortSignal): Promise<Action>;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildView(words: CameraTranslation, shape: DocumentShape, dir: 'ltr' | 'rtl'): CameraView {
  const dialog = element('dialog', { part: 'camera', class: 'camera', 'aria-labelledby': 'camera-title', dir });
  const title = element('h2', { id: 'camera-title', class: 'camera-title' }, words.title);
  const stage = element('div', { class: 'camera-stage' });
  stage.style.setProperty('--kyc-camera-aspect', String(DOCUMENT_ASPECT[shape]));
  const video = element('video', { part: 'camera-preview', class: 'camera-preview', playsinline: '', muted: '', autoplay: '', 'aria-hidden': 'true' });
  video.muted = true;
  const still = element('img', { part: 'camera-still', class: 'camera-still', alt: '', hidden: '' });
  const frame = element('div', { part: 'camera-frame', class: 'camera-frame', 'aria-hidden': 'true' });
  const guidance = element('p', { part: 'camera-guidance', class: 'camera-guidance', role: 'status', 'aria-live': 'polite' }, words.starting);
  stage.append(video, still, frame, guidance);
  const button = (action: Action, label: string, attributes: Record<string, string>) =>
    element('button', { type: 'button', 'data-action': action, ...attributes }, label);
  const buttons: Record<Action, HTMLButtonElement> = {
    close: button('close', words.close, { part: 'button camera-close-button' }),
    torch: button('torch', words.torch, { part: 'button camera-torch-button', 'aria-pressed': 'false', hidden: '' }),
    shutter: button('shutter', words.shutter, { part: 'button camera-shutter-button', class: 'primary shutter', disabled: '' }),
    retake: button('retake', words.retake, { part: 'button camera-retake-button', class: 'primary', hidden: '' }),
    'send-anyway': button('send-anyway', words.sendAnyway, { part: 'button camera-send-anyway-button', hidden: '' }),
  };
  const controls = element('div', { class: 'camera-controls' });
  controls.append(buttons.close, buttons.torch, buttons.shutter, buttons.retake, buttons['send-anyway']);
  dialog.append(title, stage, controls);
  let stillUrl: string | undefined;
  const show = (...visible: Action[]) => {
    for (const [action, node] of Object.entries(buttons)) node.hidden = !visible.includes(action as Action) && !(action === 'torch' && torchShown);
  };
  let torchShown = false;
  let torchOn = false;

  return {
    dialog,
    video,
    attach(camera) {
      video.srcObject = camera.stream;
      video.classList.toggle('mirrored', camera.mirrored);
      torchShown = camera.torch;
      buttons.torch.hidden = !torchShown;
      buttons.shutter.disabled = false;
      void video.play().catch(() => {});
      buttons.shutter.focus();
    },
    live(text) {
      if (stillUrl) URL.revokeObjectURL(stillUrl);
      stillUrl = undefined;
      still.hidden = true;
      video.hidden = false;
      void video.play().catch(() => {});
      guidance.textContent = text;
      show('close', 'shutter');
      buttons.shutter.focus();
    },
    guide(text) {
      // Said once per change, not per frame: the line is a live region a screen reader reads out.
      if (stillUrl === undefined && guidance.textContent !== text) guidance.textContent = text;
    },
    review(photo, status) {
      // The preview holds its last frame until the shot is decoded: swapped at once, the stage
      // showed black for as long as the decode took.
      video.pause();
      const url = (stillUrl = URL.createObjectURL(photo));
      still.src = url;
      guidance.textContent = status;
      show('close');
      still.decode().then(
        () => {
          // Back to live meanwhile (a retake): this shot is no longer shown.
          if (stillUrl !== url) return;
          still.hidden = false;
          video.hidden = true;
        },
        // A shot the browser cannot show leaves the frozen preview in its place.
        () => {},
      );
    },
    verdict(message, offerSendAnyway) {
      guidance.textContent = message;
      show('close', 'retake', ...(offerSendAnyway ? (['send-anyway'] as const) : []));
      buttons.retake.focus();
    },
    async toggleTorch(camera) {
      torchOn = !torchOn;
      await camera.setTorch(torchOn).catch(() => (torchOn = !torchOn));
      buttons.torch.setAttribute('aria-pressed', String(torchOn));
    },
    next(actions, signal) {
      return new Promise<Action>((resolve) => {
        const done = (action: Action) => {
          dialog.removeEventListener('click', onClick);
          dialog.removeEventListener('cancel', onCancel);
          signal?.removeEventListener('abort', onAbort);
          resolve(action);
        };
        const onClick = (event: Event) => {
          const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset['action'] as Action | undefined;
          if (action && actions.includes(action)) done(action);
        };
        // Escape: the dialog's own cancel, kept from closing it here so the camera stops first.
        const onCancel = (event: Event) => {
          event.preventDefault();
          done('close');
        };
        const onAbort = () => done('close');
        dialog.addEventListener('click', onClick);
        dialog.addEventListener('cancel', onCancel);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

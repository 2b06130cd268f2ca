import { type TemplateResult, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { RetryNotice } from '../core/retry.js';
import { formatBytes } from './format.js';
import { documentIcon, errorIcon, successIcon } from './icons.js';
import type { Translation } from './translations/translation.js';
import type { UploadState } from './upload-controller.js';

/** What one render of the element shows, and what its buttons do. */
export interface StateView {
  t: Translation;
  upload: UploadState;
  /** The element or its fieldset is disabled, or it is a phone whose handoff is not claimed (or continued) yet. */
  inert: boolean;
  /** Offer "Take a photo" (a touch screen, or a camera attached). */
  offerCamera: boolean;
  /** A status line: why the in-page camera did not open (the camera app is used instead), or the phone's handoff news. */
  notice: string;
  /** The failure's sentence, once the sentences have loaded. */
  message: string;
  /** The name of a file kept from a closed tab, offered for resuming. */
  resumable: string | undefined;
  resume(): void;
  startOver(): void;
  /** Offer "Use your phone" (a computer, with the host's handoff routes). */
  offerPhone: boolean;
  usePhone(): void;
  /** The object URL of the prepared image, for the preview. */
  thumbnailUrl: string | undefined;
  /** Accepted types and the limit, already formatted for the hint. */
  hint: string;
  choose(): void;
  takePhoto(): void;
  cancel(): void;
  retry(): void;
  /** Offered on a `poor-photo` refusal once the person has had two. */
  sendAnyway: (() => void) | undefined;
}

export const percentOf = (done: number, total: number): number => (total ? Math.min(100, Math.floor((done / total) * 100)) : 0);

export function retryLabel(t: Translation, notice: RetryNotice): string {
  if (notice.waitingForNetwork) return t.waitingForNetwork;
  const seconds = Math.ceil(notice.delayMs / 1000);
  // A try that starts at once gets no countdown.
  return seconds > 0 ? t.retrying(seconds) : t.retryingNow;
}

/** The inside of the drop zone for the upload's current state. */
export function renderState(view: StateView): TemplateResult {
  const { t, upload, thumbnailUrl } = view;
  const pages = upload.phase === 'idle' ? undefined : upload.prepared?.pageCount;
  // The chosen file while it is handled; once stored, what storage holds: its name and size after
  // conversion, compression or metadata removal (restored forms have only that).
  const shown = upload.phase === 'succeeded' ? upload.stored : upload.phase === 'idle' ? undefined : upload.file;
  const fileLine = shown
    ? html`<p part="file" class="file">${shown.name} · ${formatBytes(shown.size, t.$code)}${pages ? ` · ${t.pages(pages)}` : ''}</p>`
    : nothing;
  const visual = (icon: TemplateResult) => (thumbnailUrl ? html`<img part="thumbnail" class="thumbnail" src=${thumbnailUrl} alt="" />` : icon);
  const chooseButton = (label: string, primary: boolean) =>
    html`<button part="button choose-button" class=${primary ? 'primary' : ''} type="button" ?disabled=${view.inert}
      @click=${view.choose}>${label}</button>`;
  // A chosen photo sent back for a retake may be taken again with the camera, where there is one.
  const retake = upload.phase === 'failed' && upload.error.code === 'poor-photo';
  const cameraButton = view.offerCamera
    ? html`<button part="button camera-button" type="button" ?disabled=${view.inert} @click=${view.takePhoto}>${t.takePhoto}</button>`
    : nothing;
  const notice = view.notice ? html`<p part="notice" class="hint" role="status">${view.notice}</p>` : nothing;

  switch (upload.phase) {
    case 'busy': {
      // Inspecting has no measurable progress: the bar stays indeterminate.
      // A fresh form asked for after bytes left (the first one expired) is still the upload.
      const sending = upload.stage === 'uploading' || (upload.stage === 'requesting-form' && upload.documentId !== undefined);
      const percent =
        sending ? percentOf(upload.loaded, upload.total)
        : upload.stage === 'inspecting' ? undefined
        : percentOf(upload.preparing, 1);
      const label =
        upload.retry ? retryLabel(t, upload.retry)
        : percent === undefined ? t.inspecting
        : sending ? t.uploading(percent)
        : t.preparing(percent);
      return html`
        ${visual(documentIcon)}
        <p part="label" class="label">${label}</p>
        ${fileLine}
        <progress part="progress" class="progress" max="100" value=${ifDefined(percent)} aria-label=${label}></progress>
        <div class="actions">
          <button part="button cancel-button" type="button" @click=${view.cancel}>${t.cancel}</button>
        </div>
      `;
    }
    case 'succeeded':
      return html`
        ${visual(successIcon)}
        <p part="label" class="label">${thumbnailUrl ? html`${successIcon} ` : nothing}${t.uploaded}</p>
        ${fileLine}
        ${notice}
        <div class="actions">${chooseButton(t.replace, false)}</div>
      `;
    case 'failed': {
      const retry = upload.error.retryable;
      return html`
        ${errorIcon}
        ${fileLine}
        <p part="message" class="message" role="alert">${view.message}</p>
        <div class="actions">
          ${retry ? html`<button part="button retry-button" class="primary" type="button" @click=${view.retry}>${t.tryAgain}</button>` : nothing}
          ${chooseButton(t.chooseAnother, !retry)}
          ${retake ? cameraButton : nothing}
          ${view.sendAnyway && retake ? html`<button part="button send-anyway-button" type="button" @click=${view.sendAnyway}>${t.sendAnyway}</button>` : nothing}
        </div>
        ${notice}
      `;
    }
    case 'idle':
      if (view.resumable) {
        return html`
          ${documentIcon}
          <p part="label" class="label">${t.resumeOffer(view.resumable)}</p>
          <div class="actions">
            <button part="button resume-button" class="primary" type="button" ?disabled=${view.inert} @click=${view.resume}>${t.resume}</button>
            <button part="button start-over-button" type="button" ?disabled=${view.inert} @click=${view.startOver}>${t.startOver}</button>
          </div>
        `;
      }
      return html`
        ${documentIcon}
        <p part="label" class="label">${t.dropHere}</p>
        <div class="actions">
          ${chooseButton(t.chooseFile, true)}
          ${cameraButton}
          ${view.offerPhone ? html`<button part="button phone-button" type="button" ?disabled=${view.inert} @click=${view.usePhone}>${t.usePhone}</button>` : nothing}
        </div>
        <p part="hint" class="hint">${view.hint}</p>
        ${notice}
      `;
  }
}

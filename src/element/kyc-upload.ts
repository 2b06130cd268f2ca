import { LitElement, type PropertyDeclarations, type PropertyValues, type TemplateResult, html } from 'lit';
import { DEFAULT_MAX_SIZE, parseAccept } from '../core/document-types.js';
import { type UploadError, cancelled, isRejection } from '../core/errors.js';
import { type DocumentSide, type DocumentSlot, isDocumentSide, isSlotName } from '../core/document-set/document-slot.js';
import type { HeadersProvider } from '../core/presign.js';
import type { UploadResult, UploadSettings } from '../core/pipeline.js';
import type { ResumableFile } from '../core/resume/resume-store.js';
import type { ResumeSession } from '../core/resume/resume-session.js';
import {
  KycUploadErrorEvent,
  KycUploadProgressEvent,
  KycUploadRejectEvent,
  KycUploadSelectEvent,
  KycUploadStartEvent,
  KycUploadSuccessEvent,
} from './events.js';
import { formatBytes, formatTypes, pickerAccept } from './format.js';
import { FileDropController } from './file-drop-controller.js';
import { FormValue } from './form-value.js';
import { FormControlElement } from './form-control.js';
import { loadPipeline } from './load-pipeline.js';
import { loadCamera } from './camera/load-camera.js';
import { loadResume } from './load-resume.js';
import { loadHandoff } from './handoff/load-handoff.js';
import type { HandoffRequest } from './handoff/handoff-dialog.js';
import type { PhoneElement } from './handoff/phone-side.js';
import { PreviewUrl } from './preview.js';
import { loadErrorMessage } from './load-error-message.js';
import { percentOf, renderState, retryLabel } from './state-view.js';
import { styles } from './kyc-upload.styles.js';
import { LangController, languageOf } from './lang-controller.js';
import type { Translation } from './translations/translation.js';
import { type StoredFile, UploadController, type UploadNotice, type Uploader } from './upload-controller.js';

// The pipeline (and file-type, zod, the compressor with it) loads on the first file, not with the page.
// Once loaded it is called at once, within the person's input, so its first read of the file is under
// way while the element renders its busy state: an await here would resume only after that render.
// A failed load is not kept, so the next file tries again.
let pipeline: Awaited<ReturnType<typeof loadPipeline>> | undefined;
const pipelineModule = async () => (pipeline ??= await loadPipeline());
const lazyUploader: Uploader = (file, settings, controls) =>
  pipeline ? pipeline.uploadDocument(file, settings, controls) : pipelineModule().then((loaded) => loaded.uploadDocument(file, settings, controls));
/** The upload every element runs unless told otherwise (a set hands it to its slots). */
export const defaultUploader = lazyUploader;

/**
 * @tag kyc-upload
 * @summary Lets a person pick, drop, paste or photograph an identity document, checks it in the
 * browser and posts it straight to storage through a form presigned by the host's backend.
 *
 * Every event's `detail` also carries `slot: { kind, subtype, side }` when those are set.
 *
 * @event {KycUploadSelectEvent} kyc-upload-select - A file was chosen; cancelable. `detail: { file }`
 * @event {KycUploadRejectEvent} kyc-upload-reject - The file is not acceptable. `detail: { file, code, message }`
 * @event {KycUploadStartEvent} kyc-upload-start - Bytes are leaving for storage. `detail: { documentId, file }`
 * @event {KycUploadProgressEvent} kyc-upload-progress - `detail: { documentId, loaded, total }`
 * @event {KycUploadSuccessEvent} kyc-upload-success - The file is stored. `detail: { documentId, file, originalSize, transformations, supersededDocumentIds, quality?, via? }` (`quality`: a photo's on-device checks, advisory; `via: 'phone'` when the person's phone sent it)
 * @event {KycUploadErrorEvent} kyc-upload-error - The upload failed. `detail: { code, message, retryable, documentId?, supersededDocumentIds? }`
 * @event {Event} change - The form value (the documentId) changed.
 *
 * @csspart base - The drop zone around everything.
 * @csspart icon - The state's icon.
 * @csspart label - The main line of text.
 * @csspart hint - Accepted types and size limit.
 * @csspart button - Every button; each also has its own part below.
 * @csspart choose-button - Opens the file picker.
 * @csspart camera-button - Opens the camera: in the page, or the phone's camera app (see `camera`).
 * @csspart notice - Why the in-page camera did not open, and what to do instead.
 * @csspart phone-button - "Use your phone": a QR code for the phone to take the photo (see `handoff-endpoint`).
 * @csspart handoff - The QR code's dialog.
 * @csspart handoff-code - The QR code.
 * @csspart handoff-status - What the phone is doing.
 * @csspart handoff-new-code-button - A new code, once one expired.
 * @csspart handoff-close-button - Closes the dialog (the code stops working).
 * @csspart resume-button - Sends the file kept from a closed tab ("Resume uploading passport.jpg?").
 * @csspart start-over-button - Declines it: the kept file is deleted.
 * @csspart camera - The in-page camera's dialog (see `camera`).
 * @csspart camera-preview - The camera's live picture.
 * @csspart camera-still - The shot, while it is checked.
 * @csspart camera-frame - The outline of the document's shape over the picture.
 * @csspart camera-guidance - What to do next, or what is wrong with the shot.
 * @csspart camera-shutter-button - Takes the shot.
 * @csspart camera-torch-button - Lights the phone's torch, where the camera has one.
 * @csspart camera-close-button - Closes the camera.
 * @csspart camera-retake-button - Back to the camera after a shot that failed its checks.
 * @csspart camera-send-anyway-button - Sends a shot that failed its checks, after two tries.
 * @csspart cancel-button - Cancels the upload in flight.
 * @csspart retry-button - Sends the same file again after a failure.
 * @csspart send-anyway-button - Sends a chosen photo that failed its checks (`poor-photo`), after two tries.
 * @csspart file - The file's name, size and, for a PDF, page count: the chosen file while it is handled, the stored one after.
 * @csspart thumbnail - A preview of the image being sent.
 * @csspart progress - The progress bar.
 * @csspart message - The error message.
 *
 * @cssproperty [--kyc-upload-accent=#1d4ed8] - Buttons, focus ring, drag highlight.
 * @cssproperty [--kyc-upload-accent-text=#ffffff] - Text on the primary button.
 * @cssproperty [--kyc-upload-color=CanvasText] - Text.
 * @cssproperty [--kyc-upload-muted-color=#4b5563] - Hints and file details.
 * @cssproperty [--kyc-upload-border-color=#8a94a6] - The drop zone's border.
 * @cssproperty [--kyc-upload-background=transparent] - The drop zone's background.
 * @cssproperty [--kyc-upload-danger-color=#b91c1c] - Errors.
 * @cssproperty [--kyc-upload-success-color=#15803d] - Success.
 * @cssproperty [--kyc-upload-radius=12px] - Corner radius.
 * @cssproperty [--kyc-upload-gap=0.75rem] - Space between the lines.
 * @cssproperty [--kyc-upload-focus-color] - Focus ring (defaults to the accent).
 *
 * @cssstate dragging - A file is being dragged over the element.
 * @cssstate uploading - A file is being checked, prepared or sent.
 * @cssstate success - A document is stored (or was restored with the form).
 * @cssstate error - The file was refused or the upload failed.
 * @cssstate invalid - The element is not valid for its form (required and empty, or busy).
 * @cssstate disabled - The element or its fieldset is disabled.
 */
export class KycUpload extends FormControlElement {
  static override styles = styles;
  // Typed, so the emitted .d.ts does not carry this TypeScript version's own ShadowRootInit fields.
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  // Declared here rather than with decorators: the decorators' runtime would be the largest part of
  // what `<kyc-upload>` adds to Lit on a page (see the size budget). `attribute: false` beside
  // `state: true` says the same to the manifest analyser, which does not know `state`.
  static override properties: PropertyDeclarations = {
    endpoint: {},
    documentType: { attribute: 'document-type' },
    accept: {},
    maxSize: { attribute: 'max-size', type: Number },
    name: { reflect: true },
    credentials: {},
    disabled: { type: Boolean, reflect: true },
    required: { type: Boolean, reflect: true },
    headers: { attribute: false },
    uploadOrigins: { attribute: 'upload-origins', converter: { fromAttribute: (value) => (value ?? '').split(/\s+/).filter(Boolean) } },
    timeouts: { attribute: false },
    side: {},
    kind: {},
    subtype: {},
    label: {},
    camera: {},
    resumeEndpoint: { attribute: 'resume-endpoint' },
    handoffEndpoint: { attribute: 'handoff-endpoint' },
    handoffToken: { attribute: false },
    uploader: { attribute: false },
    announcement: { state: true, attribute: false },
    cameraNotice: { state: true, attribute: false },
    hasCamera: { state: true, attribute: false },
    resumable: { state: true, attribute: false },
  };

  /** URL of the host backend that answers with a presigned form. */
  endpoint = '';
  /** Provider document type sent to the backend (Treezor: 9 = ID card). */
  documentType?: string;
  /**
   * A subset of the allowed types, as on a native input (`application/pdf,.png`). Empty: PDF, JPEG,
   * PNG and TIFF; SVG only when named (`image/svg+xml` or `.svg`), since no identity document is one.
   */
  accept = '';
  /** Byte limit checked before anything is sent. */
  maxSize: number = DEFAULT_MAX_SIZE;
  /**
   * Form field name; the value submitted is the documentId. Reflected, unlike the other options:
   * a form reads the name from the attribute, and frameworks (React through @lit/react) set properties.
   */
  name = '';
  /** `credentials` mode of the backend call. */
  credentials: RequestCredentials = 'same-origin';
  disabled = false;
  required = false;
  /** Extra headers for the backend call (a CSRF token…), or a function returning them. Property only. */
  headers?: HeadersProvider;
  /**
   * Origins the document may be sent to, space-separated (`https://my-bucket.s3.eu-west-3.amazonaws.com`).
   * A presigned form pointing elsewhere is refused before a byte leaves. Any https origin when unset.
   */
  uploadOrigins: string[] = [];
  /** `{ presignMs, stallMs }`: the backend call's deadline (20 s) and how long storage may stay silent mid-upload (30 s). Property only. */
  timeouts?: { presignMs?: number; stallMs?: number };
  /**
   * Which side of the document this upload is (`front` or `back`), sent with the presign request
   * and carried by every event, for hosts composing a set of their own.
   */
  side?: DocumentSide;
  /** The kind of proof (`identity-proof`, `address-proof`, or the host's own), sent and carried like `side`. */
  kind?: string;
  /** The document chosen for it (`passport`, `id-card`…), sent and carried like `side`. */
  subtype?: string;
  /** The drop zone's accessible name ("Front of your identity card"); "Identity document" in the element's language by default. */
  label?: string;
  /**
   * How "Take a photo" photographs: `auto`, in the page (rear camera, a frame of the document's
   * shape, checks of each shot) where the browser offers a camera, else with the phone's camera
   * app; `native`, always with the camera app (the file input's `capture`); `off`, no such button.
   */
  camera: 'auto' | 'native' | 'off' = 'auto';
  /**
   * The host's resume-key endpoint (`createResumeKeyHandler` of `kyc-upload/server`). Set, the file
   * being sent is kept, encrypted, for up to 24 h, so that a closed tab or a reload loses nothing:
   * the element offers "Resume uploading passport.jpg?" when it comes back.
   */
  resumeEndpoint = '';
  /**
   * Where the host mounted `kyc-upload/server`'s handoff routes (`/api/kyc/handoff`). Set, a
   * computer offers "Use your phone": a QR code of a one-time link, and the phone's upload lands
   * here as this element's document (`kyc-upload-success` with `via: 'phone'`).
   */
  handoffEndpoint = '';
  /** On the phone's page: the one-time token of the code it was opened from. Property only. */
  handoffToken = '';
  /** Replaces the upload pipeline (stories, tests). Property only. */
  uploader: Uploader = lazyUploader;

  private announcement = '';
  /** Why the in-page camera could not open; from then on the camera app is used instead. */
  private cameraNotice = '';
  /** A camera is attached (a laptop's webcam counts): the button is offered without a touch screen too. */
  private hasCamera = false;
  /** A file kept from a closed tab, offered until it is resumed or declined. */
  private resumable?: ResumableFile;
  #resume?: Promise<ResumeSession | undefined>;
  /** The same, once loaded: a success is reported at once, with what the file carried over. */
  #resumeLoaded?: ResumeSession;
  #resuming?: ResumableFile;
  /** On a phone: the session its code was claimed for, which authorises its presign requests. */
  #phoneSession?: string;
  /** A handoff's phone: given a code to claim, or asked to continue a claimed one (`resumeHandoff`). */
  #phone = false;
  #phoneHeaders?: HeadersProvider;
  /** A photo already judged (a camera shot, or one the person decided to send): not sent back for a retake. */
  #judged?: File;
  /** Chosen photos refused for a retake since the last stored file: after two, the person may send anyway. */
  #poorPhotos = 0;

  get #picker(): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>('#picker')!;
  }
  get #camera(): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>('#camera')!;
  }

  readonly #upload = new UploadController(this, (notice) => this.#heard(notice));
  readonly #lang = new LangController(this);
  /** Disabled by a `<fieldset disabled>` around it, which must not touch the element's own attribute. */
  #formDisabled = false;
  readonly #preview = new PreviewUrl();
  readonly #drop = new FileDropController(this, {
    accepting: () => !this.#inert && !this.#upload.busy,
    onFile: (file) => this.select(file),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Loading the pipeline as the person heads for the widget hides its latency behind the picker,
    // without adding it to the page's own load.
    for (const type of ['pointerenter', 'focusin', 'dragenter']) this.addEventListener(type, this.#warmUp, { once: true });
    // Device kinds are listed without any permission (labels are not): no prompt here.
    if (this.camera === 'auto' && isSecureContext) {
      navigator.mediaDevices?.enumerateDevices().then((devices) => (this.hasCamera = devices.some((device) => device.kind === 'videoinput')), () => {});
    }
  }

  /** The resume of this element's slot, once its chunk has loaded; none without `resume-endpoint`. */
  #resumeSession(): Promise<ResumeSession | undefined> {
    if (!this.resumeEndpoint) return Promise.resolve(undefined);
    this.#resume ??= loadResume().then(
      ({ openResumeSession }) =>
        (this.#resumeLoaded = openResumeSession(
          { endpoint: this.resumeEndpoint, credentials: this.credentials, ...(this.headers ? { headers: this.headers } : {}) },
          () => this.#settings,
        )),
      () => undefined,
    );
    return this.#resume;
  }

  async #offerResume(): Promise<void> {
    const found = await (await this.#resumeSession())?.find();
    if (found && this.#upload.state.phase === 'idle') this.resumable = found;
  }

  #resumeKept = async () => {
    const found = this.resumable;
    this.resumable = undefined;
    const file = await found?.restore();
    if (!found || !file) return;
    this.#resuming = found;
    this.#judged = file;
    this.select(file);
  };

  #startOver = () => this.#forgetKept();

  /** Opens the in-page camera, or the camera app when the page cannot have one (and says why). */
  #takePhoto = async () => {
    if (this.camera !== 'auto' || this.cameraNotice) return this.#camera.click();
    // No camera API: the camera app opens within the click, as browsers require; the reason follows.
    if (!isSecureContext || !navigator.mediaDevices) this.#camera.click();
    const t = this.#t;
    const { captureDocument } = await loadCamera();
    const outcome = await captureDocument({ root: this.renderRoot as ShadowRoot, words: t.camera, dir: t.$dir, subtype: this.subtype });
    // The upload checks the shot again, from the decode it makes anyway: the same figures, which
    // the success event and the presign request carry.
    if (outcome.type === 'photo') this.select((this.#judged = outcome.file));
    else if (outcome.type === 'unavailable') this.cameraNotice = outcome.message;
  };

  #warmUp = () => {
    // A real failure surfaces, with a message, on upload.
    if (this.uploader === lazyUploader) pipelineModule().then((loaded) => loaded.warmUp(parseAccept(this.accept)), () => {});
    this.#loadMessages().catch(() => {});
  };

  /** The documentId of the stored file, or '' before one is stored. */
  get value(): string {
    return this.formValue.value;
  }

  /** A file is being checked, prepared or sent. */
  override get busy(): boolean {
    return this.#upload.busy;
  }

  /** Settles when the upload in flight (if any) has ended, whatever the outcome. */
  get uploadComplete(): Promise<void> {
    return this.#upload.settled;
  }

  /** Starts inspecting and uploading a file, as if the user had chosen it. */
  select(file: File): void {
    if (this.#inert || this.#upload.busy) return;
    if (!this.dispatchEvent(new KycUploadSelectEvent({ file, ...this.#slotDetail }))) return;
    this.announcement = this.#t.inspecting;
    this.#announcedQuarter = 0;
    this.#loadMessages().catch(() => {});
    const resumed = this.#resuming;
    this.#resuming = undefined;
    // A retry sends the same file: what it carries over stays. Another file replaces the kept one.
    if (resumed || file !== this.#upload.file) {
      if (!resumed) this.#forgetKept();
      this.#resumeLoaded?.begin(resumed);
    }
    void this.#upload.start(file, this.uploader, { ...this.#settings, retakePoorPhotos: file !== this.#judged });
  }

  get #settings(): UploadSettings {
    // On a phone, its session (beside the host's headers), not a cookie, authorises its presign requests.
    const headers = this.#phoneHeaders ?? this.headers;
    return {
      endpoint: this.endpoint,
      ...(this.documentType ? { documentType: this.#numericType ?? this.documentType } : {}),
      accept: parseAccept(this.accept),
      maxSize: this.maxSize,
      credentials: this.credentials,
      ...(headers ? { headers } : {}),
      uploadOrigins: this.uploadOrigins,
      ...(this.timeouts ? { timeouts: this.timeouts } : {}),
      ...(this.#slot ? { slot: this.#slot } : {}),
    };
  }

  /**
   * The document type as a number when it is a whole one, as the backend and the handoff routes
   * take it (and as the host's requirements name it). Any other, or none, gets no "Use your
   * phone": the server would refuse the code, so the person is not offered one that cannot be made.
   */
  get #numericType(): number | undefined {
    // Fifteen digits at most: always a safe integer.
    return /^\d{1,15}$/.test(this.documentType ?? '') ? Number(this.documentType) : undefined;
  }

  /**
   * The computer's side: the QR code, until the phone's file is stored (or the dialog closed).
   * Offered only for a type the routes take (`#handoffType`).
   */
  #usePhone = async () => {
    const outcome = await (await loadHandoff()).continueOnPhone(this.#handoff);
    if (outcome.type !== 'completed' || this.#upload.busy) return;
    const { documentId, file } = outcome;
    this.#upload.restore({ documentId, ...file });
    this.cameraNotice = outcome.notice;
    this.announcement = `${this.#t.uploaded}: ${file.name}`;
    this.dispatchEvent(
      new KycUploadSuccessEvent({ documentId, file, originalSize: file.size, transformations: [], supersededDocumentIds: [], via: 'phone', ...this.#slotDetail }),
    );
    this.#setValue(this.#upload.stored);
  };

  /**
   * The element as the handoff chunk sees it, on either side: the computer's dialog (its slot and
   * language), or the phone's claim, resume and completion (its session and slot, and what to say).
   */
  get #handoff(): HandoffRequest & PhoneElement {
    const t = this.#t;
    return {
      root: this.renderRoot as ShadowRoot,
      endpoint: this.handoffEndpoint,
      slot: { ...this.#slot, documentType: this.#numericType },
      lang: languageOf(this),
      words: t.handoff,
      dir: t.$dir,
      credentials: this.credentials,
      headers: this.headers,
      continueWith: ({ session, slot }, headers) => {
        this.#phoneSession = session;
        this.#phoneHeaders = headers;
        Object.assign(this, { documentType: String(slot.documentType), kind: slot.kind, subtype: slot.subtype, side: slot.side, cameraNotice: '' });
        // The session is not a reactive property: it lifts #inert.
        this.requestUpdate();
      },
      say: (notice) => (this.cameraNotice = notice),
    };
  }

  /**
   * A step of the phone's side, once its chunk has loaded; `handoffSettled` waits for the last.
   * The first (a claim, or continuing one after a reload) makes the element a phone, which takes no
   * file until a session comes, if ever.
   */
  #onPhone<T>(step: (handoff: Awaited<ReturnType<typeof loadHandoff>>) => T | Promise<T>): Promise<T> {
    this.#phone = true;
    this.requestUpdate();
    const done = loadHandoff().then(step);
    this.#handoffWork = done.catch(() => {});
    return done;
  }

  /**
   * On the phone's page, after a reload: continues the handoff this tab claimed, whose session is
   * kept in the tab's sessionStorage until the handoff completes or ends (the code itself left the
   * address bar once claimed). True when the tab had one, continued, or past its expiry and said
   * so; false when it had none. The server's phone page calls it when its URL carries no code.
   */
  resumeHandoff(): Promise<boolean> {
    return this.#onPhone((handoff) => handoff.resumeOnPhone(this.#handoff)).catch(() => false);
  }

  #handoffWork: Promise<unknown> = Promise.resolve();
  /** Settles when the phone's last handoff request (its claim, its resume, telling the computer) is done. */
  get handoffSettled(): Promise<unknown> {
    return this.#handoffWork;
  }

  /** Deletes the file kept for this slot, and its offer: sent, cancelled, declined or replaced. */
  #forgetKept(): void {
    this.resumable = undefined;
    if (this.resumeEndpoint) this.#resumeWrite = this.#resumeSession().then((session) => session?.forget());
  }

  /** The slot as the backend and the events see it: only well-formed values, else nothing. */
  get #slot(): DocumentSlot | undefined {
    const slot: DocumentSlot = {
      ...(isSlotName(this.kind) ? { kind: this.kind } : {}),
      ...(isSlotName(this.subtype) ? { subtype: this.subtype } : {}),
      ...(isDocumentSide(this.side) ? { side: this.side } : {}),
    };
    return Object.keys(slot).length ? slot : undefined;
  }

  /** Spread into every event's detail. */
  get #slotDetail(): { slot?: DocumentSlot } {
    const slot = this.#slot;
    return slot ? { slot } : {};
  }

  /** Cancels the upload in flight. */
  abort(): void {
    this.#upload.cancel();
  }

  /** Back to the empty state, clearing the value. An upload in flight is cancelled and reported as `aborted`. */
  reset(): void {
    const { busy, documentId } = this.#upload;
    this.#upload.reset();
    this.#forgetKept();
    this.#poorPhotos = 0;
    // Reported, because the POST may have landed just before the cancel: the host can delete it.
    if (busy) this.#dispatchFailure(cancelled(), documentId);
    this.#setValue(undefined);
  }

  formResetCallback(): void {
    this.reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    if (disabled) this.#upload.cancel();
    this.requestUpdate();
  }

  /** Back/forward navigation or autofill: the document stored earlier is shown as stored again. */
  formStateRestoreCallback(state: unknown): void {
    const stored = FormValue.parseState(state);
    if (!stored) return;
    this.#upload.restore(stored);
    this.formValue.set(stored);
  }

  get #inert(): boolean {
    // A phone takes no file before its code is claimed, or its claimed session continued after a
    // reload: the session and the slot to presign with come with them.
    return this.disabled || this.#formDisabled || (this.#phone && !this.#phoneSession);
  }

  // A render waits for the catalogue of the element's language (a small chunk, loaded once per
  // page): a French user sees French from the first frame, never English first.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.#lang.loading();
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Whether focus was on one of the element's buttons before a render that may remove it. */
  #focusWasInside = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('disabled') && this.disabled) this.#upload.cancel();
    this.#focusWasInside = this.matches(':focus-within');
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('resumeEndpoint') && this.resumeEndpoint) void this.#offerResume();
    if (changed.has('handoffToken') && this.handoffToken && this.handoffEndpoint) {
      const token = this.handoffToken;
      void this.#onPhone((handoff) => handoff.claimOnPhone(this.#handoff, token));
    }
    const t = this.#t;
    const upload = this.#upload;
    this.formValue.updateValidity({
      missing: this.required && !this.value,
      busy: upload.busy,
      messages: { required: t.required, busy: t.uploadInProgress },
      anchor: this.renderRoot.querySelector('button') ?? undefined,
    });
    this.formValue.setStates({
      dragging: this.#drop.dragging,
      uploading: upload.busy,
      success: upload.state.phase === 'succeeded',
      error: upload.state.phase === 'failed',
      invalid: !this.formValue.internals.validity.valid,
      disabled: this.#inert,
    });
    // The button that had focus (Cancel, Try again) is gone with its state: focus moves to the new
    // state's main action instead of falling back to the page's start.
    if (this.#focusWasInside && !this.matches(':focus-within')) {
      (this.renderRoot.querySelector<HTMLButtonElement>('button.primary') ?? this.renderRoot.querySelector('button'))?.focus();
    }
  }

  /** Every quarter of the way, said once: enough to know it moves, not so much that it drowns the rest. */
  #announcedQuarter = 0;
  #announceProgress(loaded: number, total: number): void {
    const quarter = Math.floor((percentOf(loaded, total) / 100) * 4);
    if (quarter <= this.#announcedQuarter || quarter >= 4) return;
    this.#announcedQuarter = quarter;
    this.announcement = this.#t.uploading(quarter * 25);
  }

  override render(): TemplateResult {
    const t = this.#t;
    const upload = this.#upload;
    const types = parseAccept(this.accept);
    return html`
      <div part="base" class="base ${upload.state.phase} ${this.#drop.dragging ? 'dragging' : ''}" role="group" aria-label=${this.label || t.label} dir=${t.$dir}>
        ${renderState({
          t,
          upload: upload.state,
          inert: this.#inert,
          offerCamera: this.camera !== 'off' && (this.#isTouch || this.hasCamera),
          offerPhone: !!this.handoffEndpoint && !this.#phone && !this.#isTouch && this.#numericType !== undefined,
          usePhone: this.#usePhone,
          notice: this.cameraNotice,
          message: upload.state.phase === 'failed' && this.#messages ? this.#messages.errorMessage(t, upload.state.error) : '',
          thumbnailUrl: this.#preview.for(upload.state.phase === 'idle' ? undefined : upload.state.prepared),
          hint: t.hint(formatTypes(types, t.$code), formatBytes(this.maxSize, t.$code)),
          choose: () => this.#picker.click(),
          takePhoto: this.#takePhoto,
          resumable: this.resumable?.fileName,
          resume: this.#resumeKept,
          startOver: this.#startOver,
          cancel: () => this.abort(),
          retry: this.#retry,
          sendAnyway: this.#poorPhotos > 1 ? this.#sendAnyway : undefined,
        })}
        <input id="picker" type="file" hidden accept=${pickerAccept(types)} @change=${this.#onPicked} tabindex="-1" />
        <input id="camera" type="file" hidden accept="image/*" capture="environment" @change=${this.#onPicked} tabindex="-1" />
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#preview.revoke();
  }

  get #t(): Translation {
    return this.#lang.translation;
  }

  get #isTouch(): boolean {
    return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  }

  /** The failure sentences: a chunk loaded with the first failure, or as the person heads for the widget. */
  #messages?: Awaited<ReturnType<typeof loadErrorMessage>>;
  #loadMessages = async () => {
    this.#messages ??= await loadErrorMessage();
    this.requestUpdate();
    return this.#messages;
  };

  /**
   * Hands `use` the sentence for an error: at once when the sentences are here (they load as an
   * upload starts, so an element removed mid-upload still reports while it is in the page), else
   * once loaded; the error's own English if they cannot load, so the event still goes out.
   */
  #withMessage(error: UploadError, use: (message: string) => void): void {
    if (this.#messages) return use(this.#messages.errorMessage(this.#t, error));
    // A cancel is said at once, sentences or not: it may come as the element leaves the page (a
    // reset, a set's discarded side), after which no event of its would reach the page.
    const cancel = this.#t.errors?.aborted;
    if (error.code === 'aborted') return use(typeof cancel === 'string' ? cancel : error.message);
    this.#loadMessages().then((messages) => use(messages.errorMessage(this.#t, error)), () => use(error.message));
  }

  /** Each step of a run becomes the matching event and announcement. */
  #heard(notice: UploadNotice): void {
    switch (notice.type) {
      case 'stage':
        if (notice.stage === 'uploading') {
          const { file } = this.#upload;
          if (file) this.dispatchEvent(new KycUploadStartEvent({ documentId: notice.documentId, file, ...this.#slotDetail }));
          this.#keep(notice.documentId);
        }
        return;
      case 'progress': {
        const { documentId } = this.#upload;
        if (!documentId) return;
        this.#announceProgress(notice.loaded, notice.total);
        this.dispatchEvent(new KycUploadProgressEvent({ documentId, loaded: notice.loaded, total: notice.total, ...this.#slotDetail }));
        return;
      }
      case 'retrying':
        this.announcement = retryLabel(this.#t, notice.notice);
        return;
      case 'succeeded':
        return this.#succeeded(notice.result);
      case 'failed':
        return this.#failed(notice.error, notice.file);
    }
  }

  /** Bytes are leaving: the file as sent is kept (when the host set `resume-endpoint`, and unless it is sent within `KEEP_AFTER_MS`), to be sent again after a reload. */
  #keep(documentId: string): void {
    const state = this.#upload.state;
    const prepared = state.phase === 'busy' ? state.prepared : undefined;
    const chosen = this.#upload.file;
    if (prepared && chosen && this.resumeEndpoint) this.#resumeWrite = this.#resumeSession().then((session) => session?.sending(prepared, documentId, chosen.size));
  }

  #resumeWrite: Promise<unknown> = Promise.resolve();
  /** Settles when the last write for resume (keeping the file being sent, or deleting it) is done or given up. */
  get resumeSettled(): Promise<void> {
    return this.#resumeWrite.then(() => {});
  }

  #succeeded(sent: UploadResult): void {
    // A file resumed after a reload carries over the documents created for it then, and what its first preparation did.
    const result = this.#resumeLoaded?.succeeded(sent) ?? sent;
    this.announcement = `${this.#t.uploaded}: ${result.file.name}`;
    this.#poorPhotos = 0;
    this.#forgetKept();
    this.dispatchEvent(new KycUploadSuccessEvent({ ...result, ...this.#slotDetail }));
    // On a phone: the computer learns of the stored file through the server, which checks it first.
    const session = this.#phoneSession;
    if (session) void this.#onPhone((handoff) => handoff.completeOnPhone(this.#handoff, session, result.documentId));
    this.#setValue(this.#upload.stored);
  }

  /** The screen (the controller's state) and the event read the same `isRejection`, so they always agree. */
  #failed(error: UploadError, file: File): void {
    // Kept while a retry (now, or after a reload) may still send it.
    if (!error.retryable) this.#forgetKept();
    if (error.code === 'poor-photo') this.#poorPhotos++;
    // On a phone, a session the server says has ended is forgotten.
    if (this.#phoneSession) void this.#onPhone((handoff) => handoff.failedOnPhone(this.#handoff, error));
    if (isRejection(error)) {
      this.#withMessage(error, (message) => this.dispatchEvent(new KycUploadRejectEvent({ file, code: error.code, message, ...this.#slotDetail })));
    } else {
      this.#dispatchFailure(error, error.documentId);
    }
    // A cancel is the user's own choice: back to the start, no alert.
    if (error.code === 'aborted') this.#upload.reset();
  }

  #dispatchFailure(error: UploadError, documentId: string | undefined): void {
    this.#withMessage(error, (message) => this.#sendFailure(error, documentId, message));
  }

  #sendFailure(error: UploadError, documentId: string | undefined, message: string): void {
    const superseded = error.supersededDocumentIds ?? [];
    this.dispatchEvent(
      new KycUploadErrorEvent({
        code: error.code,
        message,
        retryable: error.retryable,
        ...(documentId ? { documentId } : {}),
        ...(superseded.length ? { supersededDocumentIds: superseded } : {}),
        ...this.#slotDetail,
      }),
    );
  }

  #setValue(stored: StoredFile | undefined): void {
    if (!this.formValue.set(stored)) return;
    this.dispatchEvent(new Event('change', { bubbles: true }));
    this.requestUpdate();
  }

  #retry = () => {
    const file = this.#upload.file;
    if (file) this.select(file);
  };

  #sendAnyway = () => {
    this.#judged = this.#upload.file;
    this.#retry();
  };

  #onPicked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire `change` again
    if (file) this.select(file);
  };
}

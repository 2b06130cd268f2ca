import { setWords } from './set-words.js';
import { LitElement, type PropertyDeclarations, type PropertyValues, type TemplateResult, html, nothing } from 'lit';
import { DEFAULT_MAX_SIZE } from '../../core/document-types.js';
import {
  BUILT_IN_KINDS,
  type DocumentRequirement,
  type ResolvedRequirement,
  parseRequirementAttribute,
  resolveRequirements,
} from '../../core/document-set/requirements.js';
import { type SetDocument, type SetSlot, chosenSlots, completeDocuments, formEntryName, setProgress, slotKey, slotsOf } from '../../core/document-set/set-state.js';
import type { HeadersProvider } from '../../core/presign.js';
import type { KycUploadSuccessEvent } from '../events.js';
import { FormControlElement } from '../form-control.js';
import { type KycUpload, defaultUploader } from '../kyc-upload.js';
import { LangController } from '../lang-controller.js';
import type { Translation } from '../translations/translation.js';
import type { StoredFile, Uploader } from '../upload-controller.js';
import { KycDocumentSetChangeEvent, KycDocumentSetCompleteEvent, KycDocumentSetSubmitErrorEvent, KycDocumentSetSubmittedEvent } from './events.js';
import { styles } from './kyc-document-set.styles.js';
import { parseSetState, serializeSetState } from './set-form-state.js';
import { choiceId, confirmId, renderCompletion, renderRequirement } from './set-view.js';
import { SubmitController } from './submit-controller.js';

/** The parts of each slot's `<kyc-upload>` a host styles through the set, re-exported as `upload-…`. */
const UPLOAD_PARTS = ['base', 'label', 'file', 'message', 'progress', 'button', 'choose-button', 'retry-button', 'camera-button', 'notice', 'camera', 'resume-button', 'start-over-button', 'phone-button', 'handoff'];
const EXPORTED_PARTS = UPLOAD_PARTS.map((part) => `${part}:upload-${part}`).join(', ');

/**
 * @tag kyc-document-set
 * @summary The identity and address step in one tag: the person says which document they have,
 * uploads each side in its own `<kyc-upload>`, and the host gets one event with every documentId.
 *
 * Each slot's `kyc-upload-*` events bubble out of the set with `detail.slot: { kind, subtype, side }`.
 *
 * @event {KycDocumentSetChangeEvent} kyc-document-set-change - A slot's documentId changed. `detail: { kind, subtype, side, documentType, documentId?, replacedDocumentId?, documents }`
 * @event {KycDocumentSetCompleteEvent} kyc-document-set-complete - Every requirement is met (again after a replacement). `detail: { documents: [{ kind, subtype, side, documentType, documentId }] }`
 * @event {KycDocumentSetSubmittedEvent} kyc-document-set-submitted - The `submit-endpoint` accepted the set. `detail: { documents }`
 * @event {KycDocumentSetSubmitErrorEvent} kyc-document-set-submit-error - The submission failed. `detail: { failure, status?, message }`
 * @event {Event} change - The form value (the documents) changed.
 *
 * @csspart base - Around everything.
 * @csspart progress - "2 of 3 documents".
 * @csspart requirement - One requirement (a fieldset).
 * @csspart requirement-label - Its heading ("Proof of identity").
 * @csspart choice - The choice of document (a fieldset of radio buttons).
 * @csspart option - One choice, label and radio button.
 * @csspart subtype - The document's name when there is nothing to choose.
 * @csspart slot - Around one side's upload.
 * @csspart confirm - The question asked before a new choice discards uploads.
 * @csspart button - Every button of the set; each also has its own part below.
 * @csspart keep-button - Keeps the current choice.
 * @csspart discard-button - Discards the uploads and changes the choice.
 * @csspart submit-button - Sends the set to `submit-endpoint`.
 * @csspart complete - The line saying every document is uploaded, or sent.
 * @csspart message - The submission's error message.
 * @csspart slot-label - The instruction above one side's upload ("Front of your identity card").
 * @csspart upload-base - Each slot's drop zone (its `<kyc-upload>`'s `base`).
 * @csspart upload-label - Each slot's main line.
 * @csspart upload-file - Each slot's file line.
 * @csspart upload-message - Each slot's error message.
 * @csspart upload-progress - Each slot's progress bar.
 * @csspart upload-button - Each slot's buttons.
 * @csspart upload-choose-button - Each slot's file picker button.
 * @csspart upload-retry-button - Each slot's "Try again".
 * @csspart upload-camera-button - Each slot's "Take a photo".
 * @csspart upload-notice - Each slot's word on why the in-page camera did not open.
 * @csspart upload-camera - Each slot's in-page camera (its dialog).
 * @csspart upload-resume-button - Each slot's "Resume" of a file kept from a closed tab.
 * @csspart upload-start-over-button - Each slot's "Start over".
 * @csspart upload-phone-button - Each slot's "Use your phone".
 * @csspart upload-handoff - Each slot's QR code dialog.
 *
 * The custom properties are `<kyc-upload>`'s: set once, they theme the set and every slot.
 * @cssproperty [--kyc-upload-accent=#1d4ed8] - Buttons, focus ring, the chosen document.
 * @cssproperty [--kyc-upload-accent-text=#ffffff] - Text on the primary buttons.
 * @cssproperty [--kyc-upload-color=CanvasText] - Text.
 * @cssproperty [--kyc-upload-muted-color=#4b5563] - Progress and the question.
 * @cssproperty [--kyc-upload-border-color=#8a94a6] - Choices and drop zones.
 * @cssproperty [--kyc-upload-background=transparent] - The drop zones' background.
 * @cssproperty [--kyc-upload-danger-color=#b91c1c] - Errors, the confirmation's frame.
 * @cssproperty [--kyc-upload-success-color=#15803d] - Success.
 * @cssproperty [--kyc-upload-radius=12px] - Corner radius.
 * @cssproperty [--kyc-upload-gap=0.75rem] - Space between the lines.
 * @cssproperty [--kyc-upload-focus-color] - Focus ring (defaults to the accent).
 *
 * @cssstate complete - Every requirement is met.
 * @cssstate uploading - A slot is inspecting, preparing or sending a file.
 * @cssstate submitting - The set is being sent to `submit-endpoint`.
 * @cssstate submitted - The host accepted the set.
 * @cssstate submit-error - The last submission failed.
 * @cssstate invalid - Not valid for its form (required and incomplete, or busy).
 * @cssstate disabled - The element or its fieldset is disabled.
 */
export class KycDocumentSet extends FormControlElement {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  // Declared without decorators, as on <kyc-upload>: their runtime is not worth its weight. (`attribute:
  // false` beside `state: true` says the same to the manifest analyser, which does not know `state`.)
  static override properties: PropertyDeclarations = {
    endpoint: {},
    identityProof: { attribute: 'identity-proof' },
    addressProof: { attribute: 'address-proof' },
    requirements: { attribute: false },
    name: { reflect: true },
    submitEndpoint: { attribute: 'submit-endpoint' },
    disabled: { type: Boolean, reflect: true },
    required: { type: Boolean, reflect: true },
    accept: {},
    maxSize: { attribute: 'max-size', type: Number },
    credentials: {},
    uploadOrigins: { attribute: 'upload-origins' },
    camera: {},
    resumeEndpoint: { attribute: 'resume-endpoint' },
    handoffEndpoint: { attribute: 'handoff-endpoint' },
    headers: { attribute: false },
    timeouts: { attribute: false },
    uploader: { attribute: false },
    choices: { state: true, attribute: false },
    pendingChanges: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** URL of the host backend that presigns each upload (as on `<kyc-upload>`). */
  endpoint = '';
  /** The simple case: `identity-proof="passport:17 id-card:9"`, each a subtype and its provider document type. */
  identityProof = '';
  /** As `identity-proof`: `address-proof="utility-bill:20 bank-statement:21"`. */
  addressProof = '';
  /** Everything else (the host's own kinds, labels, sides): replaces the two attributes when set. Property only. */
  requirements?: readonly DocumentRequirement[];
  /**
   * Form field name: the set submits one entry per side, `name[kind][side]=documentId`
   * (`kyc[identity-proof][front]`). Reflected, as on `<kyc-upload>`.
   */
  name = '';
  /** With a URL, a "Submit documents" button appears once the set is complete and POSTs `{ documents }` there. */
  submitEndpoint = '';
  disabled = false;
  required = false;
  /** Passed to every slot, as on `<kyc-upload>`. */
  accept = '';
  maxSize: number = DEFAULT_MAX_SIZE;
  credentials: RequestCredentials = 'same-origin';
  uploadOrigins = '';
  camera: 'auto' | 'native' | 'off' = 'auto';
  /** Each slot keeps its file for resume after a closed tab, as on `<kyc-upload>`. */
  resumeEndpoint = '';
  /** Each slot offers "Use your phone", as on `<kyc-upload>`. */
  handoffEndpoint = '';
  /** Extra headers for the backend calls (each presign and the submission). Property only. */
  headers?: HeadersProvider;
  timeouts?: { presignMs?: number; stallMs?: number };
  /** Replaces each slot's upload pipeline (stories, tests). Property only. */
  uploader?: Uploader;

  /** The subtype chosen per kind. */
  private choices: Readonly<Record<string, string>> = {};
  /** A choice that waits for "discard" because it would drop uploads: kind → subtype. */
  private pendingChanges: Readonly<Record<string, string>> = {};
  private announcement = '';

  /** The stored file of each slot, by slotKey. */
  #stored = new Map<string, StoredFile>();
  #resolved: ResolvedRequirement[] = [];
  #reportedProblem = '';
  /** The documentIds of the last completion announced, so a re-render does not announce it twice. */
  #announcedComplete = '';
  #formDisabled = false;
  readonly #lang = new LangController(this);
  readonly #submit = new SubmitController(this);

  /** Every side stored, in order (also when the set is not complete yet). */
  get documents(): SetDocument[] {
    return chosenSlots(this.#resolved, this.choices).flatMap((slot) => {
      const file = this.#stored.get(slotKey(slot));
      return file ? [{ ...slot, documentId: file.documentId }] : [];
    });
  }

  /** Every requirement met: the documents, in order; undefined before. */
  get complete(): SetDocument[] | undefined {
    return completeDocuments(this.#resolved, this.choices, this.#stored);
  }

  /** Settles when every slot's upload in flight has ended. */
  get uploadComplete(): Promise<void> {
    return Promise.all(this.#uploads().map((upload) => upload.uploadComplete)).then(() => {});
  }

  /** Chooses a document for a kind, as the person would; asks first when it would discard uploads. */
  choose(kind: string, subtype: string): void {
    if (this.#locked || this.choices[kind] === subtype) return;
    const requirement = this.#resolved.find((candidate) => candidate.kind === kind);
    if (!requirement?.subtypes.some((option) => option.subtype === subtype)) return;
    const current = slotsOf(requirement, this.choices[kind]);
    const wouldDiscard = current.some((slot) => this.#stored.has(slotKey(slot)) || this.#uploadOf(slot)?.busy);
    if (wouldDiscard) {
      this.pendingChanges = { ...this.pendingChanges, [kind]: subtype };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`#${confirmId(kind)} button`)?.focus());
      return;
    }
    this.choices = { ...this.choices, [kind]: subtype };
  }

  /** Back to nothing chosen and nothing stored; uploads in flight are cancelled (and reported as `aborted`). */
  reset(): void {
    for (const upload of this.#uploads()) upload.reset();
    this.#submit.reset();
    const discarded = this.documents;
    this.#stored.clear();
    this.choices = this.#defaultChoices();
    this.pendingChanges = {};
    this.#announcedComplete = '';
    for (const document of discarded) this.#changed(document, undefined, document.documentId);
    this.#syncForm();
  }

  /** Sends the complete set to `submit-endpoint`; what the "Submit documents" button does. */
  async submit(): Promise<void> {
    const documents = this.complete;
    // Not while a side is being replaced: the lock would cancel the new file and send the old one.
    if (!documents || !this.submitEndpoint || this.busy || this.#inert) return;
    this.pendingChanges = {};
    this.announcement = setWords(this.#t).submitting;
    const outcome = await this.#submit.submit(this.submitEndpoint, documents, {
      credentials: this.credentials,
      ...(this.headers ? { headers: this.headers } : {}),
    });
    if (!outcome) return;
    if (outcome.state === 'sent') {
      this.announcement = setWords(this.#t).submitted;
      this.dispatchEvent(new KycDocumentSetSubmittedEvent({ documents }));
    } else if (outcome.state === 'failed') {
      const message = setWords(this.#t).submitFailed[outcome.failure];
      this.announcement = '';
      this.dispatchEvent(
        new KycDocumentSetSubmitErrorEvent({ failure: outcome.failure, message, ...(outcome.status !== undefined ? { status: outcome.status } : {}) }),
      );
    }
  }

  formResetCallback(): void {
    this.reset();
  }
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }
  /** Back/forward navigation or autofill: the choices and stored sides come back as they were. */
  formStateRestoreCallback(saved: unknown): void {
    const restored = parseSetState(saved);
    if (!restored) return;
    this.choices = { ...restored.choices, ...this.#defaultChoices() };
    this.#stored = new Map(Object.entries(restored.stored));
    this.#syncForm();
  }

  get #inert(): boolean {
    return this.disabled || this.#formDisabled;
  }

  /** Nothing may change: disabled, being sent, or sent. */
  get #locked(): boolean {
    const { state } = this.#submit.status;
    return this.#inert || state === 'busy' || state === 'sent';
  }

  /** A slot is inspecting, preparing or sending a file, or the set is being submitted. */
  override get busy(): boolean {
    return this.#uploads().some((upload) => upload.busy) || this.#submit.status.state === 'busy';
  }

  get #t(): Translation {
    return this.#lang.translation;
  }

  #uploads(): KycUpload[] {
    return [...this.renderRoot.querySelectorAll<KycUpload>('kyc-upload')];
  }

  #uploadOf(slot: SetSlot): KycUpload | undefined {
    return this.#uploads().find((upload) => upload.dataset['slot'] === slotKey(slot));
  }

  /** A requirement with one subtype has nothing to choose. */
  #defaultChoices(): Record<string, string> {
    return Object.fromEntries(this.#resolved.filter((requirement) => requirement.subtypes.length === 1).map((requirement) => [requirement.kind, requirement.subtypes[0]!.subtype]));
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.#lang.loading();
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const requirementsChanged = changed.has('requirements') || changed.has('identityProof') || changed.has('addressProof');
    const before = signatureOf(this.documents);
    if (requirementsChanged) this.#resolve();
    if (!this.hasUpdated || !(requirementsChanged || changed.has('name'))) return;
    // Entries are named after `name`, and list only the sides the requirements still ask for; a
    // requirement removed may leave the set with other documents, or complete.
    this.#syncForm();
    this.#syncValidity();
    if (signatureOf(this.documents) !== before) this.dispatchEvent(new Event('change', { bubbles: true }));
    this.#announceCompletion();
  }

  /** Reads what the host declared; a mistake is the developer's to fix, said once in the console. */
  #resolve(): void {
    const declared =
      this.requirements ??
      BUILT_IN_KINDS.flatMap((kind) => parseRequirementAttribute(kind, kind === 'identity-proof' ? this.identityProof : this.addressProof) ?? []);
    const check = resolveRequirements(declared);
    if (!check.ok) {
      if (check.problem !== this.#reportedProblem) console.error(`<kyc-document-set>: ${check.problem}.`);
      this.#reportedProblem = check.problem;
      this.#resolved = [];
    } else {
      this.#reportedProblem = '';
      this.#resolved = check.requirements;
    }
    // A single subtype is chosen for the person, whatever was chosen before. Other choices are kept
    // even when the requirements no longer offer them (a restored state arrives before a page sets
    // its requirements): one that matches nothing shows nothing and counts for nothing.
    this.choices = { ...this.choices, ...this.#defaultChoices() };
  }

  protected override updated(): void {
    // Restored state reaches the slots once they exist.
    for (const upload of this.#uploads()) {
      const file = this.#stored.get(upload.dataset['slot'] ?? '');
      if (file && upload.value !== file.documentId) upload.formStateRestoreCallback(JSON.stringify(file));
    }
    this.#syncValidity();
  }

  /** Validity and custom states, from what is chosen, stored and sent right now. */
  #syncValidity(): void {
    const t = this.#t;
    const busy = this.busy;
    const complete = this.complete;
    const status = this.#submit.status.state;
    const anchor = this.renderRoot.querySelector<HTMLElement>('input[type=radio], kyc-upload') ?? undefined;
    this.formValue.updateValidity({ missing: this.required && !complete, busy, messages: { required: setWords(t).required, busy: t.uploadInProgress }, anchor });
    this.formValue.setStates({
      complete: Boolean(complete),
      uploading: busy,
      submitting: status === 'busy',
      submitted: status === 'sent',
      'submit-error': status === 'failed',
      invalid: !this.formValue.internals.validity.valid,
      disabled: this.#inert,
    });
  }

  override render(): TemplateResult {
    const t = this.#t;
    const words = setWords(t);
    const { done, total } = setProgress(this.#resolved, this.choices, this.#stored);
    const complete = this.complete;
    const submit = this.#submit.status;
    const locked = this.#locked;
    return html`
      <div part="base" class="base" role="group" aria-label=${words.label} dir=${t.$dir}>
        ${this.#resolved.length ? html`<p part="progress" class="progress">${words.progress(done, total)}</p>` : nothing}
        ${this.#resolved.map((requirement) =>
          renderRequirement({
            t,
            requirement,
            chosen: this.choices[requirement.kind],
            pendingChange: this.pendingChanges[requirement.kind],
            inert: locked,
            upload: (slot, instruction) => this.#renderUpload(slot, instruction, locked),
            choose: (kind, subtype) => this.choose(kind, subtype),
            confirmChange: (kind) => this.#confirmChange(kind),
            keepChoice: (kind) => this.#keepChoice(kind),
          }),
        )}
        ${complete ? renderCompletion({ t, status: submit, submitEndpoint: this.submitEndpoint, inert: this.#inert || this.busy, submit: () => void this.submit() }) : nothing}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  #renderUpload(slot: SetSlot, instruction: string, locked: boolean): TemplateResult {
    return html`
      <p part="slot-label" class="slot-label">${instruction}</p>
      <kyc-upload
        data-slot=${slotKey(slot)}
        exportparts=${EXPORTED_PARTS}
        .endpoint=${this.endpoint}
        .documentType=${String(slot.documentType)}
        .kind=${slot.kind}
        .subtype=${slot.subtype}
        .side=${slot.side}
        .label=${instruction}
        .accept=${this.accept}
        .maxSize=${this.maxSize}
        .credentials=${this.credentials}
        .uploadOrigins=${this.uploadOrigins.split(/\s+/).filter(Boolean)}
        .camera=${this.camera}
        .resumeEndpoint=${this.resumeEndpoint}
        .handoffEndpoint=${this.handoffEndpoint}
        .headers=${this.headers}
        .timeouts=${this.timeouts}
        .disabled=${locked}
        .uploader=${this.uploader ?? defaultUploader}
        @kyc-upload-success=${(event: KycUploadSuccessEvent) => this.#slotStored(slot, event)}
        @kyc-upload-select=${this.#slotMoved}
        @kyc-upload-start=${this.#slotMoved}
        @kyc-upload-reject=${this.#slotMoved}
        @kyc-upload-error=${this.#slotMoved}
      ></kyc-upload>
    `;
  }

  #slotStored(slot: SetSlot, event: KycUploadSuccessEvent): void {
    const { documentId, file } = event.detail;
    const key = slotKey(slot);
    const previous = this.#stored.get(key)?.documentId;
    if (previous === documentId) return;
    this.#stored.set(key, { documentId, ...file });
    if (this.#submit.status.state !== 'idle') this.#submit.reset();
    this.#changed(slot, documentId, previous);
    this.requestUpdate();
  }

  /** A slot started or stopped working: the set's busy state, validity and states follow. */
  #slotMoved = () => this.requestUpdate();

  #confirmChange(kind: string): void {
    const subtype = this.pendingChanges[kind];
    if (subtype === undefined || this.#locked) return;
    const requirement = this.#resolved.find((candidate) => candidate.kind === kind);
    for (const slot of requirement ? slotsOf(requirement, this.choices[kind]) : []) {
      this.#uploadOf(slot)?.reset();
      const old = this.#stored.get(slotKey(slot));
      if (!old) continue;
      this.#stored.delete(slotKey(slot));
      this.#changed(slot, undefined, old.documentId);
    }
    const { [kind]: _done, ...rest } = this.pendingChanges;
    this.pendingChanges = rest;
    this.choices = { ...this.choices, [kind]: subtype };
    this.#syncForm();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#${choiceId(kind, subtype)}`)?.focus());
  }

  #keepChoice(kind: string): void {
    const { [kind]: _kept, ...rest } = this.pendingChanges;
    this.pendingChanges = rest;
    const chosen = this.choices[kind];
    // The radio the person clicked reverts to the kept choice, and focus goes back to it.
    void this.updateComplete.then(() => chosen && this.renderRoot.querySelector<HTMLInputElement>(`#${choiceId(kind, chosen)}`)?.focus());
  }

  /**
   * One slot's documentId changed. The form value and validity follow first, so a handler of the
   * events below that reads the form (FormData, requestSubmit) sees this change; then the set's own
   * event and the native `change`, then the completion.
   */
  #changed(slot: SetSlot, documentId: string | undefined, replacedDocumentId: string | undefined): void {
    this.#syncForm();
    this.#syncValidity();
    const { kind, subtype, side, documentType } = slot;
    this.dispatchEvent(
      new KycDocumentSetChangeEvent({
        kind,
        subtype,
        side,
        documentType,
        ...(documentId ? { documentId } : {}),
        ...(replacedDocumentId ? { replacedDocumentId } : {}),
        documents: this.documents,
      }),
    );
    this.dispatchEvent(new Event('change', { bubbles: true }));
    this.#announceCompletion();
  }

  /** `kyc-document-set-complete`, once per set of documentIds that meets every requirement. */
  #announceCompletion(): void {
    const complete = this.complete;
    const signature = complete ? signatureOf(complete) : '';
    if (complete && signature !== this.#announcedComplete) {
      this.announcement = setWords(this.#t).complete;
      this.dispatchEvent(new KycDocumentSetCompleteEvent({ documents: complete }));
    }
    this.#announcedComplete = signature;
  }

  /** One entry per stored side of the current choices; the state keeps choices and files for a restore. */
  #syncForm(): void {
    const documents = this.documents;
    // Without a name nothing is submitted, as for a native control; the state still restores.
    if (!documents.length || !this.name) {
      this.formValue.write(null, Object.keys(this.choices).length ? serializeSetState(this.choices, this.#stored) : null);
      return;
    }
    const entries = new FormData();
    for (const document of documents) entries.append(formEntryName(this.name, document), document.documentId);
    this.formValue.write(entries, serializeSetState(this.choices, this.#stored));
  }
}

/** The documentIds in order: what the form submits and the completion names. */
const signatureOf = (documents: readonly SetDocument[]) => documents.map((document) => `${slotKey(document)}=${document.documentId}`).join(' ');

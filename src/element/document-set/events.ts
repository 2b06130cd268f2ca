import type { SetDocument, SetSlot } from '../../core/document-set/set-state.js';
import type { SubmitFailure } from '../../core/document-set/submit-set.js';

const init = { bubbles: true, composed: true } as const;

export interface DocumentSetChangeDetail extends SetSlot {
  /** The slot's document now; absent once it was discarded (another document chosen, a reset). */
  documentId?: string;
  /**
   * The document this slot held before. The provider still holds it as a pending document: the
   * host may delete it.
   */
  replacedDocumentId?: string;
  /** Every side stored so far, in order. */
  documents: SetDocument[];
}

/** A slot's documentId changed: stored, replaced by a new upload, or discarded. */
export class KycDocumentSetChangeEvent extends CustomEvent<DocumentSetChangeDetail> {
  static readonly eventName = 'kyc-document-set-change';
  constructor(detail: DocumentSetChangeDetail) {
    super(KycDocumentSetChangeEvent.eventName, { ...init, detail });
  }
}

/** Every requirement is met: one entry per side, in order. Fired again after a replacement. */
export class KycDocumentSetCompleteEvent extends CustomEvent<{ documents: SetDocument[] }> {
  static readonly eventName = 'kyc-document-set-complete';
  constructor(detail: { documents: SetDocument[] }) {
    super(KycDocumentSetCompleteEvent.eventName, { ...init, detail });
  }
}

/** The host's `submit-endpoint` accepted the set: the documents are in its reviewers' queue. */
export class KycDocumentSetSubmittedEvent extends CustomEvent<{ documents: SetDocument[] }> {
  static readonly eventName = 'kyc-document-set-submitted';
  constructor(detail: { documents: SetDocument[] }) {
    super(KycDocumentSetSubmittedEvent.eventName, { ...init, detail });
  }
}

export interface DocumentSetSubmitErrorDetail {
  /** `session`: sign in again; `refused`: the host said no; `unreachable`: trying again may work. */
  failure: SubmitFailure;
  /** The host's HTTP status, when it answered. */
  status?: number;
  /** Translated, for the person. */
  message: string;
}

/** The submission failed; the set shows `message` and a way to try again. */
export class KycDocumentSetSubmitErrorEvent extends CustomEvent<DocumentSetSubmitErrorDetail> {
  static readonly eventName = 'kyc-document-set-submit-error';
  constructor(detail: DocumentSetSubmitErrorDetail) {
    super(KycDocumentSetSubmitErrorEvent.eventName, { ...init, detail });
  }
}

/** Every event of <kyc-document-set> by name (its slots' `kyc-upload-*` events come on top). */
export interface KycDocumentSetEventMap {
  'kyc-document-set-change': KycDocumentSetChangeEvent;
  'kyc-document-set-complete': KycDocumentSetCompleteEvent;
  'kyc-document-set-submitted': KycDocumentSetSubmittedEvent;
  'kyc-document-set-submit-error': KycDocumentSetSubmitErrorEvent;
}

declare global {
  interface GlobalEventHandlersEventMap extends KycDocumentSetEventMap {}
}

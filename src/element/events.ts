import type { FailureCode, RejectCode, UploadErrorCode } from '../core/errors.js';
import type { UploadResult } from '../core/pipeline.js';
import type { DocumentSlot } from '../core/document-set/document-slot.js';

const init = { bubbles: true, composed: true } as const;

/**
 * Which piece of a document set the upload is (`kind`, `subtype`, `side`): present on every event
 * of an element that has them, such as each slot of `<kyc-document-set>`, whose events reach the
 * page retargeted to the set.
 */
export interface SlotDetail {
  slot?: DocumentSlot;
}

/** A file was chosen. Cancel it (`preventDefault()`) to veto the file before anything is read or sent. */
export class KycUploadSelectEvent extends CustomEvent<{ file: File } & SlotDetail> {
  static readonly eventName = 'kyc-upload-select';
  constructor(detail: { file: File } & SlotDetail) {
    super(KycUploadSelectEvent.eventName, { ...init, cancelable: true, detail });
  }
}

/** The file itself is not acceptable; the user must choose another. Nothing was sent. */
export class KycUploadRejectEvent extends CustomEvent<{ file: File; code: RejectCode; message: string } & SlotDetail> {
  static readonly eventName = 'kyc-upload-reject';
  constructor(detail: { file: File; code: RejectCode; message: string } & SlotDetail) {
    super(KycUploadRejectEvent.eventName, { ...init, detail });
  }
}

/** Bytes are about to leave for storage under this pre-review document. */
export class KycUploadStartEvent extends CustomEvent<{ documentId: string; file: File } & SlotDetail> {
  static readonly eventName = 'kyc-upload-start';
  constructor(detail: { documentId: string; file: File } & SlotDetail) {
    super(KycUploadStartEvent.eventName, { ...init, detail });
  }
}

export class KycUploadProgressEvent extends CustomEvent<{ documentId: string; loaded: number; total: number } & SlotDetail> {
  static readonly eventName = 'kyc-upload-progress';
  constructor(detail: { documentId: string; loaded: number; total: number } & SlotDetail) {
    super(KycUploadProgressEvent.eventName, { ...init, detail });
  }
}

/** The file is in storage under `documentId`. */
/** `via: 'phone'`: stored by the person's phone (a handoff); no File exists on this page. */
export type KycUploadSuccessDetail = UploadResult & SlotDetail & { via?: 'phone' };

export class KycUploadSuccessEvent extends CustomEvent<KycUploadSuccessDetail> {
  static readonly eventName = 'kyc-upload-success';
  constructor(detail: KycUploadSuccessDetail) {
    super(KycUploadSuccessEvent.eventName, { ...init, detail });
  }
}

export interface KycUploadErrorDetail extends SlotDetail {
  code: FailureCode | UploadErrorCode;
  message: string;
  /** Trying again with the same file may work. */
  retryable: boolean;
  /**
   * The pre-review document the failed attempt created, if it got that far. After `aborted`, the
   * POST may still have landed (S3 cannot undo one): the host may delete it.
   */
  documentId?: string;
  /** Earlier documents for the same file whose forms expired unused: the host may delete them. */
  supersededDocumentIds?: string[];
}

/** The upload could not complete. `message` is translated and meant for the user. */
export class KycUploadErrorEvent extends CustomEvent<KycUploadErrorDetail> {
  static readonly eventName = 'kyc-upload-error';
  constructor(detail: KycUploadErrorDetail) {
    super(KycUploadErrorEvent.eventName, { ...init, detail });
  }
}

/** Every event of <kyc-upload> by name: the page-wide event map, and the React and Vue typings. */
export interface KycUploadEventMap {
  'kyc-upload-select': KycUploadSelectEvent;
  'kyc-upload-reject': KycUploadRejectEvent;
  'kyc-upload-start': KycUploadStartEvent;
  'kyc-upload-progress': KycUploadProgressEvent;
  'kyc-upload-success': KycUploadSuccessEvent;
  'kyc-upload-error': KycUploadErrorEvent;
}

declare global {
  // The map above, merged into the events of every element and window.
  interface GlobalEventHandlersEventMap extends KycUploadEventMap {}
}

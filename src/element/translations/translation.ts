import type { DocumentSide } from '../../core/document-set/document-slot.js';
import type { BuiltInKind, BuiltInSubtype } from '../../core/document-set/requirements.js';
import type { SubmitFailure } from '../../core/document-set/submit-set.js';
import type { CameraUnavailableReason } from '../../core/capture/camera-unavailable.js';
import type { QualityIssue } from '../../core/quality/quality-report.js';
import type { HandoffRefusal } from '../../core/handoff/handoff-schema.js';
import type { ErrorMessageKey } from '../error-message.js';

/**
 * Everything the element says, for one language: words only. Functions interpolate numbers and
 * names they are given; which sentence applies is decided outside, once for every language.
 */
export interface Translation {
  $code: string;
  $dir: 'ltr' | 'rtl';
  label: string;
  dropHere: string;
  chooseFile: string;
  takePhoto: string;
  hint: (types: string, maxSize: string) => string;
  /** The first step: the file is being inspected (type, size, content). */
  inspecting: string;
  preparing: (percent: number) => string;
  pages: (count: number) => string;
  uploading: (percent: number) => string;
  /** A try failed and the next one is scheduled: `seconds` (1 or more) until it starts. */
  retrying: (seconds: number) => string;
  /** A try failed and the next one starts at once. */
  retryingNow: string;
  /** The device is offline: the upload resumes by itself when the connection returns. */
  waitingForNetwork: string;
  cancel: string;
  uploaded: string;
  replace: string;
  tryAgain: string;
  chooseAnother: string;
  /** Sends a chosen photo that failed its checks twice: the person decides. */
  sendAnyway: string;
  required: string;
  /** The form's submission is held back while the document is still on its way. */
  uploadInProgress: string;
  /** A file kept from a closed tab, offered again: "Resume uploading passport.jpg?". */
  resumeOffer: (fileName: string) => string;
  resume: string;
  /** Declines the offer: the kept file is deleted. */
  startOver: string;
  /** Offers to take the photo with the phone instead (a QR code), on a computer. */
  usePhone: string;
  /**
   * A sentence the user can act on, per case of each error code (see `errorMessageKey`). Without
   * one (English's ship apart, `enErrors`), the sentence is said in English.
   */
  errors?: Partial<ErrorSentences>;
  /**
   * What `<kyc-document-set>` says besides its uploads. Without it the set speaks English
   * (`enDocumentSet`), which ships with the set rather than with `en`.
   */
  documentSet?: DocumentSetTranslation;
  /**
   * What the in-page camera says. Without it the camera speaks English (`enCamera`), which ships
   * with the camera rather than with `en`.
   */
  camera?: CameraTranslation;
  /** What "continue on your phone" says; English (`enHandoff`) without it. */
  handoff?: HandoffTranslation;
}

export interface HandoffTranslation {
  title: string;
  /** Under the QR code: how to use it, and for how long it works (whole minutes, 1 or more). */
  scan: (minutes: number) => string;
  waiting: string;
  claimed: string;
  expired: string;
  newCode: string;
  close: string;
  /** The code could not be made (the backend refused or is unreachable). */
  failed: string;
  /** The success line on the computer: the file came from the phone. */
  fromPhone: string;
  /** On the phone, once the file is stored and the computer told. */
  phoneDone: string;
  /** On the phone, why its code was refused. */
  refused: Record<HandoffRefusal, string>;
}

export type ErrorSentences = Record<ErrorMessageKey, string | ((details: FormattedDetails) => string)>;

export interface CameraTranslation {
  /** The camera dialog's accessible name. */
  title: string;
  starting: string;
  /** The guidance before anything better is known. */
  placeDocument: string;
  shutter: string;
  close: string;
  /** The torch's toggle button. */
  torch: string;
  checking: string;
  looksGood: string;
  retake: string;
  usePhoto: string;
  /** Offered after two shots that failed the checks: the person decides. */
  sendAnyway: string;
  /** What is wrong with a shot, and what to do about it. */
  issues: Record<QualityIssue, string>;
  /** The same, short, over the live preview while the person frames the document (`looksGood` when nothing is). */
  guidance: Record<QualityIssue, string>;
  /** Why the in-page camera cannot open; the file input is offered instead. */
  unavailable: Record<CameraUnavailableReason, string>;
}

export interface DocumentSetTranslation {
  /** The set's accessible name. */
  label: string;
  kinds: Record<BuiltInKind, string>;
  /** Each built-in document's name, as a choice ("Identity card"). */
  subtypes: Record<BuiltInSubtype, string>;
  /** The instruction above each upload ("Front of your identity card"); `back` serves two-sided configurations. */
  sides: Record<BuiltInSubtype, Record<DocumentSide, string>>;
  /** The instruction for one side of a host's own two-sided document, from its label (one-sided: the label alone). */
  otherSide: Record<DocumentSide, (label: string) => string>;
  /** The question above the choice. */
  whichDocument: string;
  /** "2 of 3 documents". */
  progress: (done: number, total: number) => string;
  complete: string;
  /** The validation message while a document is missing. */
  required: string;
  /** Asked before a new choice discards what was uploaded for the old one. */
  confirmChange: string;
  keepChoice: string;
  discardAndChange: string;
  submit: string;
  submitting: string;
  submitted: string;
  /** Per kind of failure, so the sentence says what to do. */
  submitFailed: Record<SubmitFailure, string>;
}

/** What an error sentence may quote, formatted in its language. */
export interface FormattedDetails {
  /** The file's size: given for `too-large` and `too-large-tiff`, the keys that quote it. */
  size?: string;
  /** The limit: the default one when the error does not say. */
  maxSize: string;
}

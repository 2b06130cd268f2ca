import type { UploadErrorCode, UploadErrorDetails } from '../../core/errors.js';
import type { DocumentSide } from '../../core/document-set/document-slot.js';
import type { BuiltInKind, BuiltInSubtype } from '../../core/document-set/requirements.js';

/** Everything the element says, for one language. Functions interpolate; `bytes` is pre-formatted. */
export interface Translation {
  $code: string;
  $dir: 'ltr' | 'rtl';
  label: string;
  dropHere: string;
  chooseFile: string;
  takePhoto: string;
  hint: (types: string, maxSize: string) => string;
  checking: string;
  preparing: (percent: number) => string;
  pages: (count: number) => string;
  uploading: (percent: number) => string;
  /** A try failed and the next one is scheduled: `seconds` until it starts. */
  retrying: (seconds: number) => string;
  /** The device is offline: the upload resumes by itself when the connection returns. */
  waitingForNetwork: string;
  cancel: string;
  uploaded: string;
  replace: string;
  tryAgain: string;
  chooseAnother: string;
  required: string;
  /** The form's submission is held back while the document is still on its way. */
  uploadInProgress: string;
  /** A sentence the user can act on, per error code. `size` and `maxSize` come formatted. */
  error: (code: UploadErrorCode, details: FormattedDetails) => string;
  /** What `<kyc-document-set>` says besides its uploads. */
  documentSet: DocumentSetTranslation;
}

export interface DocumentSetTranslation {
  /** The set's accessible name. */
  label: string;
  kinds: Record<BuiltInKind, string>;
  /** Each built-in document's name, as a choice ("Identity card"). */
  subtypes: Record<BuiltInSubtype, string>;
  /** The instruction above each upload ("Front of your identity card"); `back` serves two-sided configurations. */
  sides: Record<BuiltInSubtype, Record<DocumentSide, string>>;
  /** The instruction for a host's own document, from its label. */
  otherSide: (label: string, side: DocumentSide, twoSided: boolean) => string;
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
  /** `kind`: what went wrong, so the sentence says what to do. */
  submitFailed: (kind: 'session' | 'refused' | 'unreachable') => string;
}

export interface FormattedDetails extends Omit<UploadErrorDetails, 'size' | 'maxSize'> {
  size?: string;
  maxSize?: string;
}

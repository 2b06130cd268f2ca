import type { UploadErrorCode, UploadErrorDetails } from '../../core/errors.js';

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
}

export interface FormattedDetails extends Omit<UploadErrorDetails, 'size' | 'maxSize'> {
  size?: string;
  maxSize?: string;
}

import type { QualityReport } from './quality/quality-report.js';
import type { RetakeIssue } from './quality/retake.js';

/**
 * One error class with a closed set of codes. The element turns each code into a translated
 * sentence; `message` here is for developers (logs, tests) and never contains signed fields.
 */

/** Problems with the file itself: the user must pick another file. Sent as `kyc-upload-reject`. */
export const REJECT_CODES = [
  'type-not-allowed',
  'type-mismatch',
  'too-large',
  'empty',
  'damaged',
  'unreadable',
  'too-many-pixels',
  'unsafe-content',
  'encrypted-pdf',
  /** A chosen photo whose checks found what taking it again fixes (blurred, glare…); the person may send it anyway. */
  'poor-photo',
] as const;

/** Problems on the way to storage. Sent as `kyc-upload-error`. */
export const FAILURE_CODES = [
  'presign-failed',
  'presign-invalid',
  'untrusted-destination',
  'form-expired',
  'storage-rejected',
  'storage-unavailable',
  'network-error',
  /** The widget's own machinery (a worker script, the HEIC decoder) failed to load or run: not the file's fault. */
  'preparation-failed',
  'aborted',
] as const;

export type RejectCode = (typeof REJECT_CODES)[number];
export type FailureCode = (typeof FAILURE_CODES)[number];
export type UploadErrorCode = RejectCode | FailureCode;

/** Values a translated message may interpolate, e.g. the limit or the detected type. */
export interface UploadErrorDetails {
  maxSize?: number;
  size?: number;
  detectedType?: string;
  declaredType?: string;
  status?: number;
  /** The backend's own code for a refusal (`{ error: { code } }`), such as `handoff-slot-mismatch`. */
  backendCode?: string;
  storageCode?: string;
  width?: number;
  height?: number;
  maxPixels?: number;
  /** What made an SVG unsafe: `script`, `event-handler`, `javascript-url`, `foreign-object`, `external-reference`. */
  reason?: string;
  /** The server asked to wait this long before trying again (`Retry-After`). */
  retryAfterMs?: number;
  /** No answer came in time: the backend call's deadline, or storage going silent mid-upload. */
  timedOut?: boolean;
  /** Where a refused form wanted the file to go (its origin only: never a signed URL). */
  destination?: string;
  /** `poor-photo`: what to fix first, and the checks' whole report. */
  photoIssue?: RetakeIssue;
  quality?: QualityReport;
}

/**
 * How each failure may recover: `retry` (the same request again, automatically and by the
 * person's "Try again"), `new-form` (a fresh presigned form: `deliver` renews it, and "Try again"
 * starts over), `none` (trying again cannot help). A `Record`, so a new code cannot be forgotten.
 */
const RECOVERY: Record<FailureCode, Recovery> = {
  'presign-failed': 'retry',
  'presign-invalid': 'none',
  'untrusted-destination': 'none',
  'form-expired': 'new-form',
  'storage-rejected': 'none',
  'storage-unavailable': 'retry',
  'network-error': 'retry',
  'preparation-failed': 'retry',
  aborted: 'none',
};

export type Recovery = 'retry' | 'new-form' | 'none';

// The script-tag build carries this class twice (in the script and in the pipeline it loads):
// a registered symbol makes `instanceof` hold across both copies.
const BRAND = Symbol.for('kyc-upload.UploadError');

export class UploadError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }

  override readonly name = 'UploadError';
  readonly [BRAND] = true;
  readonly code: UploadErrorCode;
  readonly details: UploadErrorDetails;
  /** The pre-review document the failed attempt created, so a host can clean it up. */
  documentId?: string;
  /** Documents created earlier for the same file whose forms expired unused. */
  supersededDocumentIds?: string[];

  constructor(code: UploadErrorCode, message: string, details: UploadErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  /**
   * The one decision on what may help after this error, read by the retry loop (`decideRetry`),
   * the controller and the element. A file problem cannot be retried; a 4xx from the backend says
   * the request itself is wrong (except 408 and 429), so the same request would fail again.
   */
  get recovery(): Recovery {
    if (isRejectCode(this.code)) return 'none';
    const { status } = this.details;
    const refused = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
    return this.code === 'presign-failed' && refused ? 'none' : RECOVERY[this.code];
  }

  /** Trying the same file again may work (a network or server hiccup, an expired form). */
  get retryable(): boolean {
    return this.recovery !== 'none';
  }

  /** See `isRejection`. */
  get isRejection(): boolean {
    return isRejection(this);
  }
}

/**
 * A refusal of the file before any form was issued (`kyc-upload-reject`, "choose another file").
 * The same refusal once the provider holds a document (a signed policy tighter than the element's
 * limit) is a failure (`kyc-upload-error`) naming that document, so it can be cleaned up.
 */
export function isRejection(error: UploadError): error is UploadError & { readonly code: RejectCode } {
  return isRejectCode(error.code) && error.documentId === undefined;
}

export function isRejectCode(code: UploadErrorCode): code is RejectCode {
  return (REJECT_CODES as readonly string[]).includes(code);
}

/** Abort reasons become `aborted`; anything unexpected becomes a failure rather than a crash. */
export function toUploadError(error: unknown, fallback: FailureCode = 'network-error'): UploadError {
  if (error instanceof UploadError) return error;
  if (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return cancelled(error);
  }
  return new UploadError(fallback, error instanceof Error ? error.message : String(error), {}, { cause: error });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(signal.reason);
}

/** The one `aborted` error: the person cancelled, reset the form, or replaced the element. */
export function cancelled(cause?: unknown): UploadError {
  return new UploadError('aborted', 'The upload was cancelled.', {}, cause === undefined ? undefined : { cause });
}

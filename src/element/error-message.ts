import { DEFAULT_MAX_SIZE } from '../core/document-types.js';
import type { UploadError, UploadErrorDetails } from '../core/errors.js';
import { formatBytes } from './format.js';
import { enErrors } from './translations/en-errors.js';
import type { Translation } from './translations/translation.js';

/**
 * Every sentence an error can show. A code whose details change what the person should do has one
 * key per case; the others are their code. Catalogues hold words only: which case applies is
 * decided once, in `errorMessageKey`, for every language.
 */
export const ERROR_MESSAGE_KEYS = [
  'type-not-allowed',
  'type-not-allowed-heic',
  'type-not-allowed-bigtiff',
  'type-mismatch-pdf',
  'type-mismatch-picture',
  'too-large',
  'too-large-size-unknown',
  'too-large-tiff',
  'too-large-tiff-size-unknown',
  'empty',
  'damaged',
  'unreadable',
  'too-many-pixels',
  'unsafe-content-pdf',
  'unsafe-content-svg',
  'encrypted-pdf',
  'poor-photo-too-small',
  'poor-photo-blurred',
  'poor-photo-glare',
  'poor-photo-too-dark',
  'poor-photo-too-bright',
  'presign-session-expired',
  'presign-too-many-attempts',
  'presign-refused',
  'presign-timed-out',
  'presign-unreachable',
  'presign-invalid',
  'handoff-slot-mismatch',
  'handoff-session-ended',
  'untrusted-destination',
  'form-expired',
  'storage-rejected',
  'storage-unavailable',
  'network-error-stalled',
  'network-error-lost',
  'preparation-failed',
  'aborted',
] as const;

export type ErrorMessageKey = (typeof ERROR_MESSAGE_KEYS)[number];

/** Which sentence fits the error. */
export function errorMessageKey({ code, details }: UploadError): ErrorMessageKey {
  switch (code) {
    case 'type-not-allowed':
      return details.reason === 'heic-not-included' ? 'type-not-allowed-heic' : details.reason === 'bigtiff' ? 'type-not-allowed-bigtiff' : 'type-not-allowed';
    case 'type-mismatch':
      return details.declaredType === 'application/pdf' ? 'type-mismatch-pdf' : 'type-mismatch-picture';
    case 'too-large': {
      // A TIFF is worth converting rather than shrinking; storage's own refusal carries no size.
      const tiff = details.detectedType === 'image/tiff';
      if (details.size === undefined) return tiff ? 'too-large-tiff-size-unknown' : 'too-large-size-unknown';
      return tiff ? 'too-large-tiff' : 'too-large';
    }
    case 'unsafe-content':
      return details.detectedType === 'application/pdf' ? 'unsafe-content-pdf' : 'unsafe-content-svg';
    case 'presign-failed':
      return presignFailureKey(details);
    case 'poor-photo':
      return `poor-photo-${details.photoIssue ?? 'blurred'}`;
    case 'network-error':
      return details.timedOut ? 'network-error-stalled' : 'network-error-lost';
    default:
      // The compiler checks that every other code is a key of its own.
      return code;
  }
}

/** What the backend's refusal asks of the person: sign in, wait, reload, or simply try again. */
function presignFailureKey({ status, timedOut, backendCode }: UploadErrorDetails): ErrorMessageKey {
  // A phone's session is for the one document the computer asked for (kyc-upload/server's handoff).
  if (backendCode === 'handoff-slot-mismatch') return 'handoff-slot-mismatch';
  // …and ends with the handoff: there is nothing to sign in to on the phone, only a new code to make.
  if (backendCode === 'handoff-session-invalid') return 'handoff-session-ended';
  if (status === 401 || status === 403) return 'presign-session-expired';
  if (status === 429) return 'presign-too-many-attempts';
  if (status && status < 500) return 'presign-refused';
  return timedOut ? 'presign-timed-out' : 'presign-unreachable';
}

/** The sentence for an error, with its sizes formatted in the element's language. */
export function errorMessage(t: Translation, error: UploadError): string {
  // English's sentences ship apart, and a host's catalogue written in JavaScript may lack one: English then.
  const key = errorMessageKey(error);
  const sentence = t.errors?.[key] ?? enErrors[key];
  if (typeof sentence === 'string') return sentence;
  // An error that does not say its limit (a host's own uploader) is held to the default one.
  const { size, maxSize = DEFAULT_MAX_SIZE } = error.details;
  return sentence({ ...(size !== undefined ? { size: formatBytes(size, t.$code) } : {}), maxSize: formatBytes(maxSize, t.$code) });
}

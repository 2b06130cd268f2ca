import type { ErrorSentences } from './translation.js';

/**
 * What English says of each failure, apart from `en`: no sentence is needed before a file fails,
 * so they load with the first failure (or as the person heads for the widget), not with the page.
 */
export const enErrors: ErrorSentences = {
  'type-not-allowed': 'This kind of file is not accepted. Please choose a PDF, JPEG, PNG or TIFF file.',
  'type-not-allowed-heic': 'HEIC photos are not accepted here. Please choose a JPEG, PNG or PDF file.',
  'type-not-allowed-bigtiff': 'This TIFF is saved as BigTIFF, which is not accepted. Please save it as a standard TIFF, PDF or JPEG.',
  'type-mismatch-pdf': 'This file is not really a PDF: its content does not match its name. Please choose the original document.',
  'type-mismatch-picture': 'This file is not really a picture: its content does not match its name. Please choose the original document.',
  'too-large': (d) => `This file is ${d.size}; the limit is ${d.maxSize}. Please choose a smaller file or a lower-resolution scan.`,
  'too-large-size-unknown': 'This file is too large. Please choose a smaller file.',
  'too-large-tiff': (d) => `This TIFF is ${d.size}; the limit is ${d.maxSize}. Please save or scan it as JPEG or PDF instead.`,
  'too-large-tiff-size-unknown': (d) => `This TIFF is too large; the limit is ${d.maxSize}. Please save or scan it as JPEG or PDF instead.`,
  empty: 'This file is empty. Please choose the document again.',
  damaged: 'This file is damaged and cannot be opened. Please choose another copy.',
  unreadable: 'This file could not be read. It may have been moved or deleted: please choose it again.',
  'too-many-pixels': 'This picture is too large to process on this device. Please take it again at a lower resolution, or choose a smaller copy.',
  'unsafe-content-pdf': 'This PDF contains scripts, attached files or automatic actions and cannot be accepted. Please choose a plain scan of the document (PDF, JPEG or PNG).',
  'unsafe-content-svg': 'This SVG contains scripts or links to other sites and cannot be accepted. Please choose a PDF, JPEG or PNG instead.',
  'encrypted-pdf': 'This PDF is password-protected, so our reviewers cannot open it. Please remove the password and choose it again.',
  'presign-session-expired': 'Your session has expired. Please sign in again, then retry.',
  'presign-too-many-attempts': 'Too many attempts. Please wait a minute, then try again.',
  'presign-refused': 'The upload service refused this request. Please reload the page and try again.',
  'presign-timed-out': 'The upload service did not answer in time. Please try again in a moment.',
  'presign-unreachable': 'The upload service is not reachable right now. Please try again in a moment.',
  'presign-invalid': 'The upload service gave an unexpected answer. Please try again later.',
  'handoff-slot-mismatch': 'This phone can send only the document your computer asked for. Scan a new code on your computer.',
  'untrusted-destination': 'The upload was stopped: the service asked to send your document to a place this page does not trust. Nothing was sent. Please contact support.',
  'form-expired': 'The upload took too long and its authorisation expired. Please try again.',
  'storage-rejected': 'The document storage refused this file. Please try again, or choose another file.',
  'storage-unavailable': 'The document storage is not available right now. Please try again in a moment.',
  'network-error-stalled': 'The upload stalled and was stopped. Check your connection and try again.',
  'network-error-lost': 'The connection was lost. Check your connection and try again.',
  'preparation-failed': 'This document could not be prepared on this device. Please try again; if it keeps failing, reload the page or choose a PDF.',
  aborted: 'The upload was cancelled.',
};

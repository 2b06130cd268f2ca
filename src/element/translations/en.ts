import type { Translation } from './translation.js';

export const en: Translation = {
  $code: 'en',
  $dir: 'ltr',
  label: 'Identity document',
  dropHere: 'Drag your document here, or',
  chooseFile: 'Choose a file',
  takePhoto: 'Take a photo',
  hint: (types, maxSize) => `${types} — up to ${maxSize}`,
  checking: 'Checking the file…',
  preparing: (percent) => `Preparing the image… ${percent}%`,
  pages: (count) => (count === 1 ? '1 page' : `${count} pages`),
  uploading: (percent) => `Uploading… ${percent}%`,
  retrying: (seconds) => (seconds > 0 ? `Connection problem. Trying again in ${seconds} s…` : 'Connection problem. Trying again…'),
  waitingForNetwork: 'You are offline. The upload will resume when the connection is back.',
  cancel: 'Cancel',
  uploaded: 'Document uploaded',
  replace: 'Replace',
  tryAgain: 'Try again',
  chooseAnother: 'Choose another file',
  required: 'Please upload a document.',
  uploadInProgress: 'Please wait until your document has finished uploading.',
  error: (code, d) => {
    switch (code) {
      case 'type-not-allowed': return d.reason === 'heic-not-included' ? 'HEIC photos are not accepted here. Please choose a JPEG, PNG or PDF file.' : d.reason === 'bigtiff' ? 'This TIFF is saved as BigTIFF, which is not accepted. Please save it as a standard TIFF, PDF or JPEG.' : 'This kind of file is not accepted. Please choose a PDF, JPEG, PNG or TIFF file.';
      case 'type-mismatch': return `This file is not really a ${d.declaredType === 'application/pdf' ? 'PDF' : 'picture'}: its content does not match its name. Please choose the original document.`;
      case 'too-large':
        if (d.detectedType === 'image/tiff') return `This TIFF is ${d.size ?? 'too large'}; the limit is ${d.maxSize ?? '4.5 MB'}. Please save or scan it as JPEG or PDF instead.`;
        return d.size ? `This file is ${d.size}; the limit is ${d.maxSize ?? '4.5 MB'}. Please choose a smaller file or a lower-resolution scan.` : 'This file is too large. Please choose a smaller file.';
      case 'empty': return 'This file is empty. Please choose the document again.';
      case 'damaged': return 'This file is damaged and cannot be opened. Please choose another copy.';
      case 'too-many-pixels': return 'This picture is too large to process on this device. Please take it again at a lower resolution, or choose a smaller copy.';
      case 'unsafe-content': return d.detectedType === 'application/pdf'
        ? 'This PDF contains scripts, attached files or automatic actions and cannot be accepted. Please choose a plain scan of the document (PDF, JPEG or PNG).'
        : 'This SVG contains scripts or links to other sites and cannot be accepted. Please choose a PDF, JPEG or PNG instead.';
      case 'encrypted-pdf': return 'This PDF is password-protected, so our reviewers cannot open it. Please remove the password and choose it again.';
      case 'unreadable': return 'This file could not be read. It may have been moved or deleted: please choose it again.';
      case 'presign-failed':
        if (d.status === 401 || d.status === 403) return 'Your session has expired. Please sign in again, then retry.';
        if (d.status === 429) return 'Too many attempts. Please wait a minute, then try again.';
        if (d.status && d.status < 500) return 'The upload service refused this request. Please reload the page and try again.';
        if (d.timedOut) return 'The upload service did not answer in time. Please try again in a moment.';
        return 'The upload service is not reachable right now. Please try again in a moment.';
      case 'presign-invalid': return 'The upload service gave an unexpected answer. Please try again later.';
      case 'untrusted-destination': return 'The upload was stopped: the service asked to send your document to a place this page does not trust. Nothing was sent. Please contact support.';
      case 'form-expired': return 'The upload took too long and its authorisation expired. Please try again.';
      case 'storage-rejected': return 'The document storage refused this file. Please try again, or choose another file.';
      case 'storage-unavailable': return 'The document storage is not available right now. Please try again in a moment.';
      case 'network-error': return d.timedOut ? 'The upload stalled and was stopped. Check your connection and try again.' : 'The connection was lost. Check your connection and try again.';
      case 'preparation-failed': return 'This document could not be prepared on this device. Please try again; if it keeps failing, reload the page or choose a PDF.';
      case 'aborted': return 'The upload was cancelled.';
    }
  },
  documentSet: {
    label: 'Identity and address documents',
    kinds: { 'identity-proof': 'Proof of identity', 'address-proof': 'Proof of address' },
    subtypes: {
      passport: 'Passport',
      'id-card': 'Identity card',
      'driving-license': 'Driving licence',
      'residence-permit': 'Residence permit',
      'utility-bill': 'Utility bill',
      'bank-statement': 'Bank statement',
      'tax-notice': 'Tax notice',
    },
    sides: {
      passport: { front: 'The photo page of your passport', back: 'The back page of your passport' },
      'id-card': { front: 'Front of your identity card', back: 'Back of your identity card' },
      'driving-license': { front: 'Front of your driving licence', back: 'Back of your driving licence' },
      'residence-permit': { front: 'Front of your residence permit', back: 'Back of your residence permit' },
      'utility-bill': { front: 'Your utility bill', back: 'Back of your utility bill' },
      'bank-statement': { front: 'Your bank statement', back: 'Back of your bank statement' },
      'tax-notice': { front: 'Your tax notice', back: 'Back of your tax notice' },
    },
    otherSide: (label, side, twoSided) => (twoSided ? `${label}: ${side === 'front' ? 'front' : 'back'}` : label),
    whichDocument: 'Which document do you have?',
    progress: (done, total) => `${done} of ${total} ${total === 1 ? 'document' : 'documents'}`,
    complete: 'All your documents are uploaded.',
    required: 'Please upload every document asked for.',
    confirmChange: 'Change your document? What you already uploaded for it will be discarded.',
    keepChoice: 'Keep my upload',
    discardAndChange: 'Change and discard',
    submit: 'Submit documents',
    submitting: 'Sending your documents…',
    submitted: 'Your documents were sent for review.',
    submitFailed: (kind) =>
      kind === 'session' ? 'Your session has expired. Please sign in again, then submit.'
      : kind === 'refused' ? 'Your documents could not be accepted. Please reload the page and try again.'
      : 'Your documents could not be sent. Check your connection and try again.',
  },
};

import type { DocumentSetTranslation } from './translation.js';

/**
 * What `<kyc-document-set>` says in English, apart from `en` so that a page with uploads alone
 * does not download it; the set speaks it when a catalogue has no `documentSet` of its own.
 */
export const enDocumentSet: DocumentSetTranslation = {
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
  otherSide: { front: (label) => `${label}: front`, back: (label) => `${label}: back` },
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
  submitFailed: {
    session: 'Your session has expired. Please sign in again, then submit.',
    refused: 'Your documents could not be accepted. Please reload the page and try again.',
    unreachable: 'Your documents could not be sent. Check your connection and try again.',
  },
};

// What `<kyc-document-set>` adds for a host: the element, its events and its requirements.
export { KycDocumentSet } from './element/document-set/kyc-document-set.js';
export * from './element/document-set/events.js';
export {
  BUILT_IN_KINDS,
  BUILT_IN_SUBTYPES,
  type BuiltInKind,
  type BuiltInSubtype,
  type DocumentRequirement,
  type DocumentSubtypeOption,
  type LocalizedText,
} from './core/document-set/requirements.js';
export { DOCUMENT_SIDES } from './core/document-set/document-slot.js';
/** The set's English words, built in: a starting point for a host's own `documentSet`. */
export { enDocumentSet } from './element/translations/en-document-set.js';
export type { SetDocument, SetSlot } from './core/document-set/set-state.js';
export type { SubmitFailure } from './core/document-set/submit-set.js';

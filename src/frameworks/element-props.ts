// What both template typings (React JSX, Vue) say about the two elements: their settable
// properties, and (from the events files) their events by name.
import type { KycDocumentSet } from '../element/document-set/kyc-document-set.js';
import type { KycDocumentSetEventMap } from '../element/document-set/events.js';
import type { KycUploadEventMap } from '../element/events.js';
import type { KycUpload } from '../element/kyc-upload.js';
export type { KycUploadEventMap } from '../element/events.js';

export type KycUploadProperties = Partial<
  Pick<
    KycUpload,
    'endpoint' | 'documentType' | 'accept' | 'maxSize' | 'name' | 'credentials' | 'disabled' | 'required' | 'headers' | 'uploadOrigins' | 'timeouts' | 'uploader' | 'lang' | 'side' | 'kind' | 'subtype' | 'label'
  >
>;

export type KycDocumentSetProperties = Partial<
  Pick<
    KycDocumentSet,
    'endpoint' | 'identityProof' | 'addressProof' | 'requirements' | 'name' | 'submitEndpoint' | 'disabled' | 'required' | 'accept' | 'maxSize' | 'credentials' | 'uploadOrigins' | 'headers' | 'timeouts' | 'uploader' | 'lang'
  >
>;

/** The set's own events and, retargeted from its slots, every `kyc-upload-*` event. */
export interface KycDocumentSetAllEvents extends KycDocumentSetEventMap, KycUploadEventMap {}

// What both template typings (React JSX, Vue) say about <kyc-upload>: its settable properties,
// and (from events.ts) its events by name.
import type { KycUpload } from '../element/kyc-upload.js';
export type { KycUploadEventMap } from '../element/events.js';

export type KycUploadProperties = Partial<
  Pick<KycUpload, 'endpoint' | 'documentType' | 'accept' | 'maxSize' | 'name' | 'credentials' | 'disabled' | 'required' | 'headers' | 'uploadOrigins' | 'timeouts' | 'uploader' | 'lang'>
>;

// What both template typings (React JSX, Vue) say about <kyc-upload>: its settable properties
// and its events by name.
import type { KycUpload } from '../element/kyc-upload.js';
import type {
  KycUploadErrorEvent,
  KycUploadProgressEvent,
  KycUploadRejectEvent,
  KycUploadSelectEvent,
  KycUploadStartEvent,
  KycUploadSuccessEvent,
} from '../element/events.js';

export type KycUploadProperties = Partial<
  Pick<KycUpload, 'endpoint' | 'documentType' | 'accept' | 'maxSize' | 'name' | 'credentials' | 'disabled' | 'required' | 'headers' | 'uploadOrigins' | 'timeouts' | 'uploader' | 'lang'>
>;

export interface KycUploadEventMap {
  'kyc-upload-select': KycUploadSelectEvent;
  'kyc-upload-reject': KycUploadRejectEvent;
  'kyc-upload-start': KycUploadStartEvent;
  'kyc-upload-progress': KycUploadProgressEvent;
  'kyc-upload-success': KycUploadSuccessEvent;
  'kyc-upload-error': KycUploadErrorEvent;
}

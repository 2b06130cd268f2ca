// What `<kyc-upload>` alone needs a host to reach: the element, its events, languages, errors and
// types. The script tag for `<kyc-upload>` exposes exactly this; `index.ts` adds the set's.
export { KycUpload } from './element/kyc-upload.js';
export * from './element/events.js';
export type { DocumentSide, DocumentSlot } from './core/document-set/document-slot.js';
export type { Uploader } from './element/upload-controller.js';
export { registerTranslation } from './element/translations/registry.js';
/** The English catalogue, built in: a starting point for a host's own languages. */
export { en } from './element/translations/en.js';
export type { Translation, DocumentSetTranslation, CameraTranslation, ErrorSentences, FormattedDetails } from './element/translations/translation.js';
/** The sentences a catalogue holds under `errors`, one per case of each error code. */
export type { ErrorMessageKey } from './element/error-message.js';
export { ALLOWED_TYPES, DEFAULT_ACCEPT, DEFAULT_MAX_SIZE, type AllowedType } from './core/document-types.js';
export { UploadError, REJECT_CODES, FAILURE_CODES, type UploadErrorCode, type RejectCode, type FailureCode } from './core/errors.js';
export type { UploadControls, UploadResult, UploadSettings, UploadStage, UploadUpdate } from './core/pipeline.js';
export type { PresignRequest, PresignedForm, HeadersProvider } from './core/presign.js';
export { setAssetBase } from './core/assets.js';
export type { Transformation, PreparedFile } from './core/prepare/prepare.js';

// The side-effect-free entry: import `kyc-upload/define` (or call defineKycUpload) to register the tag.
export { KycUpload } from './element/kyc-upload.js';
export * from './element/events.js';
export type { Uploader } from './element/upload-controller.js';
export { registerTranslation } from './element/translations/registry.js';
/** The English catalogue, built in: a starting point for a host's own languages. */
export { en } from './element/translations/en.js';
export type { Translation } from './element/translations/translation.js';
export { ALLOWED_TYPES, DEFAULT_ACCEPT, DEFAULT_MAX_SIZE, type AllowedType } from './core/document-types.js';
export { UploadError, REJECT_CODES, FAILURE_CODES, type UploadErrorCode, type RejectCode, type FailureCode } from './core/errors.js';
export type { UploadOptions, UploadResult, UploadStage } from './core/pipeline.js';
export type { PresignRequest, PresignedForm, HeadersProvider } from './core/presign.js';
export { setAssetBase } from './core/assets.js';
export type { Transformation, PreparedFile } from './core/prepare/prepare.js';

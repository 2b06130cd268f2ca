// The side-effect-free entry: import `kyc-upload/define` (or `kyc-upload/define-document-set`) to
// register the tags.
export * from './upload-api.js';
export * from './document-set-api.js';

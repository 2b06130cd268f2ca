// `kyc-document-set.iife.js`, the <script src> build of `<kyc-document-set>` and the `<kyc-upload>`
// its slots are: everything bundled, both tags registered, the whole API on `window.KycUpload`.
import './script-tag-base.js';

// The package's API but English's failure sentences and camera words (index.ts), which load when needed.
export * from './upload-api.js';
export * from './document-set-api.js';
export { defineKycUpload, defineKycDocumentSet } from './define-document-set.js';

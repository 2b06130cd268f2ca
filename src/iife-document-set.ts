// `kyc-document-set.iife.js`, the <script src> build of `<kyc-document-set>` and the `<kyc-upload>`
// its slots are: everything bundled, both tags registered, the whole API on `window.KycUpload`.
import './script-tag-base.js';

export * from './index.js';
export { defineKycUpload, defineKycDocumentSet } from './define-document-set.js';

// `kyc-upload.iife.js`, the <script src> build of `<kyc-upload>` alone: everything bundled, the tag
// registered, the API on `window.KycUpload`. A page with `<kyc-document-set>` loads
// `kyc-document-set.iife.js` instead (iife-document-set.ts), which holds both.
import './script-tag-base.js';

export * from './upload-api.js';
export { defineKycUpload } from './define.js';

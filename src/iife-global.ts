// Types for the script-tag builds (`kyc-upload/kyc-upload.iife.js`, `kyc-upload/kyc-document-set.iife.js`):
// classic scripts that register their tags and put their API on `window.KycUpload`. Typed as the
// larger of the two: with `kyc-upload.iife.js` the set's names (`KycDocumentSet`,
// `defineKycDocumentSet`, `BUILT_IN_KINDS`…) are absent.
import type * as Api from './iife-document-set.js';

declare global {
  interface Window {
    KycUpload: typeof Api;
  }
}

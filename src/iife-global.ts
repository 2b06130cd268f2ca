// Types for the script-tag build (`kyc-upload/kyc-upload.iife.js`): a classic script that
// registers <kyc-upload> and puts its API on `window.KycUpload`.
import type * as Api from './iife.js';

declare global {
  interface Window {
    KycUpload: typeof Api;
  }
}

// The <script src> build: everything bundled, the tag registered, the API on `window.KycUpload`.
export * from './index.js';
export { defineKycUpload } from './define.js';

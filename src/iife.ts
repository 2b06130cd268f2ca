// The <script src> build: everything bundled, the tag registered, the API on `window.KycUpload`.
import { setAssetBase } from './core/assets.js';

// Files loaded later (the compressor's worker script) sit next to this script, wherever the host
// serves it from; `currentScript` is only set while the script first runs.
const script = document.currentScript as HTMLScriptElement | null;
if (script?.src) setAssetBase(new URL('./', script.src));

export * from './index.js';
export { defineKycUpload } from './define.js';

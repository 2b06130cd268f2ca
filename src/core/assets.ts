/**
 * Where the files the widget loads at run time live (the pipeline of the script-tag build, the
 * compressor's worker, the HEIC decoder): always the page's own origin, never a CDN. The
 * script-tag bundle sets this from its own URL; module builds default to the folder of the module
 * itself, where the build puts those files.
 */
// Kept on the global object: the script-tag build carries this module twice (in the script and in
// the pipeline it loads), and both must agree.
const BASE = Symbol.for('kyc-upload.asset-base');
const shared = globalThis as { [BASE]?: string };

export function setAssetBase(base: string | URL): void {
  shared[BASE] = new URL(base, document.baseURI).href;
}

/** An absolute URL, so it means the same wherever it is used (a worker, a dynamic import). */
export function assetUrl(name: string): string {
  // Read through a variable so bundlers leave it alone: this is a folder, not an asset to inline.
  const moduleUrl = import.meta.url;
  return new URL(name, shared[BASE] ?? new URL('./', moduleUrl)).href;
}

export const COMPRESSOR_WORKER = 'kyc-upload-compressor.js';
export const HEIC_DECODER_SCRIPT = 'heic-to.js';
/** libheif, split out of heic-to so that its worker comes from the page's origin. */
export const HEIC_DECODER_WORKER = 'heic-to-decoder.js';

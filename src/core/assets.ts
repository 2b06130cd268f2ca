/**
 * Where the files the widget loads at run time live (the image compressor's worker script, the
 * HEIC decoder): always
 * the page's own origin, never a CDN. The script-tag bundle sets this from its own URL; module
 * builds default to the folder of the module itself, where the build puts the script.
 */
let assetBase: URL | undefined;

export function setAssetBase(base: string | URL): void {
  assetBase = new URL(base, document.baseURI);
}

/** An absolute URL: relative ones do not resolve inside the `blob:` worker that loads it. */
export function assetUrl(name: string): string {
  // Read through a variable so bundlers leave it alone: this is a folder, not an asset to inline.
  const moduleUrl = import.meta.url;
  return new URL(name, assetBase ?? new URL('./', moduleUrl)).href;
}

export const COMPRESSOR_SCRIPT = 'browser-image-compression.js';
export const HEIC_DECODER_SCRIPT = 'heic-to.js';

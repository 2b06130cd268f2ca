// Build-time only (Vite config and the browser tests' server), never shipped.
//
// The files the widget loads by URL at run time, by the name it asks for them: the compressor's
// worker and the browser-image-compression build it `importScripts` (the library's default is a
// public CDN), and the 3 MB HEIC decoder, too big to bundle, split from heic-to so that its worker
// is a file of the page's origin. The build writes them next to the widget; the tests' server
// answers them where a built page would find them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { splitHeicTo } from './split-heic-to.mjs';

const require = createRequire(import.meta.url);
const read = (specifier) => readFileSync(require.resolve(specifier), 'utf8');

/** `{ fileName: source }` for every runtime file. */
export function runtimeAssetSources() {
  const heic = splitHeicTo(read('heic-to/csp'));
  return {
    'kyc-upload-compressor.js': read('../core/prepare/compressor.worker.js'),
    'browser-image-compression.js': read('browser-image-compression/dist/browser-image-compression.js'),
    'heic-to.js': heic.library,
    'heic-to-decoder.js': heic.worker,
  };
}

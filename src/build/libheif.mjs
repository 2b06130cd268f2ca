// Build-time only (Vite config and the browser tests' server), never shipped.
//
// The HEIC decoder: libheif 1.22 compiled to plain JavaScript (wasm2js; no WebAssembly, no eval, so
// a strict CSP needs no relaxation), the very file heic-to builds its `csp` decoder from. heic-to
// itself is not used: it decodes in a worker of its own, posts a copy of the pixels to the main
// thread, and encodes them there through a <canvas>. Our compressor's worker imports libheif
// instead (`importScripts`), decodes there, and encodes from the same pixels.
//
// The file is an ES module whose only export is its last line; a worker's `importScripts` takes a
// classic script, so that line is dropped and the factory stays a global (`buildLibheif`). That is
// the whole change made to libheif (LGPL-3.0), which is otherwise shipped as published.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const EXPORT = '\nexport default buildLibheif\n';

/** libheif as a classic script defining `buildLibheif`. */
export function libheifScript() {
  // heic-to's package exports only its builds; the library beside them is reached through one.
  const path = new URL('../../src/lib/libheif-without-unsafe-eval.js', `file://${require.resolve('heic-to/csp')}`);
  const source = readFileSync(path, 'utf8');
  if (!source.startsWith('// Build from libheif ') || !source.endsWith(EXPORT) || source.indexOf('export ') !== source.length - EXPORT.length + 1) {
    throw new Error('heic-to no longer ships libheif as expected: update src/build/libheif.mjs');
  }
  return source.slice(0, -EXPORT.length) + '\n';
}

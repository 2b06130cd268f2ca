// Build-time only (Vite config and the browser tests' server), never shipped.
//
// heic-to (its `csp` build) starts its libheif decoder as a worker made from a Blob URL, which a
// strict Content-Security-Policy (`worker-src 'self'`) and Trusted Types both refuse. Here the
// decoder's source is taken out into a file of its own, served next to the widget, and heic-to is
// changed in one place: it creates that worker from the URL the widget puts on the global object
// (src/core/prepare/heic.ts). heic-to is LGPL-3.0: this function is the whole modification, applied
// to the file of the npm package.
import { runInNewContext } from 'node:vm';

const START = "let r='";
const END = `',t=new Blob([r],{type:"application/javascript"});i=new Worker(URL.createObjectURL(t))`;
export const HEIC_DECODER_GLOBAL = 'kyc-upload.heic-decoder-worker';

/** `{ library, worker }`: heic-to without its embedded decoder, and the decoder as a worker script. */
export function splitHeicTo(source) {
  const start = source.indexOf(START);
  const end = source.indexOf(END, start);
  if (start === -1 || end === -1 || source.indexOf(END, end + 1) !== -1) {
    throw new Error('heic-to no longer embeds its decoder worker as expected: update src/build/split-heic-to.mjs');
  }
  // The decoder is one single-quoted string literal; evaluating the literal alone yields its text.
  const worker = runInNewContext(source.slice(start + START.length - 1, end + 1));
  const library = `${source.slice(0, start)}let r='',t=null;i=new Worker(globalThis[Symbol.for(${JSON.stringify(HEIC_DECODER_GLOBAL)})])${source.slice(end + END.length)}`;
  return { library, worker };
}

import { assetUrl, HEIC_DECODER_SCRIPT, HEIC_DECODER_WORKER, heicDecoderShipped } from '../assets.js';
import { workerUrl } from '../trusted-types.js';
import { UploadError, throwIfAborted } from '../errors.js';

type HeicTo = typeof import('heic-to/csp');

/**
 * HEIC/HEIF (iPhone photos) → JPEG with libheif compiled to plain JavaScript (heic-to, LGPL-3.0),
 * in its `csp` build: no WebAssembly and no eval, so no CSP relaxation of any kind. It is ~3 MB (750 kB gzip), so it is not bundled: it is
 * shipped as a file next to the widget and imported by URL only when a HEIC is chosen, from the
 * widget's own origin; its decoder runs in a worker file of that origin too. libheif applies the
 * image's rotation and mirror boxes itself.
 */
export async function heicToJpeg(file: File, signal?: AbortSignal): Promise<File> {
  throwIfAborted(signal);
  if (!heicDecoderShipped()) {
    throw new UploadError('type-not-allowed', 'This app was built without the HEIC decoder (kycUpload({ heic: false })).', {
      detectedType: file.type, reason: 'heic-not-included',
    });
  }
  // Where heic-to, as the build ships it, starts its decoder (see src/build/split-heic-to.mjs).
  (globalThis as Record<symbol, unknown>)[Symbol.for('kyc-upload.heic-decoder-worker')] = workerUrl(HEIC_DECODER_WORKER);
  const { heicTo } = (await import(/* @vite-ignore */ assetUrl(HEIC_DECODER_SCRIPT))) as HeicTo;
  let jpeg: Blob;
  try {
    jpeg = await heicTo({ blob: file, type: 'image/jpeg', quality: 0.92 });
  } catch (error) {
    throw new UploadError('damaged', 'The HEIC image cannot be decoded.', {}, { cause: error });
  }
  throwIfAborted(signal);
  return new File([jpeg], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' });
}

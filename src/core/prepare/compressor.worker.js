// The image compressor's worker, shipped as a file next to the widget so it loads from the page's
// own origin (CSP `worker-src 'self'` is enough; no blob: worker, no CDN).
//
// One message = one decode and one encode. browser-image-compression draws and encodes (its
// documented helpers: white background under JPEG, the browser's canvas-size cap, its PNG
// encoder); the decode is the platform's, because the library's own `imageCompression()` keeps a
// full-size bitmap alive, copies it into a full-size canvas before scaling, and re-reads the whole
// file for EXIF: on a 48 MP photo that is 1.8× the memory of decoding and scaling once. It also
// decodes through an <img> on Safari, which a worker does not have.
/* global imageCompression */
// A host that sends its page's CSP on every response (as Helmet does) governs this worker too:
// with `require-trusted-types-for 'script'`, importScripts takes only a TrustedScriptURL. The
// policy is the page's `kyc-upload` (this worker is another realm, so the name is free here) and
// makes one URL: the library next to this file.
const LIBRARY = new URL('browser-image-compression.js', self.location.href).href;
const policy = self.trustedTypes?.createPolicy('kyc-upload', {
  createScriptURL: (url) => {
    if (url !== LIBRARY) throw new TypeError(`kyc-upload creates no script URL for ${url}`);
    return url;
  },
});
importScripts(policy ? policy.createScriptURL(LIBRARY) : LIBRARY);

const { drawImageInCanvas, canvasToFile, cleanupCanvasMemory } = imageCompression;

self.addEventListener('message', async ({ data: { id, file, type, quality, maxLongEdge } }) => {
  let canvas;
  try {
    // Upright: createImageBitmap applies the EXIF orientation ('from-image' is the default).
    let bitmap = await createImageBitmap(file);
    const scale = maxLongEdge / Math.max(bitmap.width, bitmap.height);
    if (scale < 1) {
      const full = bitmap;
      const size = { resizeWidth: Math.max(1, Math.round(full.width * scale)), resizeHeight: Math.max(1, Math.round(full.height * scale)) };
      // Bilinear ('low') is exact enough while each output pixel covers under two source pixels
      // and costs a third of 'medium'; past a halving it would alias fine print, so mipmaps then.
      bitmap = await createImageBitmap(full, { ...size, resizeQuality: scale >= 0.5 ? 'low' : 'medium' });
      full.close();
    }
    self.postMessage({ id, progress: 50 });
    canvas = drawImageInCanvas(bitmap, type);
    bitmap.close();
    const { width, height } = canvas;
    const result = await canvasToFile(canvas, type, file.name, file.lastModified, quality);
    self.postMessage({ id, result, width, height });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  } finally {
    if (canvas) cleanupCanvasMemory(canvas);
  }
});

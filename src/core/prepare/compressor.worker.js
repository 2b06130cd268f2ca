// The image compressor's worker, shipped as a file next to the widget so it loads from the page's
// own origin (CSP `worker-src 'self'` is enough; no blob: worker, no CDN). It runs
// browser-image-compression in this thread, on OffscreenCanvas, so the page never blocks.
/* global imageCompression */
importScripts('browser-image-compression.js');

self.addEventListener('message', async ({ data: { id, file, options } }) => {
  try {
    const onProgress = (progress) => self.postMessage({ id, progress });
    const result = await imageCompression(file, { ...options, useWebWorker: false, onProgress });
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

// The bare baseline the pipeline's image preparation is compared with: what any page could do with
// no library at all. A dedicated worker (from a Blob URL, so there is nothing to fetch) decodes the
// file with createImageBitmap, draws it on an OffscreenCanvas and encodes it with convertToBlob.
// The caller passes the JPEG quality and the size our pipeline's last encode used, so both sides do
// the same encode work; the clock covers the worker's creation to the result being back on the
// page, as the pipeline's `kyc-upload:prepare` measure covers its own worker's.
import type { Page } from 'playwright';

export interface BaselineRequest {
  quality: number;
  /** Output size; the source's own when our pipeline kept the resolution. */
  width?: number;
  height?: number;
}

export interface BaselineResult {
  /** Page clock, like the pipeline's measures. */
  start: number;
  end: number;
  duration: number;
  size: number;
  width: number;
  height: number;
}

const WORKER_SOURCE = `
self.onmessage = async ({ data: { file, quality, width, height } }) => {
  try {
    const bitmap = await createImageBitmap(file);
    const canvas = new OffscreenCanvas(width ?? bitmap.width, height ?? bitmap.height);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    self.postMessage({ blob, width: canvas.width, height: canvas.height });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};`;

/** Encodes `window.__bench.file` (see loadFileIntoPage) in a fresh worker of the page. */
export function runBaseline(page: Page, request: BaselineRequest): Promise<BaselineResult> {
  return page.evaluate(async ({ source, quality, width, height }) => {
    const file = window.__bench.file;
    if (!file) throw new Error('no file loaded into the page');
    const start = performance.now();
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    try {
      const data = await new Promise<{ blob?: Blob; width: number; height: number; error?: string }>((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage({ file, quality, width, height });
      });
      const end = performance.now();
      if (!data.blob) throw new Error(`baseline worker: ${data.error}`);
      return { start, end, duration: end - start, size: data.blob.size, width: data.width, height: data.height };
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  }, { source: WORKER_SOURCE, ...request });
}

/**
 * The bare HEIC baseline: heic-to as any page would use it (its `csp` build, as published, with
 * its decoder in a Blob-URL worker), asked for a bitmap, then one OffscreenCanvas encode at the
 * quality and size of our last encode: one decode and one encode, nothing else. The clock covers
 * the module's import (heic-to starts its worker on the first call) to the JPEG, as our measure
 * covers the loading of our worker and its decoder. heic-to makes the bitmap on the main thread,
 * from pixels its worker posts there, and this encode runs there too: its long tasks are its own.
 */
export function runHeicBaseline(page: Page, request: BaselineRequest, heicToSource: string): Promise<BaselineResult> {
  return page.evaluate(async ({ source, quality, width, height }) => {
    const file = window.__bench.file;
    if (!file) throw new Error('no file loaded into the page');
    // A module of its own per run (the page is fresh anyway): its worker is started by this run.
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    try {
      const start = performance.now();
      const { heicTo } = (await import(url)) as { heicTo: (args: { blob: Blob; type: 'bitmap' }) => Promise<ImageBitmap> };
      const bitmap = await heicTo({ blob: file, type: 'bitmap' });
      const canvas = new OffscreenCanvas(width ?? bitmap.width, height ?? bitmap.height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      const end = performance.now();
      return { start, end, duration: end - start, size: blob.size, width: canvas.width, height: canvas.height };
    } finally {
      URL.revokeObjectURL(url);
    }
  }, { source: heicToSource, ...request });
}

import { UploadError, type UploadErrorCode } from '../src/core/errors.js';
import type { Uploader } from '../src/element/upload-controller.js';

/** A small real-looking file for stories: the stubs never read it. */
export const sampleFile = (size = 1_234_567) => new File([new Uint8Array(size)], 'passport-photo-page.pdf', { type: 'application/pdf' });

/** Reaches `percent` and stays there, as a slow upload would, until cancelled. */
export const stalledAt =
  (percent: number): Uploader =>
  (file, options) =>
    new Promise((_resolve, reject) => {
      options.onStage?.('uploading');
      options.onStart?.('3f0c9a52-story');
      options.onProgress?.(Math.round((file.size * percent) / 100), file.size);
      options.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
    });

export const succeeding: Uploader = async (file, options) => {
  options.onStart?.('3f0c9a52-story');
  options.onProgress?.(file.size, file.size);
  return { documentId: '3f0c9a52-story', file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] };
};

export const failingWith =
  (code: UploadErrorCode, details: UploadError['details'] = {}): Uploader =>
  async () => {
    throw new UploadError(code, code, details);
  };

/** Stays in preparation at `percent`, as a large photo being compressed would. */
export const preparingAt =
  (percent: number): Uploader =>
  (_file, options) =>
    new Promise((_resolve, reject) => {
      options.onStage?.('preparing');
      options.onPrepareProgress?.(percent / 100);
      options.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
    });

/** Uploading a two-page PDF: the element shows the page count next to the size. */
export const uploadingPdf: Uploader = (file, options) =>
  new Promise((_resolve, reject) => {
    options.onPrepared?.({ file, type: 'application/pdf', transformations: [], pageCount: 2 });
    options.onStage?.('uploading');
    options.onStart?.('3f0c9a52-story');
    options.onProgress?.(Math.round(file.size * 0.7), file.size);
    options.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
  });

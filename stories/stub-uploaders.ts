import { UploadError, type UploadErrorCode } from '../src/core/errors.js';
import type { RetryNotice } from '../src/core/retry.js';
import type { Uploader } from '../src/element/upload-controller.js';

// Stub uploaders: each drives the element into one visible state and stays there, with no backend,
// no network and no real file inspection. Everything here is fixed (names, sizes, dates, ids) so
// that a story renders the same pixels every time: the story tests compare screenshots.

export const STORY_DOCUMENT_ID = '3f0c9a52-story';

/** A fixed date, so no file carries "now". */
const LAST_MODIFIED = Date.UTC(2024, 0, 15, 9, 30);

/** A file of `size` zero bytes: the stubs never read it, the element only shows its name and size. */
export const sampleFile = (size = 1_234_567, name = 'passport-photo-page.pdf', type = 'application/pdf') =>
  new File([new Uint8Array(size)], name, { type, lastModified: LAST_MODIFIED });

/** A phone photo as chosen (HEIC, 3.1 MB). */
export const photoFile = () => sampleFile(3_145_728, 'IMG_4032.HEIC', 'image/heic');

/** A drawing of an ID card: a preview the browser can show, the same pixels on every run (no text, no fonts). */
const ID_CARD_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="428" height="270" viewBox="0 0 428 270">
  <rect width="428" height="270" rx="18" fill="#e0e7ff"/>
  <rect x="0" y="0" width="428" height="54" rx="18" fill="#3730a3"/>
  <rect x="0" y="36" width="428" height="18" fill="#3730a3"/>
  <rect x="28" y="80" width="110" height="140" rx="8" fill="#a5b4fc"/>
  <circle cx="83" cy="130" r="28" fill="#eef2ff"/>
  <rect x="46" y="168" width="74" height="40" rx="20" fill="#eef2ff"/>
  <rect x="164" y="88" width="200" height="14" rx="7" fill="#6366f1"/>
  <rect x="164" y="118" width="150" height="12" rx="6" fill="#818cf8"/>
  <rect x="164" y="146" width="176" height="12" rx="6" fill="#818cf8"/>
  <rect x="164" y="174" width="120" height="12" rx="6" fill="#818cf8"/>
  <rect x="28" y="236" width="372" height="10" rx="5" fill="#c7d2fe"/>
</svg>`;

/** The photo as it will be sent, after preparation: shown as the element's thumbnail. */
export const preparedPhoto = () => new File([ID_CARD_SVG], 'IMG_4032.jpg', { type: 'image/svg+xml', lastModified: LAST_MODIFIED });

/** A cancel ends the run with `aborted`, naming the document once a form was used, as the pipeline does. */
const cancelOn = (signal: AbortSignal | undefined, reject: (reason: unknown) => void, documentId?: string) =>
  signal?.addEventListener('abort', () => {
    const error = new UploadError('aborted', 'cancelled');
    if (documentId) error.documentId = documentId;
    reject(error);
  });

/** Stays on "Checking the file…", the indeterminate step before anything is measured. */
export const inspecting: Uploader = (_file, _settings, controls) =>
  new Promise((_resolve, reject) => {
    controls.onUpdate?.({ type: 'stage', stage: 'inspecting' });
    cancelOn(controls.signal, reject);
  });

/** Stays in preparation at `percent`, as a large photo being compressed would. */
export const preparingAt =
  (percent: number): Uploader =>
  (_file, _settings, controls) =>
    new Promise((_resolve, reject) => {
      controls.onUpdate?.({ type: 'stage', stage: 'preparing' });
      controls.onUpdate?.({ type: 'preparing', fraction: percent / 100 });
      cancelOn(controls.signal, reject);
    });

/** Reaches `percent` and stays there, as a slow upload would, until cancelled. */
export const stalledAt =
  (percent: number): Uploader =>
  (file, _settings, controls) =>
    new Promise((_resolve, reject) => {
      controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: STORY_DOCUMENT_ID });
      controls.onUpdate?.({ type: 'progress', loaded: Math.round((file.size * percent) / 100), total: file.size });
      cancelOn(controls.signal, reject, STORY_DOCUMENT_ID);
    });

/** Uploading a two-page PDF at 70 %: the element shows the page count next to the size. */
export const uploadingPdf: Uploader = (file, _settings, controls) =>
  new Promise((_resolve, reject) => {
    controls.onUpdate?.({ type: 'prepared', prepared: { file, type: 'application/pdf', transformations: [], pageCount: 2 } });
    controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: STORY_DOCUMENT_ID });
    controls.onUpdate?.({ type: 'progress', loaded: Math.round(file.size * 0.7), total: file.size });
    cancelOn(controls.signal, reject, STORY_DOCUMENT_ID);
  });

/** A photo converted and cleaned, uploading at `percent` with its thumbnail. */
export const uploadingPhotoAt =
  (percent: number): Uploader =>
  (_file, _settings, controls) =>
    new Promise((_resolve, reject) => {
      const prepared = preparedPhoto();
      controls.onUpdate?.({ type: 'prepared', prepared: { file: prepared, type: 'image/svg+xml', transformations: ['heic-to-jpeg', 'metadata-stripped'], width: 428, height: 270 } });
      controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: STORY_DOCUMENT_ID });
      controls.onUpdate?.({ type: 'progress', loaded: Math.round((prepared.size * percent) / 100), total: prepared.size });
      cancelOn(controls.signal, reject, STORY_DOCUMENT_ID);
    });

/** A try failed and the next one is scheduled (or waits for the network to come back). */
export const retrying =
  (notice: Pick<RetryNotice, 'delayMs' | 'waitingForNetwork'>): Uploader =>
  (file, _settings, controls) =>
    new Promise((_resolve, reject) => {
      controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: STORY_DOCUMENT_ID });
      controls.onUpdate?.({ type: 'progress', loaded: Math.round(file.size * 0.4), total: file.size });
      controls.onUpdate?.({ type: 'retrying', notice: { attempt: 1, ...notice, error: new UploadError('network-error', 'stub: connection lost') } });
      cancelOn(controls.signal, reject, STORY_DOCUMENT_ID);
    });

export const succeeding: Uploader = async (file, _settings, controls) => {
  controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: STORY_DOCUMENT_ID });
  controls.onUpdate?.({ type: 'progress', loaded: file.size, total: file.size });
  return { documentId: STORY_DOCUMENT_ID, file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] };
};

/** A HEIC photo stored as a cleaned JPEG, with its thumbnail. */
export const succeedingWithPhoto: Uploader = async (file, _settings, controls) => {
  const prepared = preparedPhoto();
  controls.onUpdate?.({ type: 'prepared', prepared: { file: prepared, type: 'image/svg+xml', transformations: ['heic-to-jpeg', 'metadata-stripped'], width: 428, height: 270 } });
  controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: STORY_DOCUMENT_ID });
  controls.onUpdate?.({ type: 'progress', loaded: prepared.size, total: prepared.size });
  return {
    documentId: STORY_DOCUMENT_ID,
    file: { name: prepared.name, type: 'image/jpeg', size: 612_345 },
    originalSize: file.size,
    transformations: ['heic-to-jpeg', 'metadata-stripped'],
    supersededDocumentIds: [],
  };
};

/** Fails at once with `code`, as the real pipeline would after its checks or its requests. */
export const failingWith =
  (code: UploadErrorCode, details: UploadError['details'] = {}): Uploader =>
  async () => {
    throw new UploadError(code, `stub: ${code}`, details);
  };

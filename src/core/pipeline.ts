import { type AllowedType, DEFAULT_ACCEPT, DEFAULT_MAX_SIZE } from './document-types.js';
import { deliver } from './deliver.js';
import { nextTask } from './next-task.js';
import { UploadError, throwIfAborted, toUploadError } from './errors.js';
import { inspectFile } from './inspect.js';
import { type PreparedFile, type Transformation, prepareFile, warmUpChecks } from './prepare/prepare.js';
import { type HeadersProvider, type PresignedForm, requestPresignedForm } from './presign.js';
import type { RetryNotice } from './retry.js';
import { postToStorage } from './transport.js';
import type { DocumentSlot } from './document-set/document-slot.js';
import type { QualityReport } from './quality/quality-report.js';
import { prestartChecks as prestartQualityChecks } from './quality/checks-worker.js';
import { prestartCompressor } from './prepare/image-worker.js';
import { retakeIssue } from './quality/retake.js';

export type UploadStage = 'inspecting' | 'preparing' | 'requesting-form' | 'uploading';

/** What to upload where, and the rules: the element's attributes, in one object. */
export interface UploadSettings {
  endpoint: string;
  documentType?: number | string;
  /** The piece of a document set this file is; sent with the presign request. */
  slot?: DocumentSlot;
  accept?: readonly AllowedType[];
  maxSize?: number;
  credentials?: RequestCredentials;
  headers?: HeadersProvider;
  /** Origins the file may be sent to (the presigned form's action); any https origin when empty. */
  uploadOrigins?: readonly string[];
  /** The backend call's deadline, and how long storage may stay silent mid-upload. */
  timeouts?: { presignMs?: number; stallMs?: number };
  /** Check photos for blur, glare, exposure, size and a whole document (on by default): advice, never a refusal… */
  qualityChecks?: boolean;
  /**
   * …unless this is set: a photo whose checks found what taking it again fixes (`retakeIssue`) is
   * then refused as `poor-photo`, before any form is asked for. For a photo the person chose; the
   * in-page camera judges its shots itself, and a photo the person decided to send goes without it.
   */
  retakePoorPhotos?: boolean;
}

/** What happens during an upload, in order; one tagged type so a caller handles it in one `switch`. */
export type UploadUpdate =
  | { type: 'stage'; stage: Exclude<UploadStage, 'uploading'> }
  /** The form is ready and bytes are about to leave: the documentId is known from here on. */
  | { type: 'stage'; stage: 'uploading'; documentId: string }
  /** Conversion and compression progress, 0..1. */
  | { type: 'preparing'; fraction: number }
  /** The file as it will be sent, before any request: for a preview. */
  | { type: 'prepared'; prepared: PreparedFile }
  | { type: 'progress'; loaded: number; total: number }
  /** A try failed and another is coming (after a wait, or when the device is back online). */
  | { type: 'retrying'; notice: RetryNotice };

/** How the caller steers and follows one upload. */
export interface UploadControls {
  signal?: AbortSignal;
  onUpdate?: (update: UploadUpdate) => void;
}

export interface UploadResult {
  documentId: string;
  /** The file as stored (after conversion and compression). */
  file: { name: string; type: string; size: number };
  /** The size of the file the user chose. */
  originalSize: number;
  /** What preparation did, in order: `heic-to-jpeg`, `oriented`, `metadata-stripped`, `compressed`… */
  transformations: Transformation[];
  /**
   * Documents created for this file whose forms expired before the file went through: nothing
   * was stored under them, but the provider holds them as pending; the host may delete them.
   */
  supersededDocumentIds: string[];
  /**
   * What the photo's on-device checks found, when it is a photo they could check. Advisory: sent
   * with the presign request too, for the host to route a doubtful document to a closer review.
   */
  quality?: QualityReport;
}

/**
 * Each step is a User Timing measure (`kyc-upload:inspect`, `:prepare`, `:presign`, `:post`), so a
 * host's RUM tooling and our benchmark see where the time goes without any extra code. Each step
 * ends the task it finished in: what follows it (the view's update, the next step's start) runs
 * in tasks of its own. A cancel that lands between them is seen before the next update, never
 * thrown here: a presign that issued a form must return it, for the failure to name its document.
 */
async function measured<T>(step: string, work: () => Promise<T>, detail?: (result: T) => unknown): Promise<T> {
  const start = performance.now();
  const result = await work();
  performance.measure(`kyc-upload:${step}`, { start, end: performance.now(), ...(detail ? { detail: detail(result) } : {}) });
  await nextTask();
  return result;
}

/**
 * Fetches what the first file will need (type detection, header parsing, the checks of each type
 * the element accepts) while the person is still choosing it. Failures are ignored here: they
 * surface, with a message, when the file is handled.
 */
export function warmUp(accept: readonly AllowedType[] = DEFAULT_ACCEPT): void {
  void import('file-type').catch(() => {});
  void import('image-size').catch(() => {});
  warmUpChecks(accept);
  // A photo's encode and its quality checks run in workers of their own, side by side: booted now.
  if (accept.some((type) => type === 'image/jpeg' || type === 'image/png')) {
    prestartCompressor();
    prestartQualityChecks();
  }
}

/**
 * The whole upload, in the order of the design: inspect → prepare → presign → post. Presigning
 * waits until the file is ready, because each presign creates a pre-review document on the
 * provider's side. Every step honours `signal`.
 */
export async function uploadDocument(file: File, settings: UploadSettings, controls: UploadControls = {}): Promise<UploadResult> {
  const { signal } = controls;
  const update = controls.onUpdate ?? (() => {});
  try {
    update({ type: 'stage', stage: 'inspecting' });
    const maxSize = settings.maxSize ?? DEFAULT_MAX_SIZE;
    const inspected = await measured('inspect', () => inspectFile(file, { accept: settings.accept ?? DEFAULT_ACCEPT, maxSize, signal }));

    const checkQuality = settings.qualityChecks !== false;
    let quality: QualityReport | undefined;
    const prepare = async (limit: number) => {
      throwIfAborted(signal);
      update({ type: 'stage', stage: 'preparing' });
      const prepared = await measured(
        'prepare',
        () =>
          prepareFile(inspected.file, inspected.type, {
            maxSize: limit,
            ...(checkQuality && !quality ? { assess: { subtype: settings.slot?.subtype } } : {}),
            ...(signal ? { signal } : {}),
            onProgress: (fraction) => update({ type: 'preparing', fraction }),
          }),
        ({ transformations, encoding, file: ready }) => ({ transformations, encoding, size: ready.size }),
      );
      throwIfAborted(signal);
      update({ type: 'prepared', prepared });
      // The preview renders in a task of its own, before the presign request starts.
      await nextTask();
      // A second preparation (to a tighter policy) is of the same photo: its first report stands.
      quality ??= prepared.quality;
      return prepared;
    };
    let prepared = await prepare(maxSize);
    const photoIssue = settings.retakePoorPhotos && quality ? retakeIssue(quality) : undefined;
    if (photoIssue && quality) throw new UploadError('poor-photo', `The photo's checks found: ${quality.issues.join(', ')}.`, { photoIssue, quality });

    const delivery = await deliver({
      ...(signal ? { signal } : {}),
      onRetry: (notice) => update({ type: 'retrying', notice }),
      requestForm: () => {
        throwIfAborted(signal);
        update({ type: 'stage', stage: 'requesting-form' });
        const request = {
          ...settings.slot,
          documentType: settings.documentType,
          fileName: file.name,
          contentType: prepared.type,
          size: prepared.file.size,
          ...(quality ? { quality } : {}),
        };
        const presignMs = settings.timeouts?.presignMs;
        return measured('presign', () => requestPresignedForm(request, { ...settings, ...(signal ? { signal } : {}), ...(presignMs ? { timeoutMs: presignMs } : {}) }));
      },
      readyFor: async (form) => {
        // The signed policy is the authority: an image is made to fit a tighter range once more.
        const policyMax = form.policy?.maxSize;
        if (policyMax !== undefined && prepared.file.size > policyMax && isImage(prepared.type)) prepared = await prepare(policyMax);
        checkAgainstPolicy(form, prepared.file.size);
        // Cancelled while the form came: no start is announced; the failure names the document.
        throwIfAborted(signal);
        update({ type: 'stage', stage: 'uploading', documentId: form.documentId });
        // The upload's view renders in a task of its own, before the POST's body is built and sent.
        await nextTask();
      },
      post: (form) =>
        measured('post', () =>
          postToStorage(form, prepared.file, {
            contentType: prepared.type,
            fileName: prepared.file.name,
            ...(signal ? { signal } : {}),
            onProgress: (loaded, total) => update({ type: 'progress', loaded, total }),
            ...(settings.timeouts?.stallMs ? { stallTimeoutMs: settings.timeouts.stallMs } : {}),
          }),
        ),
    });
    const stored = prepared.file;
    return {
      documentId: delivery.documentId,
      file: { name: stored.name, type: prepared.type, size: stored.size },
      originalSize: file.size,
      transformations: prepared.transformations,
      supersededDocumentIds: delivery.supersededDocumentIds,
      ...(quality ? { quality } : {}),
    };
  } catch (error) {
    throw toUploadError(error);
  }
}

const isImage = (type: string) => type === 'image/jpeg' || type === 'image/png';

/** Refuse before sending bytes that storage would refuse. */
function checkAgainstPolicy(form: PresignedForm, size: number): void {
  const { minSize, maxSize } = form.policy ?? {};
  if (maxSize !== undefined && size > maxSize) {
    throw new UploadError('too-large', `The file is ${size} bytes; the form allows ${maxSize}.`, { size, maxSize });
  }
  if (minSize !== undefined && size < minSize) {
    throw new UploadError('empty', `The file is ${size} bytes; the form needs ${minSize}.`, { size });
  }
}

import { type AllowedType, DEFAULT_ACCEPT, DEFAULT_MAX_SIZE } from './document-types.js';
import { deliver } from './deliver.js';
import { UploadError, toUploadError } from './errors.js';
import { inspectFile } from './inspect.js';
import { type PreparedFile, type Transformation, prepareFile, warmUpChecks } from './prepare/prepare.js';
import { type HeadersProvider, type PresignedForm, requestPresignedForm } from './presign.js';
import type { RetryNotice } from './retry.js';
import type { RetryPolicy } from './retry-policy.js';
import { postToStorage } from './transport.js';
import type { DocumentSlot } from './document-set/document-slot.js';

export type UploadStage = 'inspecting' | 'preparing' | 'requesting-form' | 'uploading';

export interface UploadOptions {
  endpoint: string;
  documentType?: number | string;
  /** The piece of a document set this file is; sent with the presign request. */
  slot?: DocumentSlot;
  accept?: readonly AllowedType[];
  maxSize?: number;
  credentials?: RequestCredentials;
  headers?: HeadersProvider;
  signal?: AbortSignal;
  onStage?: (stage: UploadStage) => void;
  /** Conversion and compression progress, 0..1. */
  onPrepareProgress?: (fraction: number) => void;
  /** The file as it will be sent, before any request: for a preview. */
  onPrepared?: (prepared: PreparedFile) => void;
  /** The form is ready and bytes are about to leave: the documentId is known from here on. */
  onStart?: (documentId: string) => void;
  onProgress?: (loaded: number, total: number) => void;
  /** A try failed and another is coming (after a wait, or when the device is back online). */
  onRetry?: (notice: RetryNotice) => void;
  /** Origins the file may be sent to (the presigned form's action); any https origin when empty. */
  uploadOrigins?: readonly string[];
  /** The backend call's deadline, and how long storage may stay silent mid-upload. */
  timeouts?: { presignMs?: number; stallMs?: number };
  retryPolicy?: RetryPolicy;
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
}

/**
 * Each step is a User Timing measure (`kyc-upload:inspect`, `:prepare`, `:presign`, `:post`), so a
 * host's RUM tooling and our benchmark see where the time goes without any extra code.
 */
async function measured<T>(step: string, work: () => Promise<T>, detail?: (result: T) => unknown): Promise<T> {
  const start = performance.now();
  const result = await work();
  performance.measure(`kyc-upload:${step}`, { start, end: performance.now(), ...(detail ? { detail: detail(result) } : {}) });
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
}

/**
 * The whole upload, in the order of the design: inspect → prepare → presign → post. Presigning
 * waits until the file is ready, because each presign creates a pre-review document on the
 * provider's side. Every step honours `signal`.
 */
export async function uploadDocument(file: File, options: UploadOptions): Promise<UploadResult> {
  const { signal } = options;
  try {
    options.onStage?.('inspecting');
    const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
    const inspected = await measured('inspect', () => inspectFile(file, { accept: options.accept ?? DEFAULT_ACCEPT, maxSize, signal }));

    const prepare = async (limit: number) => {
      options.onStage?.('preparing');
      const prepared = await measured(
        'prepare',
        () =>
          prepareFile(inspected.file, inspected.type, {
            maxSize: limit,
            ...(signal ? { signal } : {}),
            ...(options.onPrepareProgress ? { onProgress: options.onPrepareProgress } : {}),
          }),
        ({ transformations, encoding, file: ready }) => ({ transformations, encoding, size: ready.size }),
      );
      options.onPrepared?.(prepared);
      return prepared;
    };
    let prepared = await prepare(maxSize);

    const delivery = await deliver({
      ...(signal ? { signal } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      ...(options.retryPolicy ? { policy: options.retryPolicy } : {}),
      requestForm: () => {
        options.onStage?.('requesting-form');
        const request = { ...options.slot, documentType: options.documentType, fileName: file.name, contentType: prepared.type, size: prepared.file.size };
        const presignOptions = { ...options, ...(options.timeouts?.presignMs ? { timeoutMs: options.timeouts.presignMs } : {}) };
        return measured('presign', () => requestPresignedForm(request, presignOptions));
      },
      readyFor: async (form) => {
        // The signed policy is the authority: an image is made to fit a tighter range once more.
        const policyMax = form.policy?.maxSize;
        if (policyMax !== undefined && prepared.file.size > policyMax && isImage(prepared.type)) prepared = await prepare(policyMax);
        checkAgainstPolicy(form, prepared.file.size);
        options.onStage?.('uploading');
        options.onStart?.(form.documentId);
      },
      post: (form) =>
        measured('post', () =>
          postToStorage(form, prepared.file, {
            contentType: prepared.type,
            fileName: prepared.file.name,
            ...(signal ? { signal } : {}),
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            ...(options.timeouts?.stallMs ? { stallTimeoutMs: options.timeouts.stallMs } : {}),
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

import { type AllowedType, DEFAULT_MAX_SIZE, ALLOWED_TYPES } from './document-types.js';
import { UploadError, throwIfAborted, toUploadError } from './errors.js';
import { inspectFile } from './inspect.js';
import { type PreparedFile, type Transformation, prepareFile } from './prepare/prepare.js';
import { type HeadersProvider, type PresignedForm, requestPresignedForm } from './presign.js';
import { postToStorage } from './transport.js';

export type UploadStage = 'inspecting' | 'preparing' | 'requesting-form' | 'uploading';

export interface UploadOptions {
  endpoint: string;
  documentType?: number | string;
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
}

export interface UploadResult {
  documentId: string;
  /** The file as stored (after conversion and compression). */
  file: { name: string; type: string; size: number };
  /** The size of the file the user chose. */
  originalSize: number;
  /** What preparation did, in order: `heic-to-jpeg`, `oriented`, `metadata-stripped`, `compressed`… */
  transformations: Transformation[];
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
 * Fetches what the first file will need (type detection, header parsing) while the person is still
 * choosing it. Failures are ignored here: they surface, with a message, when the file is handled.
 */
export function warmUp(): void {
  void import('file-type').catch(() => {});
  void import('image-size').catch(() => {});
}

/** A form is not used in its last seconds: our clock and storage's may disagree a little. */
const EXPIRY_MARGIN_MS = 10_000;

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
    const inspected = await measured('inspect', () => inspectFile(file, { accept: options.accept ?? ALLOWED_TYPES, maxSize, signal }));

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

    const presign = () => {
      options.onStage?.('requesting-form');
      const { file: ready } = prepared;
      return measured('presign', () =>
        requestPresignedForm({ documentType: options.documentType, fileName: file.name, contentType: prepared.type, size: ready.size }, options),
      );
    };
    const post = async (form: PresignedForm) => {
      // The signed policy is the authority: an image is made to fit a tighter range once more.
      const policyMax = form.policy?.maxSize;
      if (policyMax !== undefined && prepared.file.size > policyMax && isImage(prepared.type)) prepared = await prepare(policyMax);
      checkAgainstPolicy(form, prepared.file.size);
      if (Date.now() > form.expiresAt - EXPIRY_MARGIN_MS) {
        throw withDocument(new UploadError('form-expired', 'The upload form expired before it was used.'), form);
      }
      options.onStage?.('uploading');
      options.onStart?.(form.documentId);
      try {
        const { file: ready, type } = prepared;
        await measured('post', () => postToStorage(form, ready, { contentType: type, fileName: ready.name, signal, onProgress: options.onProgress }));
      } catch (error) {
        throw withDocument(toUploadError(error), form);
      }
      return form;
    };

    let form = await presign();
    try {
      form = await post(form);
    } catch (error) {
      // An expired form is not the user's fault: ask for a fresh one, once, and send again.
      if (!(error instanceof UploadError) || error.code !== 'form-expired') throw error;
      throwIfAborted(signal);
      form = await post(await presign());
    }
    const stored = prepared.file;
    return {
      documentId: form.documentId,
      file: { name: stored.name, type: prepared.type, size: stored.size },
      originalSize: file.size,
      transformations: prepared.transformations,
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
    throw withDocument(new UploadError('too-large', `The file is ${size} bytes; the form allows ${maxSize}.`, { size, maxSize }), form);
  }
  if (minSize !== undefined && size < minSize) {
    throw withDocument(new UploadError('empty', `The file is ${size} bytes; the form needs ${minSize}.`, { size }), form);
  }
}

function withDocument(error: UploadError, form: PresignedForm): UploadError {
  error.documentId ??= form.documentId;
  return error;
}

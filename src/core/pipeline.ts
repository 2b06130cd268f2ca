import { type AllowedType, DEFAULT_MAX_SIZE, ALLOWED_TYPES } from './document-types.js';
import { UploadError, throwIfAborted, toUploadError } from './errors.js';
import { inspectFile } from './inspect.js';
import { type HeadersProvider, type PresignedForm, requestPresignedForm } from './presign.js';
import { postToStorage } from './transport.js';

export type UploadStage = 'inspecting' | 'requesting-form' | 'uploading';

export interface UploadOptions {
  endpoint: string;
  documentType?: number | string;
  accept?: readonly AllowedType[];
  maxSize?: number;
  credentials?: RequestCredentials;
  headers?: HeadersProvider;
  signal?: AbortSignal;
  onStage?: (stage: UploadStage) => void;
  /** The form is ready and bytes are about to leave: the documentId is known from here on. */
  onStart?: (documentId: string) => void;
  onProgress?: (loaded: number, total: number) => void;
}

export interface UploadResult {
  documentId: string;
  file: { name: string; type: string; size: number };
  originalSize: number;
}

/** A form is not used in its last seconds: our clock and storage's may disagree a little. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * The whole upload, in the order of the design: inspect → presign → post. Presigning waits until
 * the file is known to be acceptable, because each presign creates a pre-review document on the
 * provider's side. Every step honours `signal`.
 */
export async function uploadDocument(file: File, options: UploadOptions): Promise<UploadResult> {
  const { signal } = options;
  try {
    options.onStage?.('inspecting');
    const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
    const inspected = await inspectFile(file, { accept: options.accept ?? ALLOWED_TYPES, maxSize, signal });

    const presign = () => {
      options.onStage?.('requesting-form');
      return requestPresignedForm(
        { documentType: options.documentType, fileName: file.name, contentType: inspected.type, size: inspected.size },
        options,
      );
    };
    const post = async (form: PresignedForm) => {
      checkAgainstPolicy(form, inspected.size);
      if (Date.now() > form.expiresAt - EXPIRY_MARGIN_MS) {
        throw withDocument(new UploadError('form-expired', 'The upload form expired before it was used.'), form);
      }
      options.onStage?.('uploading');
      options.onStart?.(form.documentId);
      try {
        await postToStorage(form, inspected.file, { contentType: inspected.type, fileName: file.name, signal, onProgress: options.onProgress });
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
    return {
      documentId: form.documentId,
      file: { name: file.name, type: inspected.type, size: inspected.size },
      originalSize: file.size,
    };
  } catch (error) {
    throw toUploadError(error);
  }
}

/** The signed policy is the authority on size: refuse before sending bytes that storage would refuse. */
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

import { UploadError, cancelled } from './errors.js';
import { type PresignedForm } from './presign.js';
import { fieldName, policyAllowsType } from './post-policy.js';
import { storageError } from './storage-error.js';

export interface PostOptions {
  /** The real type of the file, declared to storage when the form lets the browser choose it. */
  contentType: string;
  fileName: string;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number) => void;
  /** No progress (or no answer after the last byte) for this long: the connection is dead. */
  stallTimeoutMs?: number;
}

/**
 * A phone going through a tunnel keeps its sockets open while nothing moves. A whole-request
 * timeout would fail slow but healthy uploads; a silence timeout fails only stuck ones.
 */
export const STALL_TIMEOUT_MS = 30_000;

/**
 * Builds the multipart body S3 expects: every signed field in the order given, then `file` last
 * (S3 ignores fields that follow the file, so a field after it would silently go unsigned).
 */
export function buildFormData(form: PresignedForm, file: Blob, options: Pick<PostOptions, 'contentType' | 'fileName'>): FormData {
  const fields = { ...form.fields };
  const typeField = fieldName(fields, 'Content-Type');
  if (typeField !== undefined) {
    const signed = fields[typeField]!;
    if (signed && signed !== options.contentType) {
      throw new UploadError('presign-invalid', `The form was signed for ${signed}, not ${options.contentType}.`);
    }
    if (!policyAllowsType(form.policy, options.contentType)) {
      throw new UploadError('presign-invalid', `The form's policy does not allow ${options.contentType}.`);
    }
    fields[typeField] = options.contentType;
  }
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', file, options.fileName);
  return body;
}

/**
 * POSTs the form with XHR, which (unlike fetch) reports upload progress. Resolves on 200/201/204;
 * rejects with an `UploadError` whose code says whether trying again can help.
 */
export function postToStorage(form: PresignedForm, file: Blob, options: PostOptions): Promise<void> {
  const body = buildFormData(form, file, options);
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let stalled = false;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const heardFrom = () => {
      clearTimeout(silence);
      silence = setTimeout(() => {
        stalled = true;
        xhr.abort();
      }, options.stallTimeoutMs ?? STALL_TIMEOUT_MS);
    };
    const onAbort = () => xhr.abort();
    const settle = (error?: UploadError) => {
      clearTimeout(silence);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    if (options.signal?.aborted) return settle(cancelled(options.signal.reason));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', (event) => {
      heardFrom();
      // The body also carries the signed fields: report the file's share of it.
      if (event.lengthComputable && event.total > 0) {
        options.onProgress?.(Math.round((event.loaded / event.total) * file.size), file.size);
      }
    });
    // The last byte is out: storage now has the silence window to answer.
    xhr.upload.addEventListener('load', heardFrom);
    xhr.addEventListener('load', () => {
      if (xhr.status === 200 || xhr.status === 201 || xhr.status === 204) {
        options.onProgress?.(file.size, file.size);
        settle();
      } else {
        void storageError(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')).then(settle);
      }
    });
    // Status 0: the connection failed, or storage's CORS rules hide its answer from us.
    xhr.addEventListener('error', () => settle(new UploadError('network-error', 'The connection to storage failed.')));
    xhr.addEventListener('abort', () =>
      settle(stalled ? new UploadError('network-error', 'Storage went silent.', { timedOut: true }) : cancelled(options.signal?.reason)),
    );
    heardFrom();
    xhr.send(body);
  });
}

import { UploadError, throwIfAborted } from './errors.js';
import { type PostPolicy, readPostPolicy } from './post-policy.js';
import { presignAnswerSchema } from './presign-schema.js';

/** What the element tells the host backend about the file it is about to send. */
export interface PresignRequest {
  documentType?: number | string;
  fileName: string;
  contentType: string;
  size: number;
}

/** Extra headers (a CSRF token…), or a function returning them fresh for each call. */
export type HeadersProvider = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

export interface PresignOptions {
  endpoint: string;
  credentials?: RequestCredentials;
  headers?: HeadersProvider;
  signal?: AbortSignal;
}

/** A presigned POST form in one shape, whichever shape the backend answered in. */
export interface PresignedForm {
  documentId: string;
  action: string;
  fields: Record<string, string>;
  /** Epoch milliseconds: the earlier of `expireIn` (from our clock) and the policy's expiration. */
  expiresAt: number;
  policy?: PostPolicy;
}

/**
 * Asks the host backend for a presigned form. The backend holds the provider's token and the
 * storage credentials; the browser only ever sees a form that is good for one file for minutes.
 */
export async function requestPresignedForm(request: PresignRequest, options: PresignOptions): Promise<PresignedForm> {
  throwIfAborted(options.signal);
  const headers = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers);
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');

  let response: Response;
  const requestedAt = Date.now();
  try {
    response = await fetch(options.endpoint, {
      method: 'POST',
      credentials: options.credentials ?? 'same-origin',
      headers,
      body: JSON.stringify(request),
      signal: options.signal,
    });
  } catch (error) {
    throwIfAborted(options.signal);
    throw new UploadError('presign-failed', 'The upload service could not be reached.', {}, { cause: error });
  }
  if (!response.ok) {
    throw new UploadError('presign-failed', `The upload service answered ${response.status}.`, { status: response.status });
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throwIfAborted(options.signal);
    throw new UploadError('presign-invalid', 'The upload service did not answer with JSON.', {}, { cause: error });
  }
  return normalizeAnswer(body, requestedAt);
}

/** Validates a backend answer and brings both accepted shapes to one. Exported for tests. */
export function normalizeAnswer(body: unknown, requestedAt: number): PresignedForm {
  const parsed = presignAnswerSchema.safeParse(body);
  if (!parsed.success) {
    // The issue paths say which part was wrong without echoing values (they may be signed fields).
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new UploadError('presign-invalid', `The upload service answered an unexpected shape (${where}).`);
  }
  const answer = parsed.data;
  const [action, fields] = 'form' in answer ? [answer.form.action, answer.formFields] : [answer.url, answer.fields];

  let policy: PostPolicy | undefined;
  try {
    policy = readPostPolicy(fields);
  } catch (error) {
    throw new UploadError('presign-invalid', 'The upload form carries an unreadable policy.', {}, { cause: error });
  }
  const expiries = [answer.expireIn !== undefined ? requestedAt + answer.expireIn * 1000 : Infinity, policy?.expiresAt ?? Infinity];
  const expiresAt = Math.min(...expiries);
  if (!Number.isFinite(expiresAt)) {
    throw new UploadError('presign-invalid', 'The upload form says neither expireIn nor a policy expiration.');
  }
  return { documentId: answer.documentId, action, fields, expiresAt, ...(policy ? { policy } : {}) };
}

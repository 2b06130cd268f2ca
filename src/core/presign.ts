import { assertTrustedDestination } from './destination.js';
import { UploadError, throwIfAborted } from './errors.js';
import { parseRetryAfter } from './retry-policy.js';
import { type PostPolicy, readPostPolicy } from './post-policy.js';
import { presignAnswerSchema } from './presign-schema.js';
import { withDeadline } from './deadline.js';
import type { DocumentSlot } from './document-set/document-slot.js';
import type { QualityReport } from './quality/quality-report.js';

/**
 * What the element tells the host backend about the file it is about to send; in a document set,
 * also which piece it is (`kind`, `subtype`, `side`), so the back office knows what each file is.
 */
export interface PresignRequest extends DocumentSlot {
  documentType?: number | string;
  fileName: string;
  contentType: string;
  size: number;
  /** A photo's on-device checks: the applicant's own figures, which the host treats as a hint. */
  quality?: QualityReport;
}

/** Extra headers (a CSRF token…), or a function returning them fresh for each call. */
export type HeadersProvider = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

export interface PresignOptions {
  endpoint: string;
  credentials?: RequestCredentials;
  headers?: HeadersProvider;
  signal?: AbortSignal;
  /** Origins the file may be sent to; any https origin when empty. */
  uploadOrigins?: readonly string[];
  /** How long the backend has to answer, body included. */
  timeoutMs?: number;
}

/** A backend that has not answered in this long is not going to: the person may try again. */
export const PRESIGN_TIMEOUT_MS = 20_000;

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

  const deadline = withDeadline(options.signal, options.timeoutMs ?? PRESIGN_TIMEOUT_MS);
  const unreachable = (error: unknown) => {
    throwIfAborted(options.signal);
    return deadline.expired()
      ? new UploadError('presign-failed', 'The upload service did not answer in time.', { timedOut: true }, { cause: error })
      : new UploadError('presign-failed', 'The upload service could not be reached.', {}, { cause: error });
  };
  const requestedAt = Date.now();
  try {
    let response: Response;
    try {
      response = await fetch(options.endpoint, {
        method: 'POST',
        credentials: options.credentials ?? 'same-origin',
        headers,
        body: JSON.stringify(request),
        signal: deadline.signal,
      });
    } catch (error) {
      throw unreachable(error);
    }
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
      const backendCode = await errorCodeOf(response);
      throwIfAborted(options.signal);
      const details = { status: response.status, ...(backendCode ? { backendCode } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
      throw new UploadError('presign-failed', `The upload service answered ${response.status}.`, details);
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (options.signal?.aborted || deadline.expired()) throw unreachable(error);
      throw new UploadError('presign-invalid', 'The upload service did not answer with JSON.', {}, { cause: error });
    }
    const form = normalizeAnswer(body, requestedAt);
    assertTrustedDestination(form.action, options.uploadOrigins);
    return form;
  } finally {
    deadline.clear();
  }
}

/** A code as `kyc-upload/server` writes them: lower-case words joined by dashes. */
const BACKEND_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * The code of a refusal in `kyc-upload/server`'s shape (`{ error: { code } }`), which may say more
 * than the status (`handoff-slot-mismatch`); undefined for any other answer. Read within the
 * request's deadline; a body that cannot be read only loses the code.
 */
async function errorCodeOf(response: Response): Promise<string | undefined> {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get('Content-Type') ?? '')) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  const body: unknown = await response.json().catch(() => undefined);
  const code = (body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
  return typeof code === 'string' && code.length <= 64 && BACKEND_CODE.test(code) ? code : undefined;
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
  if (answer.expireIn === undefined && policy?.expiresAt === undefined) {
    throw new UploadError('presign-invalid', 'The upload form says neither expireIn nor a policy expiration.');
  }
  const expiresAt = formExpiry(answer.expireIn, policy?.expiresAt, requestedAt);
  return { documentId: answer.documentId, action, fields, expiresAt, ...(policy ? { policy } : {}) };
}

/**
 * When to stop trusting a form, on this device's clock. `expireIn` is relative, so it is immune to
 * a phone whose clock is wrong; the policy's expiration is an absolute time on storage's clock and
 * serves only without `expireIn`, and only if it is still ahead of ours: a form that looks expired
 * the moment it arrives says our clock is off, and then storage's answer is the judge.
 */
function formExpiry(expireIn: number | undefined, policyExpiresAt: number | undefined, requestedAt: number): number {
  if (expireIn !== undefined) return requestedAt + expireIn * 1000;
  return policyExpiresAt! > Date.now() ? policyExpiresAt! : Infinity;
}

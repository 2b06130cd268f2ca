import { withDeadline } from '../deadline.js';
import type { HeadersProvider } from '../presign.js';
import type { SetDocument } from './set-state.js';

/** Why a submission failed, in terms of what the person can do about it. */
export type SubmitFailure = 'session' | 'refused' | 'unreachable';

export class SubmitSetError extends Error {
  override readonly name = 'SubmitSetError';
  constructor(
    readonly failure: SubmitFailure,
    message: string,
    /** The host's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface SubmitSetOptions {
  credentials?: RequestCredentials;
  headers?: HeadersProvider;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** As long as the presign call gets: a host that has not answered by then is not going to. */
export const SUBMIT_TIMEOUT_MS = 20_000;

/**
 * Tells the host the applicant is done: POST `{ documents }` as JSON. Any 2xx is a success (its
 * body is the host's own and not read). 401/403 mean the session is gone, another 4xx that the
 * host refused the set, anything else (5xx, 429, no answer in time, no network) that trying again
 * may work. Not the KYC review request: the reviewer makes that once every document is validated.
 */
export async function submitDocumentSet(endpoint: string, documents: readonly SetDocument[], options: SubmitSetOptions = {}): Promise<void> {
  const headers = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers);
  headers.set('Content-Type', 'application/json');
  const deadline = withDeadline(options.signal, options.timeoutMs ?? SUBMIT_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      credentials: options.credentials ?? 'same-origin',
      headers,
      body: JSON.stringify({ documents: documents.map(({ kind, subtype, side, documentType, documentId }) => ({ kind, subtype, side, documentType, documentId })) }),
      signal: deadline.signal,
    });
    // Read to the end (not cancelled): a cancelled body shows as a failed request in devtools.
    await response.arrayBuffer().catch(() => undefined);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new SubmitSetError('unreachable', 'The host could not be reached.');
  } finally {
    deadline.clear();
  }
  if (response.ok) return;
  const { status } = response;
  const failure: SubmitFailure = status === 401 || status === 403 ? 'session' : status < 500 && status !== 408 && status !== 429 ? 'refused' : 'unreachable';
  throw new SubmitSetError(failure, `The host answered ${status}.`, status);
}

import { treezorFormSchema } from '../core/presign-schema.js';
import type { DocumentForm } from './presign-document-form.js';
import { TreezorRequestError } from './treezor-errors.js';

export { TreezorRequestError } from './treezor-errors.js';
import { type AccessToken, resolveAccessToken, TREEZOR_TIMEOUT_MS } from './treezor-connection.js';

export interface TreezorDocumentFormRequest {
  /** e.g. https://{tenant}.api.treezor.co; no trailing path. */
  baseUrl: string;
  accessToken: AccessToken;
  userId: string | number;
  documentType: number;
  /**
   * The detected type. Sent as `contentType`: the demo's emulated provider signs the form for it;
   * Treezor itself ignores unknown properties.
   */
  contentType?: string;
  metadata?: Record<string, unknown>;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
}

/**
 * What a host backend calls to get a pre-signed upload form from Treezor
 * (`POST /core-connect/users/{userId}/kyc/document`). The answer is checked before it is handed
 * to the browser, so a provider change fails here, with a clear error, and not in the element.
 */
export async function requestTreezorDocumentForm(request: TreezorDocumentFormRequest): Promise<DocumentForm> {
  const doFetch = request.fetch ?? globalThis.fetch;
  const url = `${request.baseUrl.replace(/\/+$/, '')}/core-connect/users/${encodeURIComponent(String(request.userId))}/kyc/document`;
  const response = await doFetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await resolveAccessToken(request.accessToken)}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({
      documentType: request.documentType,
      metadata: request.metadata ?? {},
      ...(request.contentType ? { contentType: request.contentType } : {}),
    }),
    signal: request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(TREEZOR_TIMEOUT_MS)]) : AbortSignal.timeout(TREEZOR_TIMEOUT_MS),
  });
  if (!response.ok) {
    // The body may echo request details; the status is enough to act on.
    await response.body?.cancel();
    throw new TreezorRequestError(`Treezor refused the document form request (${response.status}).`, response.status);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new TreezorRequestError('Treezor answered the document form request with invalid JSON.', 0);
  }
  // The browser's own schema: a form that passes here is one the widget takes.
  const parsed = treezorFormSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new TreezorRequestError(`Treezor's document form has an unexpected shape (${where}).`, 0);
  }
  const { documentId, form, formFields, expireIn } = parsed.data;
  return {
    documentId,
    form: { action: form.action, method: 'POST', enctype: 'multipart/form-data' },
    formFields,
    expireIn,
  };
}

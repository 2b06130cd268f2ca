import * as z from 'zod';
import { TreezorRequestError } from './treezor-client.js';

/** Where and how the host reaches Treezor: a tenant's base URL and a token kept on the server. */
export interface TreezorConnection {
  /** e.g. https://{tenant}.api.treezor.co; no trailing path. */
  baseUrl: string;
  accessToken: string;
  fetch?: typeof globalThis.fetch;
}

/** Treezor's pre-review statuses: 0 pending, 1 refused, 2 validated. */
export type PreReviewStatus = 0 | 1 | 2;

const previewSchema = z.object({ url: z.url({ protocol: /^https?$/ }) });

function call(connection: TreezorConnection, method: string, path: string, body?: unknown): Promise<Response> {
  const doFetch = connection.fetch ?? globalThis.fetch;
  return doFetch(`${connection.baseUrl.replace(/\/+$/, '')}/core-connect${path}`, {
    method,
    headers: {
      authorization: `Bearer ${connection.accessToken}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    // A provider's answer is never followed elsewhere with the token on it.
    redirect: 'error',
  });
}

const documentPath = (documentId: string) => `/kyc/documents/${encodeURIComponent(documentId)}`;

async function expectOk(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  await response.body?.cancel();
  throw new TreezorRequestError(`Treezor refused ${what} (${response.status}).`, response.status);
}

/** `GET /core-connect/kyc/documents/{id}/preview`: a short-lived URL to the stored file; undefined when nothing is stored yet. */
export async function treezorPreviewUrl(connection: TreezorConnection, documentId: string): Promise<string | undefined> {
  const response = await call(connection, 'GET', `${documentPath(documentId)}/preview`);
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  const parsed = previewSchema.safeParse(await (await expectOk(response, 'the preview request')).json().catch(() => null));
  if (!parsed.success) throw new TreezorRequestError('Treezor answered the preview request with an unexpected shape.', 0);
  return parsed.data.url;
}

/**
 * `PUT /core-connect/kyc/documents/{id}/status`. Treezor asks for comments without special
 * characters: the comment is reduced to letters, digits, spaces, dots and dashes.
 */
export async function setTreezorPreReviewStatus(connection: TreezorConnection, documentId: string, status: PreReviewStatus, comment: string): Promise<void> {
  const plain = comment.replace(/[^A-Za-z0-9 .-]/g, ' ').slice(0, 250);
  await expectOk(await call(connection, 'PUT', `${documentPath(documentId)}/status`, { status, comment: plain }), 'the status change');
}

/** `DELETE /core-connect/kyc/documents/{id}`. A document already gone counts as deleted. */
export async function deleteTreezorDocument(connection: TreezorConnection, documentId: string): Promise<void> {
  const response = await call(connection, 'DELETE', documentPath(documentId));
  if (response.status !== 404) await expectOk(response, 'the deletion');
  await response.body?.cancel();
}

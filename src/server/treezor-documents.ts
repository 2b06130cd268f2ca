import * as z from 'zod';
import { TreezorRequestError } from './treezor-errors.js';
import { expectOk, treezorCall, type TreezorConnection } from './treezor-connection.js';

export type { AccessToken, TreezorConnection } from './treezor-connection.js';
export { resolveAccessToken } from './treezor-connection.js';

/** Treezor's pre-review statuses: 0 pending, 1 refused, 2 validated. */
export type PreReviewStatus = 0 | 1 | 2;

const previewSchema = z.object({ url: z.url({ protocol: /^https?$/ }) });

const documentPath = (documentId: string) => `/kyc/documents/${encodeURIComponent(documentId)}`;

/** `GET /core-connect/kyc/documents/{id}/preview`: a short-lived URL to the stored file; undefined when nothing is stored yet. */
export async function treezorPreviewUrl(connection: TreezorConnection, documentId: string): Promise<string | undefined> {
  const response = await treezorCall(connection, 'GET', `/core-connect${documentPath(documentId)}/preview`);
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
  await expectOk(await treezorCall(connection, 'PUT', `/core-connect${documentPath(documentId)}/status`, { status, comment: plain }), 'the status change');
}

/** `DELETE /core-connect/kyc/documents/{id}`. A document already gone counts as deleted. */
export async function deleteTreezorDocument(connection: TreezorConnection, documentId: string): Promise<void> {
  const response = await treezorCall(connection, 'DELETE', `/core-connect${documentPath(documentId)}`);
  if (response.status !== 404) await expectOk(response, 'the deletion');
  await response.body?.cancel();
}

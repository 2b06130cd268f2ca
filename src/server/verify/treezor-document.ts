import { deleteTreezorDocument, setTreezorPreReviewStatus, type TreezorConnection, treezorPreviewUrl } from '../treezor-documents.js';
import { readBoundedBody } from '../bounded-read.js';
import type { ReadResult, StoredDocument } from './stored-document.js';
import type { Refused } from './verdict.js';

export interface TreezorDocumentOptions extends TreezorConnection {
  documentId: string;
  /**
   * How a refused document is put out of reach: `delete` removes it from the provider (the host
   * keeps the verdict); `status` marks it refused (1) with the reason as comment, and keeps it.
   */
  refuseWith?: 'delete' | 'status';
}

/**
 * A document in the provider's bucket (Treezor signs `Content-Type: ""` and owns the storage):
 * the bytes come through the provider's preview URL, a refusal goes through its API. Nothing can
 * be copied out of a form's reach, so whoever serves the bytes compares them with the verified
 * hash (open-verified.ts) and verifies again when they changed.
 */
export function treezorDocument(options: TreezorDocumentOptions): StoredDocument {
  const { documentId } = options;
  async function read(maxBytes: number): Promise<ReadResult> {
    const url = await treezorPreviewUrl(options, documentId);
    if (!url) return 'missing';
    // The presigned URL carries its own authorisation: no token goes with it, nor a redirect.
    const response = await (options.fetch ?? globalThis.fetch)(url, { redirect: 'error' });
    if (response.status === 404) {
      await response.body?.cancel();
      return 'missing';
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`The provider's storage answered ${response.status}.`);
    }
    const bytes = await readBoundedBody(response, maxBytes);
    if (!bytes) return 'too-large';
    const etag = response.headers.get('etag');
    return { bytes, ...(etag ? { version: etag } : {}) };
  }
  return {
    documentId,
    read,
    readKept: read,
    async refuse(verdict: Refused) {
      if (options.refuseWith === 'status') {
        await setTreezorPreReviewStatus(options, documentId, 1, `Refused by automatic verification ${verdict.code} ${verdict.reason ?? ''}`);
      } else {
        await deleteTreezorDocument(options, documentId);
      }
    },
    async keep() {},
  };
}

import type { AllowedContentType } from '../../src/server/allowed-types.js';
import type { Verdict } from '../../src/server/verify/verdict.js';

/** What the host knows of a document: who asked for its form, for what, and the server's verdict. */
export interface HostDocument {
  documentId: string;
  userId: number;
  documentType: number;
  /** The type the element asked the form for: the verification holds the bytes to it. */
  contentType: AllowedContentType;
  createdAt: string;
  /** Until then (ms since the epoch) the form accepts new POSTs to the document's key. */
  formExpiresAt: number;
  /** Absent while nothing was verified; `missing` while nothing is stored. */
  verdict?: Verdict;
  /** When the read behind the verdict began (ms since the epoch). */
  checkedAt?: number;
}

/**
 * The host's own record of documents, kept in memory for the demo (the review-loop issue moves it
 * to a database). The provider's list is never the source of truth for what is reviewable: only a
 * verdict here is. Bounded: forms are rate-limited, and the oldest records go first past the cap.
 */
export function createDocumentRegistry(maxDocuments = 50_000) {
  const documents = new Map<string, HostDocument>();
  return {
    add(document: HostDocument): void {
      documents.set(document.documentId, document);
      while (documents.size > maxDocuments) documents.delete(documents.keys().next().value!);
    },
    /** The document, only when it belongs to this user. */
    owned(documentId: string, userId: number): HostDocument | undefined {
      const document = documents.get(documentId);
      return document?.userId === userId ? document : undefined;
    },
    ofUser(userId: number): HostDocument[] {
      return [...documents.values()].filter((d) => d.userId === userId);
    },
  };
}

export type DocumentRegistry = ReturnType<typeof createDocumentRegistry>;

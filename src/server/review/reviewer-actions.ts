import { randomUUID } from 'node:crypto';
import { TreezorRequestError } from '../treezor-errors.js';
import { setTreezorPreReviewStatus, type TreezorConnection } from '../treezor-documents.js';
import { requestTreezorKycReview } from '../treezor-users.js';
import type { HostDocument, HostStore } from '../store/host-store.js';
import type { RefusalReason } from './refusal-reasons.js';
import type { VerifiedDocuments } from './verified-documents.js';

export type ReviewErrorCode =
  | 'not-found'
  | 'replaced'
  | 'already-decided'
  | 'deciding'
  | 'form-open'
  | 'not-verified'
  | 'changed'
  | 'not-ready'
  | 'already-requested'
  | 'provider-refused';

/**
 * How long one decision may hold its document: longer than the provider takes to verify and copy
 * the largest file. A process killed mid-decision frees the document once it runs out.
 */
export const DECISION_LEASE_MS = 5 * 60_000;

/** A reviewer action that cannot be done, with the HTTP status that says so and a sentence for the reviewer. */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';
  constructor(
    readonly code: ReviewErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ReviewerActionsOptions {
  store: HostStore;
  verifiedDocuments: VerifiedDocuments;
  provider: TreezorConnection;
}

/**
 * The back office's decisions, each checked against the host's own records first and written to
 * the audit trail with who made it. A validation only ever concerns bytes that passed the server's
 * verification, read again just before, and only once no form can replace them.
 */
export function createReviewerActions(options: ReviewerActionsOptions) {
  const { store, verifiedDocuments, provider } = options;

  async function pendingDocument(documentId: string) {
    const document = await store.document(documentId);
    if (!document) throw new ReviewError('not-found', 404, 'No such document.');
    if (document.replacedBy) throw new ReviewError('replaced', 409, 'The applicant replaced this document.');
    if (document.review.status !== 'pending') throw new ReviewError('already-decided', 409, `This document was already ${document.review.status}.`);
    return document;
  }

  /**
   * One decision per document at a time, across reviewers and processes: each is told to the
   * provider before it is recorded, and the provider lets a validation override a refusal, so two
   * at once would both go out (and the later one would win there, whatever the host recorded).
   */
  async function decide(documentId: string, decision: (document: HostDocument) => Promise<void>): Promise<void> {
    await pendingDocument(documentId);
    const owner = randomUUID();
    if (!(await store.claimReview(documentId, owner, DECISION_LEASE_MS))) {
      throw new ReviewError('deciding', 409, 'Another reviewer is deciding on this document right now.');
    }
    try {
      // Read again under the claim: a decision may have been recorded since the first read.
      await decision(await pendingDocument(documentId));
    } finally {
      await store.releaseReview(documentId, owner);
    }
  }

  async function tellProvider(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof TreezorRequestError)) throw error;
      // A document the provider no longer has (deleted, e.g. once refused by verification) is gone, not a failure.
      if (error.status === 404) throw new ReviewError('not-found', 404, 'The provider no longer has this document.');
      // The provider's "wrong state" stays a conflict the reviewer can act on; anything else is its failure.
      throw new ReviewError('provider-refused', error.status === 409 ? 409 : 502, error.message);
    }
  }

  return {
    /**
     * `sha256`: the hash of the bytes the reviewer was shown (the back office lists it with each
     * document). The form could replace them until it closed; other bytes are not validated in
     * this reviewer's name (409 `changed`), they are looked at again.
     */
    async validateDocument(input: { documentId: string; reviewer: string; comment: string; sha256?: string }): Promise<void> {
      await decide(input.documentId, async (document) => {
        if (!verifiedDocuments.formClosed(document)) {
          const opensAt = new Date(verifiedDocuments.formClosesAt(document)).toISOString();
          throw new ReviewError('form-open', 409, `The upload form can still replace this file until ${opensAt}; validate it after that.`);
        }
        const opened = await verifiedDocuments.open(document);
        if (!opened) throw new ReviewError('not-verified', 409, 'This document did not pass the server’s verification and can never be validated.');
        if (input.sha256 !== undefined && opened.verdict.sha256 !== input.sha256) {
          throw new ReviewError('changed', 409, 'The file changed after it was shown to you (its upload form was still open); look at it again.');
        }
        await tellProvider(() => setTreezorPreReviewStatus(provider, document.documentId, 2, input.comment));
        await store.recordReview(document.documentId, 'validated', {
          reviewer: input.reviewer,
          action: 'validate-document',
          userId: document.userId,
          documentId: document.documentId,
          comment: input.comment,
        });
      });
    },

    async refuseDocument(input: { documentId: string; reviewer: string; reason: RefusalReason; comment: string }): Promise<void> {
      await decide(input.documentId, async (document) => {
        // The server's own refusal is final and already took the file off the provider.
        if (document.verdict && !document.verdict.ok && document.verdict.code !== 'missing') {
          throw new ReviewError('not-verified', 409, 'The server’s verification already refused this document.');
        }
        await tellProvider(() => setTreezorPreReviewStatus(provider, document.documentId, 1, `${input.reason} ${input.comment}`));
        await store.recordReview(document.documentId, 'refused', {
          reviewer: input.reviewer,
          action: 'refuse-document',
          userId: document.userId,
          documentId: document.documentId,
          reason: input.reason,
          comment: input.comment,
        });
      });
    },

    /** Asks the provider's compliance team to review the applicant once every current document is validated. */
    async requestKycReview(input: { userId: string; reviewer: string }): Promise<void> {
      const current = (await store.documentsOf(input.userId)).filter((document) => !document.replacedBy);
      if (current.length === 0) throw new ReviewError('not-ready', 409, 'This applicant has no documents.');
      const waiting = current.filter((document) => document.review.status !== 'validated');
      if (waiting.length > 0) throw new ReviewError('not-ready', 409, `${waiting.length} document(s) still to validate or replace first.`);
      const { kycStatus } = await store.applicantKyc(input.userId);
      if (kycStatus === 'PENDING') throw new ReviewError('already-requested', 409, 'A KYC review is already pending for this applicant.');
      await tellProvider(() => requestTreezorKycReview(provider, input.userId));
      await store.audit({ reviewer: input.reviewer, action: 'request-kyc-review', userId: input.userId });
    },
  };
}

export type ReviewerActions = ReturnType<typeof createReviewerActions>;

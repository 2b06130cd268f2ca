import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { readJsonBody, sendJson } from '../../src/server/http-json.js';
import { createRateLimiter } from '../../src/server/rate-limit.js';
import { informationStatus, KYC_DECISIONS } from '../../src/server/kyc-statuses.js';
import { REFUSAL_REASONS } from '../../src/server/review/refusal-reasons.js';
import { ReviewError, type ReviewerActions } from '../../src/server/review/reviewer-actions.js';
import { createReviewerHandler, oneLine, reviewComment, sha256Hex } from '../../src/server/review/reviewer-handler.js';
import { toNodeHandler } from '../../src/server/web/node-adapter.js';
import type { VerifiedDocuments } from '../../src/server/review/verified-documents.js';
import type { HostDocument, HostStore } from '../../src/server/store/host-store.js';
import { TreezorRequestError } from '../../src/server/treezor-client.js';
import { expectOk, treezorCall } from '../../src/server/treezor-connection.js';
import type { TreezorConnection } from '../../src/server/treezor-documents.js';
import type { DemoSessions } from './demo-session.js';
import { describeDocument, type createDocumentViews } from './document-views.js';
import { type DocumentRequirement, unmetRequirements } from '../../src/core/document-set/requirements.js';
import { resolvedOrThrow } from '../../src/server/document-requirements.js';

export interface ReviewerApiOptions {
  sessions: DemoSessions;
  store: HostStore;
  verifiedDocuments: VerifiedDocuments;
  actions: ReviewerActions;
  views: ReturnType<typeof createDocumentViews>;
  provider: TreezorConnection;
  /** The origin the back office is served at (the decisions' web handler reads full URLs). */
  origin: string;
  /**
   * What a KYC review needs (the provider refuses one without a validated document per
   * requirement): the back office offers the request only once each is met.
   */
  requirements?: readonly DocumentRequirement[];
}

const BASE = '/api/review/documents';
const REASON_LABELS: Record<(typeof REFUSAL_REASONS)[number], string> = {
  'document-unreadable': 'Unreadable',
  'document-expired': 'Expired',
  'document-not-matching': 'Does not match the applicant',
  'underage-person': 'Under age',
  other: 'Other',
};

const bodies = {
  session: z.strictObject({ name: oneLine.min(1).max(80) }),
  decision: z.strictObject({ status: z.enum(KYC_DECISIONS), comment: reviewComment }),
};

const DOCUMENT_ROUTE = /^\/api\/review\/documents\/([0-9a-f-]{36})\/(file|preview|pages\/([1-9]\d{0,3}))$/;
const APPLICANT_ROUTE = /^\/api\/review\/applicants\/(\d{1,15})\/compliance-decision$/;

/**
 * The back office of the demo: a reviewer, signed in apart from applicants, sees every applicant's
 * documents (previews only through the safe views), validates or refuses them with a comment,
 * asks for the KYC review, and, standing in for the provider's compliance team, decides it.
 */
export function createReviewerApi(options: ReviewerApiOptions) {
  const { sessions, store, verifiedDocuments, actions, views, provider } = options;
  const requirements = resolvedOrThrow(options.requirements) ?? [];
  // Each sign-in stores a session: a person signs in now and then, a script without end.
  const signIns = createRateLimiter({ limit: 100, windowMs: 10 * 60_000 });
  const describe = (document: HostDocument) => describeDocument(document, BASE);
  const fail = (res: ServerResponse, status: number, code: string, message: string): true => {
    sendJson(res, status, { error: { code, message } });
    return true;
  };

  async function body<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<{ ok: true; value: z.infer<T> } | { ok: false; message: string }> {
    const read = await readJsonBody(req, 4096);
    if (!read.ok) return { ok: false, message: read.reason };
    const parsed = schema.safeParse(read.value);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]!.message };
  }

  async function applicantView(userId: string, names: Map<string, string>) {
    const [documents, kyc, submission] = await Promise.all([
      Promise.all((await store.documentsOf(userId)).map(verifiedDocuments.verified)),
      store.applicantKyc(userId),
      store.latestSubmission(userId),
    ]);
    const current = documents.filter((document) => !document.replacedBy);
    // A requirement is met once every side of one of its documents is validated.
    const validated = current.filter((d) => d.review.status === 'validated');
    const requirementsMissing = unmetRequirements(requirements, validated.map(({ kind, subtype, side, documentType }) => ({ kind, subtype, side, documentType })));
    return {
      userId,
      name: names.get(userId) ?? `User ${userId}`,
      kyc: { kycStatus: kyc.kycStatus, codeStatus: kyc.codeStatus, informationStatus: informationStatus(kyc.kycStatus), comment: kyc.comment },
      documents: documents.map((document) => describeDocument(document, BASE, kyc.kycStatus === 'VALIDATED')),
      // Whether the applicant said they are done, when, and with which documents (the latest time).
      submission: submission ? { submittedAt: new Date(submission.submittedAt).toISOString(), documentIds: submission.documents.map((d) => d.documentId) } : null,
      requirementsMissing,
      canRequestKycReview:
        current.length > 0 && current.every((d) => d.review.status === 'validated') && requirementsMissing.length === 0 && !['PENDING', 'VALIDATED'].includes(kyc.kycStatus),
    };
  }

  async function act(res: ServerResponse, action: () => Promise<unknown>): Promise<void> {
    try {
      sendJson(res, 200, await action());
    } catch (error) {
      if (error instanceof ReviewError) fail(res, error.status, error.code, error.message);
      else if (error instanceof TreezorRequestError) {
        // The provider's "no such user" and "wrong state" are the reviewer's to act on, not its failure.
        if (error.status === 404) fail(res, 404, 'not-found', 'No such applicant at the provider.');
        else fail(res, error.status === 409 ? 409 : 502, 'provider-refused', error.message);
      } else throw error;
    }
  }

  // The decisions themselves: kyc-upload/server's web-standard handler, on the demo's sessions.
  const decisions = createReviewerHandler({
    actions,
    resolveReviewer: async (request) => (await sessions.reviewerOf(request))?.name,
    describeDocument: async (documentId) => describe((await store.document(documentId))!),
    describeApplicant: async (userId) => applicantView(userId, await sessions.applicantNames([userId])),
  });
  const decide = toNodeHandler(decisions, options.origin);

  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (!pathname.startsWith('/api/review/')) return false;
    if (decisions.handles(pathname)) {
      await decide(req, res);
      return true;
    }
    if (pathname === '/api/review/session') {
      if (req.method === 'POST') {
        const decision = signIns.take(req.socket.remoteAddress ?? '');
        if (!decision.allowed) {
          req.resume();
          sendJson(res, 429, { error: { code: 'too-many-requests', message: 'Too many sign-ins from this address; try again later.' } }, { 'retry-after': String(decision.retryAfterSeconds) });
          return true;
        }
        const input = await body(req, bodies.session);
        if (!input.ok) return fail(res, 400, 'invalid-request', input.message);
        await sessions.signInReviewer(res, input.value.name);
        sendJson(res, 200, { name: input.value.name });
        return true;
      }
      req.resume();
      if (req.method === 'DELETE') {
        await sessions.signOutReviewer(req, res);
        res.writeHead(204, { 'cache-control': 'no-store' }).end();
        return true;
      }
      const reviewer = await sessions.reviewerOf(req);
      if (reviewer) sendJson(res, 200, reviewer);
      else fail(res, 401, 'unauthenticated', 'Sign in as a reviewer.');
      return true;
    }
    const reviewer = await sessions.reviewerOf(req);
    if (!reviewer) {
      req.resume();
      return fail(res, 401, 'unauthenticated', 'Sign in as a reviewer.');
    }
    const post = req.method === 'POST';
    if (!post) req.resume();
    if (pathname === '/api/review/reasons' && !post) {
      sendJson(res, 200, { reasons: REFUSAL_REASONS.map((code) => ({ code, label: REASON_LABELS[code] })), decisions: KYC_DECISIONS });
      return true;
    }
    if (pathname === '/api/review/applicants' && !post) {
      const userIds = await store.applicantsWithDocuments();
      const names = await sessions.applicantNames(userIds);
      sendJson(res, 200, await Promise.all(userIds.map((userId) => applicantView(userId, names))));
      return true;
    }
    if (pathname === '/api/review/webhooks' && !post) {
      const received = await store.receivedWebhooks(100);
      sendJson(res, 200, received.map(({ webhookId, webhook, objectId, receivedAt }) => ({ webhookId, webhook, objectId, receivedAt: new Date(receivedAt).toISOString(), verified: true })));
      return true;
    }
    const documentRoute = DOCUMENT_ROUTE.exec(pathname);
    if (documentRoute) {
      const [, documentId, action, page] = documentRoute;
      if (post) return fail(res, 405, 'method-not-allowed', 'Use GET.');
      const document = await store.document(documentId!);
      if (!document) return fail(res, 404, 'not-found', 'No such document.');
      // `?sha256=`: the page's pictures are of the bytes it was listed with, or none.
      const expected = new URL(req.url ?? '/', 'http://review.invalid').searchParams.get('sha256') ?? undefined;
      if (expected !== undefined && !sha256Hex.safeParse(expected).success) return fail(res, 400, 'invalid-request', 'sha256 must be a hex SHA-256.');
      await views(res, document, action === 'file' ? 'file' : page ? 'page' : 'preview', { key: `reviewer:${reviewer.name}`, base: BASE }, page ? Number(page) : 1, expected);
      return true;
    }
    const applicantRoute = APPLICANT_ROUTE.exec(pathname);
    if (applicantRoute && post) {
      const [, userId] = applicantRoute;
      const input = await body(req, bodies.decision);
      if (!input.ok) return fail(res, 400, 'invalid-request', input.message);
      await act(res, async () => {
        // Demo only: the provider's compliance team decides; here the reviewer plays that part.
        await expectOk(await treezorCall(provider, 'PUT', `/demo-compliance/users/${userId}/kyc-decision`, input.value), 'the compliance decision');
        await store.audit({ reviewer: reviewer.name, action: 'kyc-decision', userId: userId!, reason: input.value.status, comment: input.value.comment });
        return applicantView(userId!, await sessions.applicantNames([userId!]));
      });
      return true;
    }
    req.resume();
    return fail(res, 404, 'not-found', 'No such route.');
  };
}

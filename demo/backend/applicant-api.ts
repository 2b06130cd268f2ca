import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { readJsonBody, sendJson } from '../../src/server/http-json.js';
import { informationStatus } from '../../src/server/kyc-statuses.js';
import type { VerifiedDocuments } from '../../src/server/review/verified-documents.js';
import type { HostDocument, HostStore } from '../../src/server/store/host-store.js';
import type { DemoSessions } from './demo-session.js';
import { describeDocument, type createDocumentViews } from './document-views.js';

export interface ApplicantApiOptions {
  sessions: DemoSessions;
  store: HostStore;
  verifiedDocuments: VerifiedDocuments;
  views: ReturnType<typeof createDocumentViews>;
}

const BASE = '/api/kyc/documents';
const ROUTE = /^\/api\/kyc\/(?:status|documents(?:\/([0-9a-f-]{36})(?:\/(verify|replace|file|preview|pages\/([1-9]\d{0,3})))?)?)$/;
const replaceBody = z.strictObject({ documentId: z.string().regex(/^[0-9a-f-]{36}$/) });

/**
 * The applicant's side: their own documents only, each with the server's verdict and the
 * reviewer's decision, their KYC status as the provider's webhooks reported it, and the
 * replacement of a refused document. A document is verified when the page reports its upload,
 * and in any case before it is listed or shown.
 */
export function createApplicantApi(options: ApplicantApiOptions) {
  const { sessions, store, verifiedDocuments, views } = options;
  const describe = (document: HostDocument) => describeDocument(document, BASE);
  const fail = (res: ServerResponse, status: number, code: string, message: string): true => {
    sendJson(res, status, { error: { code, message } });
    return true;
  };

  /** Links a new upload to the refused document it replaces; answers, or returns why not. */
  async function replace(req: IncomingMessage, res: ServerResponse, document: HostDocument, userId: string): Promise<[number, string, string] | undefined> {
    const body = await readJsonBody(req, 1024);
    const parsed = body.ok ? replaceBody.safeParse(body.value) : undefined;
    if (!parsed?.success) return [400, 'invalid-request', body.ok ? 'Send { documentId } of the new document.' : body.reason];
    const replacement = await store.ownedDocument(parsed.data.documentId, userId);
    if (!replacement || replacement.documentId === document.documentId) return [404, 'not-found', 'No such replacement document.'];
    const old = await verifiedDocuments.verified(document);
    const refused = old.review.status === 'refused' || (old.verdict !== undefined && !old.verdict.ok && old.verdict.code !== 'missing');
    if (!refused) return [409, 'not-refused', 'Only a refused document can be replaced.'];
    if (document.replacedBy) return [409, 'already-replaced', 'This document was already replaced.'];
    // A document already replaced cannot come back as a replacement: chains never loop. In a set,
    // a refused back side is replaced by a back side of the same document, nothing else.
    const samePiece = (['documentType', 'kind', 'subtype', 'side'] as const).every((field) => replacement[field] === document[field]);
    if (!samePiece || replacement.replaces || replacement.replacedBy) {
      return [409, 'not-a-replacement', 'The new document must be of the same type (kind, subtype and side too), replace nothing else and not be replaced itself.'];
    }
    // Checked again as it is written: another replacement may have taken either document meanwhile.
    if (!(await store.markReplaced(document.documentId, replacement.documentId))) {
      return [409, 'already-replaced', 'This document, or its replacement, was just linked to another.'];
    }
    sendJson(res, 200, describe(await verifiedDocuments.verified({ ...replacement, replaces: document.documentId })));
    return undefined;
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const route = ROUTE.exec(pathname);
    if (!route) return false;
    const [, documentId, action, page] = route;
    const method = action === 'verify' || action === 'replace' ? 'POST' : 'GET';
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
      req.resume();
      sendJson(res, 405, { error: { code: 'method-not-allowed', message: `Use ${method}.` } }, { allow: method });
      return true;
    }
    const applicant = await sessions.applicantOf(req);
    if (!applicant) {
      req.resume();
      fail(res, 401, 'unauthenticated', 'No demo session: open the demo page first.');
      return true;
    }
    if (action !== 'replace') req.resume();
    if (pathname === '/api/kyc/status') {
      const [documents, kyc, submission] = await Promise.all([
        Promise.all((await store.documentsOf(applicant.userId)).map(verifiedDocuments.verified)),
        store.applicantKyc(applicant.userId),
        store.latestSubmission(applicant.userId),
      ]);
      sendJson(res, 200, {
        updatedAt: new Date().toISOString(),
        // When the applicant last said they were done (POST /api/kyc/submission), or null.
        submittedAt: submission ? new Date(submission.submittedAt).toISOString() : null,
        kyc: { kycStatus: kyc.kycStatus, codeStatus: kyc.codeStatus, informationStatus: informationStatus(kyc.kycStatus), comment: kyc.comment },
        documents: documents.map((document) => describeDocument(document, BASE, kyc.kycStatus === 'VALIDATED')),
      });
      return true;
    }
    if (!documentId) {
      const [documents, kyc] = await Promise.all([Promise.all((await store.documentsOf(applicant.userId)).map(verifiedDocuments.verified)), store.applicantKyc(applicant.userId)]);
      sendJson(res, 200, documents.map((document) => describeDocument(document, BASE, kyc.kycStatus === 'VALIDATED')));
      return true;
    }
    const document = await store.ownedDocument(documentId, applicant.userId);
    if (!document) {
      if (action === 'replace') req.resume();
      fail(res, 404, 'not-found', 'No such document.');
      return true;
    }
    if (action === 'verify') {
      sendJson(res, 200, describe(await verifiedDocuments.verified(document)));
      return true;
    }
    if (action === 'replace') {
      const refusal = await replace(req, res, document, applicant.userId);
      if (refusal) fail(res, ...refusal);
      return true;
    }
    await views(res, document, action === 'file' ? 'file' : page ? 'page' : 'preview', { key: `applicant:${applicant.userId}`, base: BASE }, page ? Number(page) : 1);
    return true;
  };
}

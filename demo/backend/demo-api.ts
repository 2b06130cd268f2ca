import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../src/server/http-json.js';
import { createDocumentFormHandler, type DocumentFormLogEntry } from '../../src/server/element-endpoint.js';
import { createDocumentSetSubmitHandler } from '../../src/server/document-set-submit.js';
import { createRateLimiter, type RateDecision } from '../../src/server/rate-limit.js';
import { createResumeKeyHandler } from '../../src/server/resume-key.js';
import { requestTreezorDocumentForm } from '../../src/server/treezor-client.js';
import type { TreezorConnection } from '../../src/server/treezor-documents.js';
import { DEFAULT_MAX_SIZE } from '../../src/core/document-types.js';
import { createReviewerActions } from '../../src/server/review/reviewer-actions.js';
import { createVerifiedDocuments } from '../../src/server/review/verified-documents.js';
import type { HostStore } from '../../src/server/store/host-store.js';
import { treezorDocument } from '../../src/server/verify/treezor-document.js';
import { toNodeHandler } from '../../src/server/web/node-adapter.js';
import { createTreezorWebhookReceiver } from '../../src/server/webhooks/treezor-receiver.js';
import { createHandoffs } from '../../src/server/handoff/handoffs.js';
import type { HandoffLogEntry } from '../../src/server/handoff/handoff-options.js';
import { createHandoffPhonePage } from '../../src/server/handoff/phone-page.js';
import { HANDOFF_SESSION_HEADER } from '../../src/server/handoff/phone-session.js';
import { createApplicantApi } from './applicant-api.js';
import { DEMO_REQUIREMENTS } from './document-requirements.js';
import { type DemoSessions, sessionIdOf } from './demo-session.js';
import { createDocumentViews } from './document-views.js';
import { createReviewerApi } from './reviewer-api.js';

/** Upload forms allowed in each window, per session, per user and per client address. */
export interface FormLimits {
  perSession: number;
  perUser: number;
  perAddress: number;
  windowMs: number;
}

/**
 * Each form creates a document at the provider: a person needs a few (a retry, a second side, a
 * better photo); a script needs many. Per address too, since every cookie-less visit is a new
 * demo user.
 */
export const DEFAULT_FORM_LIMITS: FormLimits = { perSession: 20, perUser: 20, perAddress: 60, windowMs: 10 * 60_000 };

export interface DemoApiOptions {
  sessions: DemoSessions;
  store: HostStore;
  /** The origin browsers and the provider reach this backend at. */
  origin: string;
  /** The secret the provider signs its webhooks with. */
  webhookSecret: string;
  /** Where the (emulated) provider answers, with the token only this backend holds. */
  provider: TreezorConnection;
  /** What the applicants' resume keys derive from (KYC_RESUME_SECRET, else one per start). */
  resumeSecret: string | Uint8Array;
  formLimits?: FormLimits;
  formExpiryMarginMs?: number;
  /** Where forms post to: the phone page's policy lets it connect there. */
  storageOrigin: string;
  /** How long a handoff's code lives (KYC_HANDOFF_TTL_SECONDS); the package's default without it. */
  handoffTtlMs?: number;
  log?: (line: string) => void;
}

/** Where the handoff routes and the phone page are: the URL in the QR code is the page's. */
export const HANDOFF_BASE = '/api/kyc/handoff';
export const HANDOFF_PAGE = '/handoff';

/**
 * The host backend of the demo: what a real integrator writes. The browser never sees the provider
 * token; every call goes browser → this API → provider (→ S3 for the form it signs).
 */
export function createDemoApi(options: DemoApiOptions) {
  const { sessions, store, provider } = options;
  const limits = options.formLimits ?? DEFAULT_FORM_LIMITS;
  const limiters = (['perSession', 'perUser', 'perAddress'] as const).map((which) =>
    createRateLimiter({ limit: limits[which], windowMs: limits.windowMs }),
  );

  // Continue on your phone: the desktop's session creates and watches; a claimed phone presigns
  // through the same document-form endpoint with its own session, for that applicant and slot.
  const handoffs = createHandoffs({
    store,
    resolveUser: async (req) => (await sessions.applicantOf(req))?.userId ?? null,
    phonePageUrl: `${options.origin}${HANDOFF_PAGE}`,
    basePath: HANDOFF_BASE,
    requirements: DEMO_REQUIREMENTS,
    ...(options.handoffTtlMs !== undefined ? { ttlMs: options.handoffTtlMs } : {}),
    // What the phone reports is read back from the provider's storage and verified, as every document is.
    verifyUpload: async ({ documentId, userId }) => {
      const document = await store.ownedDocument(documentId, userId);
      if (!document) return { ok: false, code: 'missing' };
      return (await verifiedDocuments.verified(document)).verdict ?? { ok: false, code: 'missing' };
    },
    ...(options.log ? { log: (entry: HandoffLogEntry) => options.log!(describeHandoff(entry)) } : {}),
  });
  const handoffRoutes = toNodeHandler(handoffs.handler, options.origin);
  const phonePage = toNodeHandler(
    createHandoffPhonePage({
      scriptUrl: '/dist/kyc-upload.iife.js',
      stylesheetUrl: '/demo.css',
      endpoint: '/api/kyc/document-form',
      handoffEndpoint: HANDOFF_BASE,
      connectSources: [options.storageOrigin],
    }),
    options.origin,
  );

  const documentForm = toNodeHandler(createDocumentFormHandler({
    // A file is what the requirements say its kind, subtype and side are sent as, or nothing.
    requirements: DEMO_REQUIREMENTS,
    resolveUser: async (req) => (await sessions.applicantOf(req))?.userId ?? null,
    phoneSessions: handoffs.phoneSessions,
    admit: (request, userId, context) => {
      const keys = [sessionIdOf(request) ?? phoneSessionKey(request), String(userId), context.clientAddress ?? ''];
      // Every limiter counts the request, so one that refuses does not spare the others.
      const decisions = limiters.map((limiter, i) => limiter.take(keys[i]!));
      return decisions.find((d): d is Extract<RateDecision, { allowed: false }> => !d.allowed) ?? { allowed: true };
    },
    createForm: async ({ userId, documentType, contentType, fileName, size, kind, subtype, side, quality }) => {
      // Which piece of a set it is, when the element said: in the provider's metadata (its stored
      // object carries them too) and in the host's own record.
      const slot = { ...(kind ? { kind } : {}), ...(subtype ? { subtype } : {}), ...(side ? { side } : {}) };
      const form = await requestTreezorDocumentForm({ ...provider, userId, documentType, contentType, metadata: { fileName, size, ...slot } });
      const now = Date.now();
      // Recorded before the browser has the form: whatever it posts, the host knows whose it is.
      // The browser's quality figures are kept beside it for the reviewer: a hint, never a verdict.
      await store.addDocument({
        documentId: form.documentId,
        userId: String(userId),
        documentType,
        contentType,
        createdAt: now,
        formExpiresAt: now + form.expireIn * 1000,
        ...slot,
        ...(quality ? { deviceQuality: quality } : {}),
      });
      return form;
    },
    ...(options.log ? { log: (entry: DocumentFormLogEntry) => options.log!(describe(entry)) } : {}),
  }), options.origin);
  // The applicant's "I am done", checked against what this backend recorded for each form.
  const submission = toNodeHandler(
    createDocumentSetSubmitHandler({ resolveUser: async (req) => (await sessions.applicantOf(req))?.userId ?? null, store, requirements: DEMO_REQUIREMENTS }),
    options.origin,
  );
  // The key that opens a prepared file the page kept across a killed tab: the applicant's own.
  const resumeKey = toNodeHandler(
    createResumeKeyHandler({ secret: options.resumeSecret, resolveUser: async (req) => (await sessions.applicantOf(req))?.userId ?? null }),
    options.origin,
  );
  const verifiedDocuments = createVerifiedDocuments({
    store,
    storedDocument: (document) => treezorDocument({ ...provider, documentId: document.documentId }),
    maxSize: DEFAULT_MAX_SIZE,
    ...(options.formExpiryMarginMs === undefined ? {} : { formExpiryMarginMs: options.formExpiryMarginMs }),
  });
  const views = createDocumentViews(verifiedDocuments, store);
  const actions = createReviewerActions({ store, verifiedDocuments, provider });
  const applicant = createApplicantApi({ sessions, store, verifiedDocuments, views });
  const reviewer = createReviewerApi({ sessions, store, verifiedDocuments, actions, views, provider, origin: options.origin, requirements: DEMO_REQUIREMENTS });
  const webhooks = toNodeHandler(createTreezorWebhookReceiver({ store, secret: options.webhookSecret }), options.origin);

  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (pathname === '/api/kyc/document-form') {
      await documentForm(req, res);
      return true;
    }
    if (pathname === HANDOFF_BASE || pathname.startsWith(`${HANDOFF_BASE}/`)) {
      await handoffRoutes(req, res);
      return true;
    }
    if (pathname === HANDOFF_PAGE) {
      await phonePage(req, res);
      return true;
    }
    if (pathname === '/api/kyc/resume-key') {
      await resumeKey(req, res);
      return true;
    }
    if (pathname === '/api/kyc/submission') {
      await submission(req, res);
      return true;
    }
    if (pathname === '/api/kyc/requirements') {
      // What the onboarding asks for: the same for everyone, so no session is needed to read it.
      req.resume();
      if (req.method !== 'GET' && req.method !== 'HEAD') sendJson(res, 405, { error: { code: 'method-not-allowed', message: 'Use GET.' } }, { allow: 'GET, HEAD' });
      else sendJson(res, 200, DEMO_REQUIREMENTS);
      return true;
    }
    if (pathname === '/api/webhooks/treezor') {
      await webhooks(req, res);
      return true;
    }
    return (await applicant(req, res, pathname)) || reviewer(req, res, pathname);
  };
}

function describe(entry: DocumentFormLogEntry): string {
  const parts = [
    `user=${entry.userId}`,
    `documentType=${entry.documentType}`,
    `type=${entry.contentType}`,
    `size=${entry.size}`,
    `file=${JSON.stringify(entry.fileName)}`,
    // Checked names (the endpoint's schema), so they need no quoting.
    ...(entry.kind ? [`kind=${entry.kind}`] : []),
    ...(entry.subtype ? [`subtype=${entry.subtype}`] : []),
    ...(entry.side ? [`side=${entry.side}`] : []),
    ...(entry.documentId ? [`documentId=${entry.documentId}`] : []),
    ...(entry.error ? [`error=${JSON.stringify(entry.error)}`] : []),
  ];
  return `document-form ${entry.event} ${parts.join(' ')}`;
}

/** A phone's forms are counted per handoff session, by a hash: the credential itself is kept nowhere. */
function phoneSessionKey(request: Request): string {
  const session = request.headers.get(HANDOFF_SESSION_HEADER);
  return session ? `handoff:${createHash('sha256').update(session).digest('base64url')}` : '';
}

function describeHandoff(entry: HandoffLogEntry): string {
  const parts = Object.entries(entry)
    .filter(([name]) => name !== 'event')
    .map(([name, value]) => `${name}=${typeof value === 'string' && /[\s"]/.test(value) ? JSON.stringify(value) : String(value)}`);
  return `handoff ${entry.event} ${parts.join(' ')}`;
}

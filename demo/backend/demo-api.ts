import type { IncomingMessage, ServerResponse } from 'node:http';
import { createDocumentFormHandler, type DocumentFormLogEntry } from '../../src/server/element-endpoint.js';
import { createRateLimiter, type RateDecision } from '../../src/server/rate-limit.js';
import { requestTreezorDocumentForm } from '../../src/server/treezor-client.js';
import type { TreezorConnection } from '../../src/server/treezor-documents.js';
import { type DemoSessions, sessionIdOf } from './demo-session.js';
import { createDocumentRegistry } from './document-registry.js';
import { createReviewApi } from './review-api.js';

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
  /** Where the (emulated) provider answers, with the token only this backend holds. */
  provider: TreezorConnection;
  formLimits?: FormLimits;
  log?: (line: string) => void;
}

/**
 * The host backend of the demo: what a real integrator writes. The browser never sees the provider
 * token; every call goes browser → this API → provider (→ S3 for the form it signs).
 */
export function createDemoApi(options: DemoApiOptions) {
  const { sessions, provider } = options;
  const registry = createDocumentRegistry();
  const limits = options.formLimits ?? DEFAULT_FORM_LIMITS;
  const limiters = (['perSession', 'perUser', 'perAddress'] as const).map((which) =>
    createRateLimiter({ limit: limits[which], windowMs: limits.windowMs }),
  );

  const documentForm = createDocumentFormHandler({
    resolveUser: (req) => sessions.userOf(req),
    admit: (req, userId) => {
      const keys = [sessionIdOf(req) ?? '', String(userId), req.socket.remoteAddress ?? ''];
      // Every limiter counts the request, so one that refuses does not spare the others.
      const decisions = limiters.map((limiter, i) => limiter.take(keys[i]!));
      return decisions.find((d): d is Extract<RateDecision, { allowed: false }> => !d.allowed) ?? { allowed: true };
    },
    createForm: async ({ userId, documentType, contentType, fileName, size }) => {
      const form = await requestTreezorDocumentForm({ ...provider, userId, documentType, contentType, metadata: { fileName, size } });
      const now = Date.now();
      registry.add({
        documentId: form.documentId,
        userId: Number(userId),
        documentType,
        contentType,
        createdAt: new Date(now).toISOString(),
        formExpiresAt: now + form.expireIn * 1000,
      });
      return form;
    },
    ...(options.log ? { log: (entry: DocumentFormLogEntry) => options.log!(describe(entry)) } : {}),
  });
  const review = createReviewApi({ sessions, registry, provider });

  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (pathname === '/api/kyc/document-form') {
      await documentForm(req, res);
      return true;
    }
    return review(req, res, pathname);
  };
}

function describe(entry: DocumentFormLogEntry): string {
  const parts = [
    `user=${entry.userId}`,
    `documentType=${entry.documentType}`,
    `type=${entry.contentType}`,
    `size=${entry.size}`,
    `file=${JSON.stringify(entry.fileName)}`,
    ...(entry.documentId ? [`documentId=${entry.documentId}`] : []),
    ...(entry.error ? [`error=${JSON.stringify(entry.error)}`] : []),
  ];
  return `document-form ${entry.event} ${parts.join(' ')}`;
}

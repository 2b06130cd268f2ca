import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendJson } from '../../src/server/http-json.js';
import type { ProviderContext } from './context.js';
import { decideKycReview } from './kyc-decision.js';
import { getKyc } from './kyc-object.js';
import { requestKycReview } from './kyc-request.js';
import { createPreReview, deletePreReview, listPreReviews, previewPreReview } from './pre-review-documents.js';
import { setPreReviewStatus } from './pre-review-status.js';
import { ProviderError, type Reply } from './provider-error.js';
import { createUser, getUser } from './users.js';

/** The paths the emulated provider answers; everything else belongs to the host. */
export function ownsPath(pathname: string): boolean {
  return pathname.startsWith('/core-connect/') || pathname === '/v1/users' || pathname.startsWith('/v1/users/') || pathname.startsWith('/demo-compliance/');
}

type Handler = (ctx: ProviderContext, params: string[], body: () => Promise<unknown>) => Promise<Reply>;
const userId = (params: string[]) => Number(params[0]);

const USER = '(\\d{1,15})';
const DOCUMENT = '([0-9a-f-]{36})';
/** Each route: a path pattern and its methods. A body is read only by the handlers that take one. */
const ROUTES: Array<[RegExp, Record<string, Handler>]> = [
  [/^\/v1\/users$/, { POST: async (ctx, _, body) => createUser(ctx, await body()) }],
  [new RegExp(`^/v1/users/${USER}$`), { GET: (ctx, p) => getUser(ctx, userId(p)) }],
  [new RegExp(`^/v1/users/${USER}/Kycreview$`), { PUT: (ctx, p) => requestKycReview(ctx, userId(p)) }],
  [new RegExp(`^/v1/users/${USER}/kyc$`), { GET: (ctx, p) => getKyc(ctx, userId(p)) }],
  [
    new RegExp(`^/core-connect/users/${USER}/kyc/document$`),
    { POST: async (ctx, p, body) => createPreReview(ctx, userId(p), await body()), GET: (ctx, p) => listPreReviews(ctx, userId(p)) },
  ],
  [new RegExp(`^/core-connect/kyc/documents/${DOCUMENT}/preview$`), { GET: (ctx, p) => previewPreReview(ctx, p[0]!) }],
  [new RegExp(`^/core-connect/kyc/documents/${DOCUMENT}/status$`), { PUT: async (ctx, p, body) => setPreReviewStatus(ctx, p[0]!, await body()) }],
  [new RegExp(`^/core-connect/kyc/documents/${DOCUMENT}$`), { DELETE: (ctx, p) => deletePreReview(ctx, p[0]!) }],
  [new RegExp(`^/demo-compliance/users/${USER}/kyc-decision$`), { PUT: async (ctx, p, body) => decideKycReview(ctx, userId(p), await body()) }],
];

const BODY_LIMIT = 16 * 1024;

/**
 * Answers one request: the Bearer token first (compared in constant time), then the route. Errors
 * keep Treezor's shape `{ errors: [{ code, message }] }`; an unexpected one is logged by message
 * only and answered 500.
 */
export function createRouter(ctx: ProviderContext, accessToken: string) {
  const expectedToken = digest(accessToken);
  return async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let bodyRead = false;
    const fail = (error: ProviderError) => {
      if (!bodyRead) req.resume();
      sendJson(res, error.status, { errors: [{ code: error.code, message: error.message }] });
    };
    if (!authorized(req, expectedToken)) return fail(new ProviderError(401, 'unauthorized', 'A valid Bearer access token is required.'));
    const path = new URL(req.url ?? '/', 'http://provider').pathname;
    const body = async () => {
      bodyRead = true;
      const read = await readJsonBody(req, BODY_LIMIT);
      if (!read.ok) throw new ProviderError(400, 'invalid_request', read.reason);
      return read.value;
    };
    try {
      for (const [pattern, methods] of ROUTES) {
        const match = pattern.exec(path);
        if (!match) continue;
        const handler = methods[req.method ?? ''];
        if (!handler) throw new ProviderError(405, 'method_not_allowed', `${req.method} is not allowed here.`);
        const reply = await handler(ctx, match.slice(1), body);
        if (!bodyRead) req.resume();
        if (reply.status === 204) {
          res.writeHead(204, { 'cache-control': 'no-store' });
          return void res.end();
        }
        return sendJson(res, reply.status, reply.body);
      }
      throw new ProviderError(404, 'not_found', 'No such route.');
    } catch (error) {
      if (error instanceof ProviderError) return fail(error);
      console.error('treezor emulator:', error instanceof Error ? error.message : error);
      if (!res.headersSent) fail(new ProviderError(500, 'internal_error', 'The emulated provider failed.'));
    }
  };
}

function authorized(req: IncomingMessage, expected: Buffer): boolean {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

// Hashing first gives equal lengths, so the comparison leaks nothing about the token.
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

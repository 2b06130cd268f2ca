import * as z from 'zod';
import { errorResponse, jsonResponse, readJson } from '../web/json.js';
import { REFUSAL_REASONS } from './refusal-reasons.js';
import { ReviewError, type ReviewerActions } from './reviewer-actions.js';
import { TreezorRequestError } from '../treezor-errors.js';

// One line of text: control characters have no place in a name or a comment, and PostgreSQL's
// text refuses NUL outright (a 500 after the provider was told, were it let through).
export const oneLine = z.string().regex(/^\P{Cc}*$/u, 'Control characters are not allowed.').trim();
export const reviewComment = oneLine.min(1, 'A comment is required.').max(500);
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 is the hex hash the document was listed with.');

const bodies = {
  // The hash of the bytes the reviewer was shown: a validation names what it validates.
  validate: z.strictObject({ comment: reviewComment, sha256: sha256Hex }),
  refuse: z.strictObject({ reason: z.enum(REFUSAL_REASONS), comment: reviewComment }),
  // An empty object, not no body: a JSON body is what keeps a same-site page from sending it
  // without a preflight.
  kycReview: z.strictObject({}),
};

export interface ReviewerHandlerOptions {
  actions: ReviewerActions;
  /** The reviewer signed in to the host's back office (their name goes to the audit trail); null answers 401. */
  resolveReviewer(request: Request): string | null | undefined | Promise<string | null | undefined>;
  /** What a decision answers with: the document, the applicant, as the host shows them. */
  describeDocument(documentId: string): Promise<unknown>;
  describeApplicant(userId: string): Promise<unknown>;
  /** Where the routes live; `/api/review` by default. */
  basePath?: string;
}

/**
 * The reviewer's decisions as a web-standard handler (`Request → Response`):
 * `POST {base}/documents/{id}/validate` `{ comment, sha256 }`, `POST {base}/documents/{id}/refuse`
 * `{ reason, comment }` and `POST {base}/applicants/{userId}/kyc-review` `{}`. Refusals keep the
 * actions' codes and statuses (409 `form-open`, `changed`, `deciding`…; 502 when the provider
 * fails); any other path is a 404, so a host routes `handles(pathname)` here.
 */
export function createReviewerHandler(options: ReviewerHandlerOptions) {
  const base = (options.basePath ?? '/api/review').replace(/\/+$/, '');
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const documentRoute = new RegExp(`^${escaped}/documents/([0-9a-f-]{36})/(validate|refuse)$`);
  const applicantRoute = new RegExp(`^${escaped}/applicants/(\\d{1,15})/kyc-review$`);

  async function decide(action: () => Promise<unknown>): Promise<Response> {
    try {
      return jsonResponse(200, await action());
    } catch (error) {
      if (error instanceof ReviewError) return errorResponse(error.status, error.code, error.message);
      if (error instanceof TreezorRequestError) return errorResponse(502, 'provider-refused', error.message);
      throw error;
    }
  }

  async function input<T extends z.ZodType>(request: Request, schema: T): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
    const read = await readJson(request, 4096);
    if (!read.ok) return { ok: false, response: errorResponse(400, 'invalid-request', read.reason) };
    const parsed = schema.safeParse(read.value);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: errorResponse(400, 'invalid-request', parsed.error.issues[0]!.message) };
  }

  const handler = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    const onDocument = documentRoute.exec(pathname);
    const onApplicant = applicantRoute.exec(pathname);
    if (!onDocument && !onApplicant) {
      await request.body?.cancel();
      return errorResponse(404, 'not-found', 'No such route.');
    }
    if (request.method !== 'POST') {
      await request.body?.cancel();
      return errorResponse(405, 'method-not-allowed', 'Use POST.', { allow: 'POST' });
    }
    const reviewer = await options.resolveReviewer(request);
    if (!reviewer) {
      await request.body?.cancel();
      return errorResponse(401, 'unauthenticated', 'Sign in as a reviewer.');
    }
    if (onApplicant) {
      const body = await input(request, bodies.kycReview);
      if (!body.ok) return body.response;
      const userId = onApplicant[1]!;
      return decide(async () => {
        await options.actions.requestKycReview({ userId, reviewer });
        return options.describeApplicant(userId);
      });
    }
    const [, documentId, action] = onDocument!;
    if (action === 'validate') {
      const body = await input(request, bodies.validate);
      if (!body.ok) return body.response;
      return decide(async () => {
        await options.actions.validateDocument({ documentId: documentId!, reviewer, ...body.value });
        return options.describeDocument(documentId!);
      });
    }
    const body = await input(request, bodies.refuse);
    if (!body.ok) return body.response;
    return decide(async () => {
      await options.actions.refuseDocument({ documentId: documentId!, reviewer, ...body.value });
      return options.describeDocument(documentId!);
    });
  };

  return Object.assign(handler, {
    /** Whether a path is one of this handler's. */
    handles: (pathname: string) => documentRoute.test(pathname) || applicantRoute.test(pathname),
  });
}

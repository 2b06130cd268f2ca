import * as z from 'zod';
import { DOCUMENT_SIDES, SLOT_NAME_PATTERN } from '../core/document-set/document-slot.js';
import { type DocumentRequirement, setProblem } from '../core/document-set/requirements.js';
import { resolvedOrThrow } from './document-requirements.js';
import type { HostStore } from './store/host-store.js';
import type { SubmittedDocument } from './store/submissions.js';
import { errorResponse, jsonResponse } from './web/json.js';
import { type ResolveUser, readUserPost } from './web/user-post.js';

export interface DocumentSetSubmitHandlerOptions {
  /** The signed-in applicant, from the host's own session; null answers 401. */
  resolveUser: ResolveUser;
  /** The host's records: each document is checked against them as the submission is written. */
  store: Pick<HostStore, 'submitDocuments'>;
  /**
   * What the onboarding asks for: when given, only a complete set is taken (every requirement,
   * every side of the subtype chosen, each with its subtype's documentType); 400 `incomplete` else.
   */
  requirements?: readonly DocumentRequirement[];
}

/** A set is a few sides of a few documents; twenty leaves room for a host's own kinds. */
export const MAX_SUBMITTED_DOCUMENTS = 20;
const MAX_BODY_BYTES = 16 * 1024;

const slotName = z.string().regex(SLOT_NAME_PATTERN, 'must be lower-case words joined by dashes');
const schema = z.strictObject({
  documents: z
    .array(
      z.strictObject({
        kind: slotName,
        subtype: slotName,
        side: z.enum(DOCUMENT_SIDES),
        documentType: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
        // The provider's id (a UUID from Treezor): printable, bounded, compared as it is.
        documentId: z.string().regex(/^[\x21-\x7e]{1,256}$/, 'must be a document id'),
      }),
    )
    .min(1)
    .max(MAX_SUBMITTED_DOCUMENTS),
});

/**
 * "The applicant is done": `<kyc-document-set>`'s completion, told to the host, as a web-standard
 * handler (`Request → Response`; `toNodeHandler` runs it in node:http or Express). POST JSON
 * `{ documents: [{ kind, subtype, side, documentType, documentId }] }` (1 to 20) → 200
 * `{ submittedAt }`, recorded with the host store's `submitDocuments`. Answers 405 for another
 * method, 401 `unauthenticated`, 400 `invalid-request` (a bad body; a kind and side, or a
 * document, given twice; two subtypes for one kind), 400 `incomplete` (with `requirements`: a set
 * that does not meet them), 404 `not-found` for a document that is not
 * the applicant's, 409 `replaced` for one the applicant replaced since and 409 `mismatch` for one
 * the host recorded as another kind, subtype, side or type than sent.
 */
export function createDocumentSetSubmitHandler(options: DocumentSetSubmitHandlerOptions): (request: Request) => Promise<Response> {
  const requirements = resolvedOrThrow(options.requirements);
  return async (request) => {
    const post = await readUserPost(request, { resolveUser: options.resolveUser, schema, maxBytes: MAX_BODY_BYTES, signInMessage: 'Sign in before submitting documents.' });
    if (!post.ok) return post.response;
    const { userId } = post;
    const documents: SubmittedDocument[] = post.data.documents;
    const twice = inconsistency(documents);
    if (twice) return errorResponse(400, 'invalid-request', twice);
    const incomplete = requirements && setProblem(requirements, documents);
    if (incomplete) return errorResponse(400, 'incomplete', `The set does not meet the requirements: ${incomplete}.`);

    const outcome = await options.store.submitDocuments(String(userId), documents);
    if (outcome.ok) return jsonResponse(200, { submittedAt: new Date(outcome.submission.submittedAt).toISOString() });
    const { documentId } = outcome;
    if (outcome.refusal === 'not-found') return errorResponse(404, 'not-found', `No document ${documentId} of yours.`);
    if (outcome.refusal === 'replaced') return errorResponse(409, 'replaced', `Document ${documentId} was replaced; send its replacement.`);
    return errorResponse(409, 'mismatch', `Document ${documentId} was uploaded as another piece of the set than sent.`);
  };
}

/** What a set cannot hold: one side twice, one document twice, two documents chosen for one kind. */
function inconsistency(documents: readonly SubmittedDocument[]): string | undefined {
  const sides = new Set<string>();
  const ids = new Set<string>();
  const chosen = new Map<string, string>();
  for (const { kind, subtype, side, documentId } of documents) {
    if (sides.has(`${kind}/${side}`)) return `${kind} ${side} is given twice.`;
    sides.add(`${kind}/${side}`);
    if (ids.has(documentId)) return `Document ${documentId} is given twice.`;
    ids.add(documentId);
    if ((chosen.get(kind) ?? subtype) !== subtype) return `${kind} is given as ${chosen.get(kind)} and as ${subtype}.`;
    chosen.set(kind, subtype);
  }
  return undefined;
}

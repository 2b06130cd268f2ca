import * as z from 'zod';
import { ALLOWED_TYPES, type AllowedType, DEFAULT_MAX_SIZE, toAllowedType } from '../core/document-types.js';
import { errorResponse, jsonResponse } from './web/json.js';
import { type ResolveUser, type UserId, readUserPost } from './web/user-post.js';
import type { RequestContext } from './web/node-adapter.js';
import type { RateDecision } from './rate-limit.js';
import { type DocumentForm, DocumentFormError } from './presign-document-form.js';
import { DOCUMENT_SIDES, type DocumentSlot, SLOT_NAME_PATTERN } from '../core/document-set/document-slot.js';
import { type DocumentRequirement, slotClaimProblem } from '../core/document-set/requirements.js';
import { resolvedOrThrow } from './document-requirements.js';
import type { PhoneSessions } from './handoff/phone-session.js';
import { sameSlot } from './handoff/handoff-slot.js';
import { printable } from './web/printable.js';
import { type DeviceQuality, deviceQualitySchema } from './device-quality.js';

/**
 * What `<kyc-upload>` posts once its file is ready; inside `<kyc-document-set>` also which piece
 * of the set the file is (`kind`, `subtype`, `side`), so the host can record what each file is.
 */
export interface DocumentFormRequest extends DocumentSlot {
  documentType: number;
  /** The user's file name: for logs and metadata only, never part of a storage key. */
  fileName: string;
  /** Normalized: `image/jpg` arrives here as `image/jpeg` (core/document-types.ts has the aliases). */
  contentType: AllowedType;
  size: number;
  /**
   * A photo's quality as the applicant's browser checked it (blur, glare, exposure, resolution,
   * corners). Advisory: the applicant can forge it; use it to route a doubtful document to a
   * closer review, never to accept one.
   */
  quality?: DeviceQuality;
}

export type { UserId } from './web/user-post.js';

export interface DocumentFormLogEntry {
  event: 'form-created' | 'form-refused' | 'provider-failed' | 'rate-limited' | 'handoff-slot-refused';
  userId: UserId;
  /** Set when a phone presigned through a handoff (`phoneSessions`) rather than the host's session. */
  handoff?: true;
  documentType: number;
  contentType: AllowedType;
  size: number;
  fileName: string;
  kind?: string;
  subtype?: string;
  side?: DocumentSlot['side'];
  documentId?: string;
  error?: string;
  /** What the browser said of the photo's quality (advisory): whether it passed, and what it found. */
  deviceQuality?: Pick<DeviceQuality, 'passed' | 'issues'>;
}

export interface DocumentFormHandlerOptions<Form extends DocumentForm = DocumentForm> {
  /** The signed-in user, from the host's own session; null answers 401. */
  resolveUser: ResolveUser;
  /** Presigns with the host's own S3, or asks the provider (Treezor) for a form. */
  createForm(input: DocumentFormRequest & { userId: UserId }): Promise<Form>;
  /** Largest `size` accepted, in bytes; the signed policy enforces the real limit. */
  maxSize?: number;
  /**
   * Called before a form is made: each form creates a provider document, so a host limits how
   * many a session, a user and an address may ask for (rate-limit.ts). Refused: 429 with Retry-After.
   */
  admit?(request: Request, userId: UserId, context: RequestContext): RateDecision | Promise<RateDecision>;
  /** Receives one entry per request; entries never carry formFields. */
  log?(entry: DocumentFormLogEntry): void;
  /**
   * What the onboarding asks for (`<kyc-document-set>`'s requirements). When given, a request must
   * fit them: its kind, subtype and side one of theirs with that subtype's documentType, or, with
   * no slot, a documentType they name. Otherwise a file could be labelled one thing for the back
   * office while the provider counts it as another (a "utility bill" sent as an identity card).
   */
  requirements?: readonly DocumentRequirement[];
  /**
   * Phones continuing a desktop's upload (`createHandoffs(…).phoneSessions`). A request carrying a
   * phone session is that session's user, for its one slot, whatever cookie it carries; a request
   * carrying an invalid one is refused (401 `handoff-session-invalid`), never taken for the cookie's user.
   */
  phoneSessions?: PhoneSessions;
}

const MAX_BODY_BYTES = 4096;

/**
 * The endpoint the element calls, as a web-standard handler (`Request → Response`; run it in
 * node:http or Express with `toNodeHandler`): POST JSON `{ documentType, fileName, contentType, size }`,
 * optionally with `kind`, `subtype` (lower-case words joined by dashes), `side` (`front`|`back`)
 * and `quality` (a photo's on-device checks, advisory)
 * → the provider's form. Any other property is refused.
 * Answers 401 `unauthenticated` (or `handoff-session-invalid`), 400 `invalid-request`, 403
 * `handoff-slot-mismatch`, 429 `too-many-requests`, 502 `provider-error`, or 200 with the form.
 */
export function createDocumentFormHandler<Form extends DocumentForm>(
  options: DocumentFormHandlerOptions<Form>,
): (request: Request, context?: RequestContext) => Promise<Response> {
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const requirements = resolvedOrThrow(options.requirements);
  const schema = z.strictObject({
    documentType: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    fileName: z.string().max(255),
    contentType: z.string().max(255),
    size: z.number().int().min(1).max(maxSize),
    // The slot's names travel on to storage metadata and logs: the core's pattern, nothing looser.
    kind: z.string().regex(SLOT_NAME_PATTERN).optional(),
    subtype: z.string().regex(SLOT_NAME_PATTERN).optional(),
    side: z.enum(DOCUMENT_SIDES).optional(),
    quality: deviceQualitySchema.optional(),
  });
  return async (request, context = {}) => {
    const phone = await options.phoneSessions?.sessionOf(request);
    if (phone === null) {
      await request.body?.cancel();
      return errorResponse(401, 'handoff-session-invalid', 'This phone session has ended; scan a new code on your computer.');
    }
    const resolveUser = phone ? () => phone.userId : options.resolveUser;
    const post = await readUserPost(request, { resolveUser, schema, maxBytes: MAX_BODY_BYTES, signInMessage: 'Sign in before uploading a document.' });
    if (!post.ok) return post.response;
    const { userId, data } = post;
    const contentType = toAllowedType(data.contentType);
    if (!contentType) {
      return errorResponse(400, 'invalid-request', `contentType must be one of ${ALLOWED_TYPES.join(', ')}.`);
    }
    const asked: DocumentFormRequest = { ...data, contentType };
    const misfit = requirements && slotClaimProblem(requirements, asked);
    if (misfit) return errorResponse(400, 'invalid-request', `This document does not fit the requirements: ${misfit}.`);
    const { quality, ...described } = asked;
    const entry = {
      userId,
      ...described,
      fileName: printable(asked.fileName),
      ...(phone ? { handoff: true as const } : {}),
      ...(quality ? { deviceQuality: { passed: quality.passed, issues: quality.issues } } : {}),
    };
    // A phone holds the desktop's user for one slot only: anything else is the desktop's to upload.
    if (phone && !sameSlot(phone.slot, asked)) {
      options.log?.({ event: 'handoff-slot-refused', ...entry });
      return errorResponse(403, 'handoff-slot-mismatch', 'This phone session is for another document.');
    }
    const admission = (await options.admit?.(request, userId, context)) ?? { allowed: true };
    if (!admission.allowed) {
      options.log?.({ event: 'rate-limited', ...entry });
      const retryAfter = String(admission.retryAfterSeconds);
      return errorResponse(429, 'too-many-requests', `Too many upload forms; try again in ${retryAfter} s.`, { 'retry-after': retryAfter });
    }

    let form: Form;
    try {
      form = await options.createForm({ ...asked, userId });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof DocumentFormError) {
        options.log?.({ event: 'form-refused', ...entry, error: message });
        return errorResponse(400, 'invalid-request', message);
      }
      options.log?.({ event: 'provider-failed', ...entry, error: message });
      return errorResponse(502, 'provider-error', 'The document provider could not create an upload form.');
    }
    // Recorded before the phone has the form: completing the handoff may name this document only.
    await phone?.formIssued(form.documentId, asked);
    options.log?.({ event: 'form-created', ...entry, documentId: form.documentId });
    return jsonResponse(200, form);
  };
}

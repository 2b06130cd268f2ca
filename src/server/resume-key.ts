import * as z from 'zod';
import { RESUME_KEY_BYTES, type ResumeKeyAnswer, resumeEpochOf, resumeEpochOpen } from '../core/resume/resume-key-format.js';
import { errorResponse, jsonResponse } from './web/json.js';
import { type ResolveUser, type UserId, readUserPost } from './web/user-post.js';

export interface ResumeKeyHandlerOptions {
  /**
   * At least 32 random bytes (`openssl rand -base64 32`), from the host's secret store or
   * environment; never logged, never sent. Every applicant's key derives from it: changing it
   * ends every pending resume (the widget then offers none), and leaking it opens every profile.
   */
  secret: string | Uint8Array;
  /** The signed-in user, from the host's own session; null answers 401. */
  resolveUser: ResolveUser;
  now?: () => number;
}

const MAX_BODY_BYTES = 256;
const SALT = new TextEncoder().encode('kyc-upload/resume-key/v1');
const schema = z.strictObject({ epoch: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional() });

/**
 * The resume-key endpoint the element calls to keep a prepared file across a killed tab, and to
 * open it again (`src/core/resume/`): POST JSON `{}` → the key to save with, `{ epoch }` → that
 * epoch's key, while it is open (the current UTC day and the one before).
 * Answers 200 `{ epoch, key }` (32 bytes, base64url), 401 `unauthenticated`, 400
 * `invalid-request`, 405, or 410 `key-expired`; always `Cache-Control: no-store`.
 *
 * Each key is HKDF-SHA-256 of the secret, for the user and the epoch: no table to keep, the same
 * answer from every instance, nothing to delete afterwards; an epoch's key is unreachable once the
 * epoch closes, whatever the browser's clock says. The user id is taken as a string (42 and "42"
 * are one user).
 */
export function createResumeKeyHandler(options: ResumeKeyHandlerOptions): (request: Request) => Promise<Response> {
  const secret = typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : new Uint8Array(options.secret);
  // The message says what is wrong, never what the secret is.
  if (secret.byteLength < 32) throw new Error('createResumeKeyHandler: the secret must be at least 32 bytes (openssl rand -base64 32).');
  const now = options.now ?? Date.now;
  const master = crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  secret.fill(0);

  return async (request) => {
    const post = await readUserPost(request, { resolveUser: options.resolveUser, schema, maxBytes: MAX_BODY_BYTES, signInMessage: 'Sign in to resume an upload.' });
    if (!post.ok) return post.response;
    const at = now();
    const epoch = post.data.epoch ?? resumeEpochOf(at);
    if (!resumeEpochOpen(epoch, at)) return errorResponse(410, 'key-expired', 'This resume key is no longer given out.');
    const key = await deriveResumeKey(await master, post.userId, epoch);
    const answer: ResumeKeyAnswer = { epoch, key: base64url(new Uint8Array(key)) };
    return jsonResponse(200, answer, { pragma: 'no-cache' });
  };
}

async function deriveResumeKey(master: CryptoKey, userId: UserId, epoch: number): Promise<ArrayBuffer> {
  // The epoch is digits only, so the separator keeps every (epoch, user) pair apart.
  const info = new TextEncoder().encode(`${epoch}\u0000${String(userId)}`);
  return crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info }, master, RESUME_KEY_BYTES * 8);
}

// btoa rather than Buffer: the handler runs on edge runtimes too.
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

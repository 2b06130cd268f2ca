import type * as z from 'zod';
import { errorResponse, readJson } from './json.js';

export type UserId = string | number;

/** The host's own session lookup: who is signed in, or null. */
export type ResolveUser = (request: Request) => UserId | null | undefined | Promise<UserId | null | undefined>;

export type UserPost<T> = { ok: true; userId: UserId; data: T } | { ok: false; response: Response };

/**
 * Where every applicant's JSON POST starts: 405 for another method, 401 without a signed-in user
 * (the body unread), 400 `invalid-request` for a body over `maxBytes`, not JSON, or not the
 * schema's (naming the first field at fault, never echoing values).
 */
export async function readUserPost<Schema extends z.ZodType>(
  request: Request,
  options: { resolveUser: ResolveUser; schema: Schema; maxBytes: number; signInMessage: string },
): Promise<UserPost<z.infer<Schema>>> {
  if (request.method !== 'POST') {
    await request.body?.cancel();
    return { ok: false, response: errorResponse(405, 'method-not-allowed', 'Use POST.', { allow: 'POST' }) };
  }
  const userId = await options.resolveUser(request);
  if (userId === null || userId === undefined) {
    await request.body?.cancel();
    return { ok: false, response: errorResponse(401, 'unauthenticated', options.signInMessage) };
  }
  const body = await readSchemaBody(request, options);
  return body.ok ? { ok: true, userId, data: body.data } : body;
}

export type SchemaPost<T> = { ok: true; data: T } | { ok: false; response: Response };

/** A JSON POST from a caller without the host's session (a phone with a handoff token): readUserPost without the user. */
export async function readPost<Schema extends z.ZodType>(request: Request, options: { schema: Schema; maxBytes: number }): Promise<SchemaPost<z.infer<Schema>>> {
  if (request.method !== 'POST') {
    await request.body?.cancel();
    return { ok: false, response: errorResponse(405, 'method-not-allowed', 'Use POST.', { allow: 'POST' }) };
  }
  return readSchemaBody(request, options);
}

async function readSchemaBody<Schema extends z.ZodType>(request: Request, options: { schema: Schema; maxBytes: number }): Promise<SchemaPost<z.infer<Schema>>> {
  const body = await readJson(request, options.maxBytes);
  if (!body.ok) return { ok: false, response: errorResponse(400, 'invalid-request', body.reason) };
  const parsed = options.schema.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, response: errorResponse(400, 'invalid-request', `${issue.path.join('.') || 'body'}: ${issue.message}`) };
  }
  return { ok: true, data: parsed.data };
}

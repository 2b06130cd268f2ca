import { readBoundedBody, type WebMessage } from '../bounded-read.js';

/**
 * JSON in and out of web-standard handlers (`Request → Response`), the shape `kyc-upload/server`
 * handlers take so they run on Node, Bun, Deno and edge runtimes alike.
 */

export type JsonRead = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * A JSON body, read up to `maxBytes`. Requiring `application/json` is also a CSRF defence: a
 * cross-site page cannot send it without a CORS preflight, which these handlers never grant.
 * A `Request`, or a node:http request's headers and body (http-json.ts).
 */
export async function readJson(request: WebMessage, maxBytes: number): Promise<JsonRead> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    await request.body?.cancel();
    return { ok: false, reason: 'Content-Type must be application/json.' };
  }
  const bytes = await readBoundedBody(request, maxBytes);
  if (!bytes) return { ok: false, reason: `The body exceeds ${maxBytes} bytes.` };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, reason: 'The body is not valid UTF-8 JSON.' };
  }
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });
}

/** The error shape every handler answers with: a stable code and a sentence for the developer. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { error: { code, message } }, headers);
}

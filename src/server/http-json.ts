import type { IncomingMessage, ServerResponse } from 'node:http';
import { type JsonRead, readJson } from './web/json.js';
import { webBody, webHeaders } from './web/node-adapter.js';

/**
 * `readJson` (web/json.ts) for a node:http request: the same checks on the same capped reader. A
 * body cut short is drained, not destroyed: destroying the request would take the socket, and the
 * answer, with it.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonRead> {
  return readJson({ headers: webHeaders(req), body: webBody(req) }, maxBytes);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

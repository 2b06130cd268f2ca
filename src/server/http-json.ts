import type { IncomingMessage, ServerResponse } from 'node:http';

export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Reads a JSON request body. Requiring `application/json` is also a CSRF defence: a cross-site
 * page cannot send it without a CORS preflight, which this server never grants.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return { ok: false, reason: 'Content-Type must be application/json.' };
  }
  const body = await readCapped(req, maxBytes);
  if (!body) return { ok: false, reason: `The body exceeds ${maxBytes} bytes.` };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false, reason: 'The body is not valid JSON.' };
  }
}

/**
 * The whole body, or undefined past the limit. The rest is drained, not cut: destroying the
 * request would take the socket, and the answer, with it.
 */
function readCapped(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= maxBytes ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
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

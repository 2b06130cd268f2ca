import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { S3rverContext } from '@20minutes/s3rver';

/** Reads a whole request body, up to `limit` bytes; past it, `data` is left out. */
export async function readCapped(req: IncomingMessage, limit: number): Promise<{ size: number; data?: Buffer }> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Drain past the limit instead of cutting the socket, so the client reads the XML refusal.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? { size } : { size, data: Buffer.concat(chunks) };
}

/** s3rver's handlers read `ctx.req` (busboy for POST, the store for PUT): give them the bytes already read. */
export function replayBody(ctx: S3rverContext, data: Buffer): void {
  const original = ctx.req;
  const replay = Object.assign(Readable.from([data], { objectMode: false }), {
    headers: original.headers,
    rawHeaders: original.rawHeaders,
    method: original.method,
    url: original.url,
    httpVersion: original.httpVersion,
    socket: original.socket,
    connection: original.socket,
  }) as unknown as IncomingMessage;
  ctx.req = replay;
  ctx.request.req = replay;
}

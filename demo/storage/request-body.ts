import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { S3rverContext } from '@20minutes/s3rver';

/** s3rver's handlers read `ctx.req` (busboy for POST, the store for PUT): give them the bytes already read. */
export function replayBody(ctx: S3rverContext, data: Uint8Array): void {
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

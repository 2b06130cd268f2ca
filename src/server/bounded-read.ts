import { concatBytes } from '../core/bytes.js';

/**
 * The one capped reader of a body: its bytes, or undefined as soon as it passes `maxBytes`, so a
 * client, a store that lies about a size, or an object replaced while it is read cannot make the
 * server hold more than the limit. Leaving the loop early ends the body (the iterator's `return()`
 * destroys a Node stream and cancels a web stream).
 */
export async function readBounded(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return concatBytes(chunks);
}

/** What a web `Request` or `Response` carries that the reader needs. */
export interface WebMessage {
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
}

/** A web message's body by `readBounded`; one that declares more than `maxBytes` is cancelled unread. */
export async function readBoundedBody(message: WebMessage, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!message.body) return new Uint8Array();
  const declared = Number(message.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await message.body.cancel();
    return undefined;
  }
  return readBounded(message.body as unknown as AsyncIterable<Uint8Array>, maxBytes);
}

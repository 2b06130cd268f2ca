import { concatBytes } from '../../core/bytes.js';

/**
 * The bytes of a body, or undefined as soon as it passes `maxBytes`: a store that lies about a
 * size (or an object replaced while it is read) cannot make the server hold more than the limit.
 * Leaving the loop early ends the download (the iterator's `return()` destroys the stream).
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

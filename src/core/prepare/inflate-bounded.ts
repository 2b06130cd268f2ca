import { concatBytes } from '../bytes.js';

/** Past this, compressed metadata is a bomb, not metadata: XMP packets and EXIF are kilobytes. */
const MAX_INFLATED_BYTES = 8 << 20;

/**
 * A zlib stream (PNG zTXt and compressed iTXt or EXIF, a PDF's object stream) inflated with the
 * platform's DecompressionStream (browsers and Node 20 alike), stopping past `limit`. A stream that
 * is corrupt or cut short gives what inflated before the fault, as viewers show it; undefined when
 * nothing did (not zlib at all).
 */
export async function inflateBounded(data: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<Uint8Array | 'too-large' | undefined> {
  // Written straight into the stream: a Blob piped through it costs three times as much per stream.
  const inflater = new DecompressionStream('deflate');
  const writer = inflater.writable.getWriter();
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = inflater.readable.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      parts.push(value);
    }
  } catch {
    if (parts.length === 0) return undefined;
  }
  return concatBytes(parts);
}

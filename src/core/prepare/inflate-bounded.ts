/** Past this, compressed text is a bomb, not metadata: XMP packets are kilobytes. */
const MAX_INFLATED_BYTES = 8 << 20;

/**
 * A zlib stream (PNG zTXt, compressed iTXt) inflated with the platform's DecompressionStream
 * (browsers and Node 20 alike), stopping at MAX_INFLATED_BYTES. Undefined when the data is not
 * valid zlib: no viewer could show it either.
 */
export async function inflateBounded(data: Uint8Array): Promise<Uint8Array | 'too-large' | undefined> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_INFLATED_BYTES) {
        await reader.cancel();
        return 'too-large';
      }
      parts.push(value);
    }
  } catch {
    // A zlib stream cut short or corrupt: what was inflated so far is all any viewer gets.
    if (parts.length === 0) return undefined;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

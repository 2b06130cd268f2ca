import { UploadError } from '../errors.js';

/**
 * Where a JPEG's or PNG's image data ends, or `damaged` when it never does. A decode cannot tell
 * everywhere: Firefox and WebKit decode a file cut short without complaint (the missing rows come
 * out grey), so the file's own structure is walked instead: a JPEG must reach its EOI marker, a
 * PNG its IEND chunk. What follows those (a motion photo's video, data hidden by a tool) is not
 * part of the image.
 */
export async function imageDataEnd(file: Blob, type: 'image/jpeg' | 'image/png'): Promise<number> {
  // Nearly every file ends with its end marker: then two or twelve bytes say so, and a 27 MB photo
  // is not read twice on a phone's main thread. Anything else (cut short, or with bytes after the
  // image) is walked.
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - PNG_END.length)).arrayBuffer());
  const ending = type === 'image/jpeg' ? JPEG_END : PNG_END;
  if (tail.length >= ending.length && ending.every((byte, i) => tail[tail.length - ending.length + i] === byte)) return file.size;
  const reader = new BlockReader(file);
  const end = type === 'image/jpeg' ? await jpegEnd(reader) : await pngEnd(reader);
  if (end < 0) throw new UploadError('damaged', 'The image ends before its data does.');
  return end;
}

const JPEG_END = [0xff, 0xd9];
/** An empty IEND chunk: length 0, type, CRC. */
const PNG_END = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

// Reads a file a block at a time: a 30 MB photo is walked without holding it twice in memory.
const BLOCK_BYTES = 1 << 18;

class BlockReader {
  #bytes = new Uint8Array(0);
  #start = 0;

  constructor(private readonly file: Blob) {}

  get size(): number {
    return this.file.size;
  }

  /** Makes `count` bytes from `at` readable; false when the file ends first. */
  async has(at: number, count: number): Promise<boolean> {
    if (at + count > this.file.size) return false;
    if (at < this.#start || at + count > this.#start + this.#bytes.length) {
      this.#start = at;
      this.#bytes = new Uint8Array(await this.file.slice(at, at + Math.max(BLOCK_BYTES, count)).arrayBuffer());
    }
    return true;
  }

  /** A byte made readable by `has`. */
  at(offset: number): number {
    return this.#bytes[offset - this.#start]!;
  }

  uint16(offset: number): number {
    return (this.at(offset) << 8) | this.at(offset + 1);
  }

  uint32(offset: number): number {
    return ((this.uint16(offset) << 16) | this.uint16(offset + 2)) >>> 0;
  }

  /**
   * The first marker after entropy-coded data from `at`: 0xFF followed by anything but a stuffed
   * 0x00, a restart marker or another 0xFF (fill). -1 when the file ends first.
   */
  async nextMarker(at: number): Promise<number> {
    for (let from = at; await this.has(from, 2); ) {
      const found = this.#bytes.indexOf(0xff, from - this.#start);
      if (found < 0) {
        from = this.#start + this.#bytes.length;
        continue;
      }
      const marker = this.#start + found;
      // An 0xFF that ends the block: the block is read again from it, for the byte after it.
      if (!(await this.has(marker, 2))) return -1;
      const next = this.at(marker + 1);
      if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) {
        from = marker + 1;
        continue;
      }
      return marker;
    }
    return -1;
  }
}

const SOS = 0xda;
const EOI = 0xd9;

/** Segments by their lengths, each scan's entropy-coded data to its next marker, until EOI; -1 without one. */
async function jpegEnd(reader: BlockReader): Promise<number> {
  let at = 2; // after SOI
  while (await reader.has(at, 2)) {
    if (reader.at(at) !== 0xff) return -1;
    const marker = reader.at(at + 1);
    if (marker === EOI) return at + 2;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (!(await reader.has(at + 2, 2))) return -1;
    at += 2 + reader.uint16(at + 2);
    if (marker === SOS) {
      at = await reader.nextMarker(at);
      if (at < 0) return -1;
    }
  }
  return -1;
}

/** Chunks by their lengths, from the signature to the end of IEND; -1 without one. */
async function pngEnd(reader: BlockReader): Promise<number> {
  const IEND = 0x49454e44;
  for (let at = 8; await reader.has(at, 8); ) {
    const length = reader.uint32(at);
    if (reader.uint32(at + 4) === IEND) return at + 12 + length <= reader.size ? at + 12 + length : -1;
    at += 12 + length;
  }
  return -1;
}

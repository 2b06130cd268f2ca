/**
 * The one walk over a JPEG's segments and a PNG's chunks, shared by everything here that reads
 * them (the header's facts, completeness, location metadata, stripping, JPEG quality). It goes
 * through the whole file, a block at a time, unless its reader stops: metadata can follow the
 * image data (a progressive JPEG may put an APP1 segment between its scans; a PNG its text chunks
 * after IDAT), and a 30 MB photo is not held twice in memory.
 */

// Reads a file a block at a time.
const BLOCK_BYTES = 1 << 18;

export class BlockReader {
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

  /** `count` bytes from `at`, or undefined when the file ends first. */
  async bytes(at: number, count: number): Promise<Uint8Array | undefined> {
    if (!(await this.has(at, count))) return undefined;
    return this.#bytes.slice(at - this.#start, at - this.#start + count);
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

export const JPEG_SOS = 0xda;
export const JPEG_EOI = 0xd9;

/** A JPEG segment: its marker at `at`, its payload (after the 2 length bytes) from `at + 4`, `length - 2` bytes. */
export interface JpegSegment {
  marker: number;
  at: number;
  /** The length field: payload plus its own 2 bytes; 0 for EOI. */
  length: number;
}

/**
 * Segments by their lengths, each scan's entropy-coded data skipped to its next marker, up to and
 * including EOI. Stops early (without EOI) where the structure breaks or the file ends.
 */
export async function* jpegSegments(reader: BlockReader): AsyncGenerator<JpegSegment> {
  let at = 2; // after SOI
  while (await reader.has(at, 2)) {
    if (reader.at(at) !== 0xff) return;
    const marker = reader.at(at + 1);
    if (marker === JPEG_EOI) {
      yield { marker, at, length: 0 };
      return;
    }
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (!(await reader.has(at + 2, 2))) return;
    const length = reader.uint16(at + 2);
    yield { marker, at, length };
    at += 2 + length;
    if (marker === JPEG_SOS) {
      at = await reader.nextMarker(at);
      if (at < 0) return;
    }
  }
}

export const PNG_IEND = 0x49454e44;

/** A PNG chunk: length and type at `at`, data from `at + 8`, `length` bytes, then its CRC. */
export interface PngChunk {
  type: number;
  at: number;
  length: number;
}

/** Chunks by their lengths, from the signature up to and including IEND. */
export async function* pngChunks(reader: BlockReader): AsyncGenerator<PngChunk> {
  for (let at = 8; await reader.has(at, 8); ) {
    const chunk = { type: reader.uint32(at + 4), at, length: reader.uint32(at) };
    yield chunk;
    if (chunk.type === PNG_IEND) return;
    at += 12 + chunk.length;
  }
}

/**
 * Chunks holding EXIF as exiftool reads them: eXIf, and zxIf (compressed EXIF, once proposed), in
 * any case. Each may hold the EXIF (a TIFF) after an optional `Exif\0\0`, or compressed.
 */
export const isPngExifChunk = (name: string): boolean => ['exif', 'zxif'].includes(name.toLowerCase());
/** Text chunks: any viewer shows them, and they carry XMP and ImageMagick's raw profiles. */
export const PNG_TEXT_CHUNKS: readonly string[] = ['tEXt', 'zTXt', 'iTXt'];

/** A chunk type as its four letters. */
export const chunkName = (type: number): string => String.fromCharCode(type >>> 24, (type >>> 16) & 0xff, (type >>> 8) & 0xff, type & 0xff);

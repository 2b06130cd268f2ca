import { UploadError } from '../errors.js';
import { exifSegmentAsksForRotation } from './tiff-structure.js';
import { BlockReader, chunkName, isPngExifChunk, JPEG_SOS, jpegSegments, PNG_TEXT_CHUNKS, pngChunks } from './image-segments.js';

export interface ImageFacts {
  width: number;
  height: number;
  /** EXIF orientation as image-size reads it (1 = upright); 5–8 swap width and height once applied. */
  orientation: number;
  /**
   * The browser turns or mirrors the image as it draws it: image-size's orientation says so, or
   * any EXIF segment of a JPEG's header does, read at its first directory's real offset (image-size
   * reads the first segment only, at a fixed offset, and stops at the frame header).
   */
  turned: boolean;
  /** Whether the file carries metadata that may locate or identify (EXIF, XMP, IPTC, text chunks). */
  hasMetadata: boolean;
}

// Enough for any JPEG header: the frame header follows the APP segments, each at most 64 KiB.
const HEAD_BYTES = 1 << 20;

/**
 * Reads dimensions from the header, without decoding a pixel, so a pixel bomb (a tiny file that
 * declares 30000×30000) is measured before anything allocates memory for it. `reader` keeps the
 * head it read for the caller's next walk of the same file (a JPEG's quality), so a photo's
 * header is read from the file once before its decode can start.
 */
export async function readImageFacts(file: Blob, type: string, reader = new BlockReader(file)): Promise<ImageFacts> {
  // WebP may put metadata after the image data: it is read whole. JPEG and PNG are walked below.
  const whole = type === 'image/webp';
  const bytes = whole ? new Uint8Array(await file.arrayBuffer()) : (await reader.bytes(0, Math.min(file.size, HEAD_BYTES)))!;
  let size: { width?: number; height?: number; orientation?: number };
  try {
    const { imageSize } = await import('image-size');
    size = imageSize(bytes);
  } catch (error) {
    throw new UploadError('damaged', 'The image header cannot be read.', {}, { cause: error });
  }
  if (!size.width || !size.height) throw new UploadError('damaged', 'The image declares no dimensions.');
  const scan = METADATA_SCANS[type];
  // A format we cannot walk counts as carrying metadata: it is re-encoded either way.
  const { hasMetadata, turned } = scan ? await scan(reader, bytes) : { hasMetadata: true, turned: false };
  const orientation = size.orientation ?? 1;
  return { width: size.width, height: size.height, orientation, turned: turned || orientation > 1, hasMetadata };
}

interface HeaderScan {
  hasMetadata: boolean;
  /** An EXIF segment asks for a turn (JPEG only: the other formats are drawn whatever they say). */
  turned: boolean;
}

const METADATA_SCANS: Record<string, (reader: BlockReader, bytes: Uint8Array) => Promise<HeaderScan> | HeaderScan> = {
  'image/jpeg': scanJpegHeader,
  'image/png': async (reader) => ({ hasMetadata: await pngHasMetadata(reader), turned: false }),
  'image/webp': (_reader, bytes) => ({ hasMetadata: webpHasMetadata(bytes), turned: false }),
};

const APP1 = 0xe1;
const JPEG_METADATA = [APP1, 0xed, 0xfe];

/**
 * APP1 (EXIF, XMP), APP13 (IPTC) and comments can all hold places and names, and each EXIF
 * segment may ask for a turn. The header only, up to the first scan, where a browser reads the
 * orientation too: every photo is measured here, and a walk of every byte of a 27 MB one is left
 * to stripMetadata and findLocationMetadata, which need it.
 */
async function scanJpegHeader(reader: BlockReader): Promise<HeaderScan> {
  const scan = { hasMetadata: false, turned: false };
  for await (const segment of jpegSegments(reader)) {
    if (segment.marker === JPEG_SOS) break;
    if (!JPEG_METADATA.includes(segment.marker)) continue;
    scan.hasMetadata = true;
    if (segment.marker !== APP1 || scan.turned) continue;
    const payload = await reader.bytes(segment.at + 4, segment.length - 2);
    scan.turned = payload !== undefined && exifSegmentAsksForRotation(payload);
  }
  return scan;
}

/** EXIF chunks (eXIf, zxIf, in any case), tEXt, zTXt and iTXt (which carry XMP too) may stand before or after the image data. */
async function pngHasMetadata(reader: BlockReader): Promise<boolean> {
  for await (const chunk of pngChunks(reader)) {
    const name = chunkName(chunk.type);
    if (isPngExifChunk(name) || PNG_TEXT_CHUNKS.includes(name)) return true;
  }
  return false;
}

/** RIFF chunks `EXIF` and `XMP `; the `VP8X` header announces them, but the chunks are what counts. */
function webpHasMetadata(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('latin1');
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const name = decoder.decode(bytes.subarray(offset, offset + 4));
    if (name === 'EXIF' || name === 'XMP ') return true;
    const size = view.getUint32(offset + 4, true);
    offset += 8 + size + (size % 2);
  }
  return false;
}

import { UploadError } from '../errors.js';
import { isPngExifChunk, PNG_TEXT_CHUNKS } from './image-segments.js';

export interface ImageFacts {
  width: number;
  height: number;
  /** EXIF orientation (1 = upright); 5–8 swap width and height once applied. */
  orientation: number;
  /** Whether the file carries metadata that may locate or identify (EXIF, XMP, IPTC, text chunks). */
  hasMetadata: boolean;
}

// Enough for any JPEG header: the frame header follows the APP segments, each at most 64 KiB.
const HEAD_BYTES = 1 << 20;

/**
 * Reads dimensions from the header, without decoding a pixel, so a pixel bomb (a tiny file that
 * declares 30000×30000) is measured before anything allocates memory for it.
 */
export async function readImageFacts(file: Blob, type: string): Promise<ImageFacts> {
  // PNG and WebP may put metadata after the image data: they are read whole.
  const whole = type === 'image/png' || type === 'image/webp';
  const bytes = new Uint8Array(await (whole ? file : file.slice(0, HEAD_BYTES)).arrayBuffer());
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
  const hasMetadata = scan ? scan(bytes) : true;
  return { width: size.width, height: size.height, orientation: size.orientation ?? 1, hasMetadata };
}

const METADATA_SCANS: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/jpeg': jpegHasMetadata,
  'image/png': pngHasMetadata,
  'image/webp': webpHasMetadata,
};

/** APP1 (EXIF, XMP), APP13 (IPTC) and comments can all hold places and names. */
function jpegHasMetadata(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    if (marker === 0xda) return false; // start of scan: no more headers
    if (marker === 0xe1 || marker === 0xed || marker === 0xfe) return true;
    offset += 2 + view.getUint16(offset + 2);
  }
  return false;
}

/** EXIF chunks (eXIf, zxIf, in any case), tEXt, zTXt and iTXt (which carry XMP too) may stand before or after the image data. */
function pngHasMetadata(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('latin1');
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const name = decoder.decode(bytes.subarray(offset + 4, offset + 8));
    if (isPngExifChunk(name) || PNG_TEXT_CHUNKS.includes(name)) return true;
    if (name === 'IEND') return false;
    offset += 12 + length;
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

import { BlockReader, chunkName, JPEG_EOI, JPEG_SOS, jpegSegments, type JpegSegment, PNG_IEND, pngChunks } from './image-segments.js';
import { asksForRotation } from './tiff-structure.js';

export interface Stripped {
  /** The image as it is to be sent: the file itself when nothing was left out. */
  file: Blob;
  /** Some segment or chunk was left out (or JFIF's thumbnail). */
  metadataRemoved: boolean;
  /** Bytes after the image's end (a motion photo's video) were left out. */
  trailingRemoved: boolean;
}

/**
 * The JPEG or PNG without its metadata, its image data byte for byte: the file is rewritten
 * keeping, over its whole length, only the segments or chunks an allowlist names (metadata can
 * stand anywhere: between a progressive JPEG's scans, after a PNG's image data), so whatever a
 * writer invents next is left out too. No decode, no encode: the pixels cannot change and the
 * file only shrinks. Undefined where the structure cannot be followed (cut short, a marker or a
 * critical chunk this walker does not know, EXIF asking for a rotation): that file is re-encoded.
 */
export async function stripMetadata(file: Blob, type: 'image/jpeg' | 'image/png'): Promise<Stripped | undefined> {
  const reader = new BlockReader(file);
  const plan = type === 'image/jpeg' ? await planJpeg(reader) : await planPng(reader);
  if (!plan) return undefined;
  const trailingRemoved = plan.end < file.size;
  if (!plan.removed && !trailingRemoved) return { file, metadataRemoved: false, trailingRemoved };
  const parts = plan.keep.map((part) => (part instanceof Uint8Array ? part : file.slice(part[0], part[1])));
  // Copied into one buffer: Firefox sniffs an image's type from a Blob's first part alone, and
  // cannot decode one that starts with SOI on its own.
  const bytes = await new Blob(parts).arrayBuffer();
  return { file: new Blob([bytes], { type }), metadataRemoved: plan.removed, trailingRemoved };
}

/** What to write: byte ranges of the file, or replacement bytes; where the image ends; whether anything was left out. */
interface Plan {
  keep: Array<[number, number] | Uint8Array<ArrayBuffer>>;
  end: number;
  removed: boolean;
}

/** Collects kept ranges, merging neighbours so a file with nothing to drop stays one range. */
class PlanBuilder {
  readonly plan: Plan = { keep: [], end: 0, removed: false };

  keep(from: number, to: number): void {
    const last = this.plan.keep.at(-1);
    if (Array.isArray(last) && last[1] === from) last[1] = to;
    else this.plan.keep.push([from, to]);
    this.plan.end = to;
  }

  replace(bytes: Uint8Array<ArrayBuffer>, end: number): void {
    this.plan.keep.push(bytes);
    this.plan.removed = true;
    this.plan.end = end;
  }

  drop(end: number): void {
    this.plan.removed = true;
    this.plan.end = end;
  }
}

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const latin1 = new TextDecoder('latin1');

/**
 * The coding segments: C0–CF but the reserved C8 (the SOFn frames, DHT at C4, DAC at CC), and
 * D9–DD (EOI, SOS with its data, DQT, DNL, DRI). Hierarchical (DHP, EXP), JPEG-LS and reserved
 * markers are not followed.
 */
const isCodingMarker = (marker: number): boolean =>
  (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc8) || (marker >= 0xd9 && marker <= 0xdd);
const isApplicationOrComment = (marker: number): boolean => (marker >= APP0 && marker <= 0xef) || marker === COM;

async function planJpeg(reader: BlockReader): Promise<Plan | undefined> {
  const soi = await reader.bytes(0, 2);
  if (!soi || soi[0] !== 0xff || soi[1] !== 0xd8) return undefined;
  const builder = new PlanBuilder();
  builder.keep(0, 2);
  let afterScan = false;
  for await (const segment of jpegSegments(reader)) {
    // A scan's entropy-coded data runs up to the marker that follows it.
    if (afterScan) builder.keep(builder.plan.end, segment.at);
    afterScan = segment.marker === JPEG_SOS;
    const end = segment.at + 2 + segment.length;
    if (isCodingMarker(segment.marker)) {
      // With any fill bytes before its marker.
      builder.keep(builder.plan.end, end);
      if (segment.marker === JPEG_EOI) return builder.plan;
      continue;
    }
    if (!isApplicationOrComment(segment.marker) || segment.length < 2) return undefined;
    const verdict = await judgeApplicationSegment(reader, segment);
    if (verdict === 'unreadable') return undefined;
    if (verdict === 'keep') builder.keep(builder.plan.end, end);
    else if (verdict === 'drop') builder.drop(end);
    else builder.replace(verdict, end);
  }
  return undefined; // cut short: no EOI
}

/**
 * Kept: JFIF (without its thumbnail), the ICC profile (colours), Adobe's (how CMYK/YCCK is coded).
 * Everything else goes: EXIF, XMP, IPTC, MPF, makers' notes, comments.
 */
async function judgeApplicationSegment(reader: BlockReader, segment: JpegSegment): Promise<'keep' | 'drop' | 'unreadable' | Uint8Array<ArrayBuffer>> {
  const payloadLength = segment.length - 2;
  const head = await reader.bytes(segment.at + 4, Math.min(payloadLength, 14));
  if (!head) return 'unreadable';
  const label = latin1.decode(head);
  if (segment.marker === APP0 && label.startsWith('JFIF\0') && head.length === 14) {
    if (payloadLength === 14 && head[12] === 0 && head[13] === 0) return 'keep';
    // A thumbnail is pixels of its own, which nobody checks against the image.
    const jfif = new Uint8Array(18);
    jfif.set([0xff, APP0, 0, 16]);
    jfif.set(head.subarray(0, 12), 4);
    return jfif;
  }
  if (segment.marker === APP2 && label.startsWith('ICC_PROFILE\0')) return 'keep';
  if (segment.marker === APP14 && label.startsWith('Adobe')) return 'keep';
  if (segment.marker === APP1 && label.toLowerCase().startsWith('exif\0')) {
    const payload = await reader.bytes(segment.at + 4, payloadLength);
    if (payload && asksForRotation(payload.subarray(6))) return 'unreadable';
  }
  return 'drop';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Kept: the critical chunks, APNG's frames, and what says how the pixels look (colour space,
 * gamma, transparency, background, bit depth, pixel size, HDR mastering). Left out: text (tEXt,
 * zTXt, iTXt: XMP and ImageMagick's profiles), EXIF (eXIf, zxIf), tIME, and any ancillary chunk
 * this list does not name.
 */
const PNG_KEPT = new Set([
  'IHDR', 'PLTE', 'IDAT', 'IEND',
  'acTL', 'fcTL', 'fdAT',
  'tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCV', 'cLLI', 'bKGD', 'pHYs',
]);
/** Bit 5 of a chunk type's first letter: lower case (set) is ancillary, upper case critical. */
const isCritical = (name: string): boolean => name.charCodeAt(0) < 0x61;

async function planPng(reader: BlockReader): Promise<Plan | undefined> {
  const signature = await reader.bytes(0, 8);
  if (!signature || PNG_SIGNATURE.some((byte, i) => signature[i] !== byte)) return undefined;
  const builder = new PlanBuilder();
  builder.keep(0, 8);
  for await (const chunk of pngChunks(reader)) {
    const end = chunk.at + 12 + chunk.length;
    if (chunk.length > 0x7fffffff || end > reader.size) return undefined;
    const name = chunkName(chunk.type);
    if (PNG_KEPT.has(name)) {
      builder.keep(chunk.at, end);
      if (chunk.type === PNG_IEND) return builder.plan;
    } else if (isCritical(name)) {
      return undefined; // a decoder must understand it: not ours to drop
    } else {
      if (name === 'eXIf') {
        const data = await reader.bytes(chunk.at + 8, chunk.length);
        if (data && asksForRotation(data)) return undefined;
      }
      builder.drop(end);
    }
  }
  return undefined; // no IEND
}

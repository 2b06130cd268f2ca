import { UploadError } from '../errors.js';
import { BlockReader, chunkName, JPEG_EOI, jpegSegments, pngChunks } from './image-segments.js';
import { readTiffLayout, TAG, type TiffLayout } from './tiff-structure.js';
import { inflateBounded } from './inflate-bounded.js';

export type LocationType = 'image/jpeg' | 'image/png' | 'image/tiff';

/**
 * Where a file still carries the place it was taken, or undefined: the browser's last check on
 * what it sends, and the server's check on what was stored (one module, browsers and Node 20).
 * The whole file is walked: APP1 segments between a progressive JPEG's scans, PNG text chunks
 * after the image data, every directory of a multi-page TIFF.
 *
 * Reasons: `exif-gps` (JPEG EXIF), `png-exif` (PNG eXIf chunk or ImageMagick's raw EXIF profile),
 * `tiff-gps`, `xmp-gps` (an XMP packet with coordinates, in any of the three), `exif-unreadable`
 * (EXIF that cannot be parsed, so cannot be cleared), `text-too-large` (compressed text inflating
 * past the bound). A TIFF whose directories cannot be walked is `damaged` (thrown).
 */
export async function findLocationMetadata(file: Blob, type: LocationType): Promise<string | undefined> {
  if (type === 'image/jpeg') return findInJpeg(new BlockReader(file));
  if (type === 'image/png') return findInPng(new BlockReader(file));
  const bytes = new Uint8Array(await file.arrayBuffer());
  return tiffLocation(readTiffLayout(bytes), bytes);
}

/** Coordinates in XMP, whatever the prefix (`exif:GPSLatitude="…"`, `<exif:GPSLongitude>`), ASCII or UTF-16. */
const XMP_COORDINATES = /GPS(?:Dest)?(?:Latitude|Longitude)\b/;
const latin1 = new TextDecoder('latin1');
const hasXmpCoordinates = (bytes: Uint8Array): boolean => XMP_COORDINATES.test(latin1.decode(bytes).replaceAll('\0', ''));

const APP1 = 0xe1;
const EXIF_HEADER = 'Exif\0\0';
const XMP_HEADERS = ['http://ns.adobe.com/xap/1.0/\0', 'http://ns.adobe.com/xmp/extension/\0'];

async function findInJpeg(reader: BlockReader): Promise<string | undefined> {
  for await (const segment of jpegSegments(reader)) {
    if (segment.marker === JPEG_EOI) return undefined;
    if (segment.marker !== APP1 || segment.length < 2) continue;
    const payload = await reader.bytes(segment.at + 4, segment.length - 2);
    if (!payload) return undefined;
    const head = latin1.decode(payload.subarray(0, 40));
    if (head.startsWith(EXIF_HEADER)) {
      const found = exifLocation(payload.subarray(EXIF_HEADER.length), 'exif-gps');
      if (found) return found;
    } else if (XMP_HEADERS.some((header) => head.startsWith(header)) && hasXmpCoordinates(payload)) {
      return 'xmp-gps';
    }
  }
  return undefined;
}

// ImageMagick keeps profiles it cannot place as hex text: `Raw profile type exif`, `… xmp`, `… APP1`.
const RAW_PROFILE = 'Raw profile type ';

async function findInPng(reader: BlockReader): Promise<string | undefined> {
  for await (const chunk of pngChunks(reader)) {
    const name = chunkName(chunk.type);
    if (!['eXIf', 'tEXt', 'zTXt', 'iTXt'].includes(name)) continue;
    const data = await reader.bytes(chunk.at + 8, chunk.length);
    if (!data) return undefined;
    if (name === 'eXIf') {
      const found = exifLocation(data, 'png-exif');
      if (found) return found;
      continue;
    }
    const text = await textChunk(name, data);
    if (text === 'too-large') return 'text-too-large';
    if (!text) continue;
    if (text.keyword.startsWith(RAW_PROFILE)) {
      const profile = fromHexProfile(text.value);
      const found = profile && (exifLocation(profile, 'png-exif') ?? (hasXmpCoordinates(profile) ? 'xmp-gps' : undefined));
      if (found) return found;
    } else if (hasXmpCoordinates(text.value)) {
      // XMP (keyword XML:com.adobe.xmp) or not: a viewer shows any text chunk.
      return 'xmp-gps';
    }
  }
  return undefined;
}

/** A text chunk's keyword and (inflated) value; undefined when it cannot be read, as no viewer could. */
async function textChunk(name: string, data: Uint8Array): Promise<{ keyword: string; value: Uint8Array } | 'too-large' | undefined> {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 0) return undefined;
  const keyword = latin1.decode(data.subarray(0, keywordEnd));
  let value: Uint8Array;
  let compressed = name === 'zTXt';
  if (name === 'iTXt') {
    // keyword \0 flag method language \0 translated keyword \0 text
    compressed = data[keywordEnd + 1] === 1;
    const languageEnd = data.indexOf(0, keywordEnd + 3);
    const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
    if (translatedEnd < 0) return undefined;
    value = data.subarray(translatedEnd + 1);
  } else {
    value = data.subarray(keywordEnd + (compressed ? 2 : 1));
  }
  if (!compressed) return { keyword, value };
  const inflated = await inflateBounded(value);
  return inflated === 'too-large' || inflated === undefined ? inflated : { keyword, value: inflated };
}

/** `\nexif\n   1234\n4578 6966…`: the profile's name, length, then hex digits over many lines. */
function fromHexProfile(text: Uint8Array): Uint8Array | undefined {
  const lines = latin1.decode(text).trim().split('\n');
  const hex = lines.slice(2).join('').replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return undefined;
  const bytes = Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
  // ImageMagick's exif profile starts with the APP1 header, an eXIf chunk without it.
  return latin1.decode(bytes.subarray(0, 6)) === EXIF_HEADER ? bytes.subarray(6) : bytes;
}

/** EXIF is a small TIFF: GPS in any of its directories, or EXIF that cannot be walked (and so not cleared). */
function exifLocation(tiff: Uint8Array, reason: string): string | undefined {
  if (tiff.length < 8 || !(tiff[0] === 0x49 || tiff[0] === 0x4d)) return undefined;
  let layout: TiffLayout;
  try {
    layout = readTiffLayout(tiff);
  } catch (error) {
    if (error instanceof UploadError) return 'exif-unreadable';
    throw error;
  }
  return tiffLocation(layout, tiff) ? reason : undefined;
}

/** A GPS directory holding more than its version number, or XMP (alone or inside Photoshop's resources) with coordinates. */
function tiffLocation(layout: TiffLayout, bytes: Uint8Array): 'tiff-gps' | 'xmp-gps' | undefined {
  const GPS_VERSION = 0;
  if (layout.directories.some((directory) => directory.kind === 'gps' && directory.entries.some((entry) => entry.tag !== GPS_VERSION))) return 'tiff-gps';
  for (const directory of layout.directories) {
    for (const entry of directory.entries) {
      if (entry.tag !== TAG.xmp && entry.tag !== TAG.photoshop) continue;
      if (hasXmpCoordinates(bytes.subarray(entry.valueAt, entry.valueAt + entry.valueSize))) return 'xmp-gps';
    }
  }
  return undefined;
}

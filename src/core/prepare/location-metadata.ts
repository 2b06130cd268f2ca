import { UploadError } from '../errors.js';
import { BlockReader, chunkName, isPngExifChunk, JPEG_EOI, jpegSegments, PNG_TEXT_CHUNKS, pngChunks } from './image-segments.js';
import { hasTiffMagic, readTiffLayout, TAG, type TiffLayout } from './tiff-structure.js';
import { inflateBounded } from './inflate-bounded.js';

export type LocationType = 'image/jpeg' | 'image/png' | 'image/tiff';

/**
 * Where a file still carries the place it was taken, or undefined: the browser's last check on
 * what it sends, and the server's check on what was stored (one module, browsers and Node 20).
 * The whole file is walked: APP1 segments between a progressive JPEG's scans, PNG text chunks
 * after the image data, every directory of a multi-page TIFF. EXIF is looked for wherever exiftool
 * (what a reviewer would run) reads it, and EXIF found there but not readable here is reported
 * too: the server must refuse what it cannot read.
 *
 * Reasons: `exif-gps` (JPEG EXIF), `png-exif` (PNG eXIf/zxIf chunk or ImageMagick's raw EXIF
 * profile), `tiff-gps`, `xmp-gps` (XMP coordinates, in any of the three), `exif-unreadable` (EXIF
 * that cannot be parsed or inflated, so cannot be cleared), `exif-too-large` and `text-too-large`
 * (compressed EXIF or text inflating past the bound), `profile-unreadable` (an ImageMagick raw
 * profile whose hex cannot be read). A TIFF whose directories cannot be walked is `damaged` (thrown).
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

/**
 * Where the TIFF starts in an APP1 payload that exiftool reads as EXIF (/^(.{0,4})Exif\0/is, then
 * one more byte): `Exif\0` in any case, up to 4 bytes of anything before it (the longest such
 * prefix, as its regular expression backtracks). -1 when the segment is no EXIF.
 */
function exifTiffStart(head: string): number {
  for (let prefix = 4; prefix >= 0; prefix--) {
    if (head.slice(prefix, prefix + 5).toLowerCase() === 'exif\0') return prefix + 6;
  }
  return -1;
}

async function findInJpeg(reader: BlockReader): Promise<string | undefined> {
  for await (const segment of jpegSegments(reader)) {
    if (segment.marker === JPEG_EOI) return undefined;
    if (segment.marker !== APP1 || segment.length < 2) continue;
    const payload = await reader.bytes(segment.at + 4, segment.length - 2);
    if (!payload) return undefined;
    const tiffStart = exifTiffStart(latin1.decode(payload.subarray(0, 10)));
    if (tiffStart >= 0) {
      const found = exifLocation(payload.subarray(tiffStart), 'exif-gps');
      if (found) return found;
    } else if (hasXmpCoordinates(payload)) {
      // XMP under its standard headers or not: exiftool reads an APP1 starting `http` or `XMP\0`,
      // or holding `<exif:` anywhere, as XMP.
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
    const exif = isPngExifChunk(name);
    if (!exif && !PNG_TEXT_CHUNKS.includes(name)) continue;
    const data = await reader.bytes(chunk.at + 8, chunk.length);
    if (!data) return undefined;
    if (exif) {
      const found = await pngExifLocation(data);
      if (found) return found;
      continue;
    }
    const text = await textChunk(name, data);
    if (text === 'too-large') return 'text-too-large';
    if (!text) continue;
    if (text.keyword.startsWith(RAW_PROFILE)) {
      const found = rawProfileLocation(text.keyword.slice(RAW_PROFILE.length), text.value);
      if (found) return found;
    } else if (hasXmpCoordinates(text.value)) {
      // XMP (keyword XML:com.adobe.xmp) or not: a viewer shows any text chunk.
      return 'xmp-gps';
    }
  }
  return undefined;
}

/** Compressed EXIF inside compressed EXIF: exiftool inflates again and again; past this, nobody writes that. */
const MAX_EXIF_LAYERS = 4;

/**
 * An eXIf or zxIf chunk as exiftool reads it: an optional `Exif\0\0`, then either a TIFF or `\0`,
 * 4 bytes (the inflated length, unchecked) and a zlib stream inflating to the same again.
 */
async function pngExifLocation(chunk: Uint8Array): Promise<string | undefined> {
  let data = chunk;
  for (let layer = 0; layer <= MAX_EXIF_LAYERS; layer++) {
    if (latin1.decode(data.subarray(0, EXIF_HEADER.length)) === EXIF_HEADER) data = data.subarray(EXIF_HEADER.length);
    if (data[0] !== 0) return exifLocation(data, 'png-exif');
    const inflated = await inflateBounded(data.subarray(5));
    if (inflated === 'too-large') return 'exif-too-large';
    if (!inflated) return 'exif-unreadable';
    data = inflated;
  }
  return 'exif-unreadable';
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

/**
 * An ImageMagick raw profile (`exif`, `APP1`, `xmp`, `8bim`, …): EXIF after the APP1 header or
 * without it, else XMP coordinates anywhere in it. One whose hex cannot be read is refused:
 * exiftool turns any character into a digit, so what it shows cannot be known here.
 */
function rawProfileLocation(kind: string, text: Uint8Array): string | undefined {
  const profile = fromHexProfile(text);
  if (!profile) return 'profile-unreadable';
  // ImageMagick's exif profile starts with the APP1 header, an eXIf chunk without it.
  if (latin1.decode(profile.subarray(0, EXIF_HEADER.length)) === EXIF_HEADER) return exifLocation(profile.subarray(EXIF_HEADER.length), 'png-exif');
  if (hasTiffMagic(profile) || kind.toLowerCase() === 'exif') return exifLocation(profile, 'png-exif');
  return hasXmpCoordinates(profile) ? 'xmp-gps' : undefined;
}

/** `\nexif\n   1234\n4578 6966…`: the profile's name, length, then hex digits over many lines. */
function fromHexProfile(text: Uint8Array): Uint8Array | undefined {
  const lines = latin1.decode(text).trim().split('\n');
  const hex = lines.slice(2).join('').replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return undefined;
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/**
 * EXIF is a small TIFF: GPS in any of its directories, or EXIF that is no TIFF or cannot be walked
 * (and so cannot be cleared, nor shown to hold nothing).
 */
function exifLocation(tiff: Uint8Array, reason: string): string | undefined {
  if (tiff.length < 8 || !hasTiffMagic(tiff)) return 'exif-unreadable';
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

import { concatBytes as joinBytes } from '../../src/core/bytes.js';
import type { LocationType } from '../../src/core/prepare/location-metadata.js';

/**
 * What findLocationMetadata must say of each fixture (paths under test/fixtures/): checked in the
 * three browsers (location-metadata.test.ts) and in Node, where the server runs it
 * (test/server/tiff-location.test.ts).
 */
export const LOCATION_CASES: Array<[fixture: string, type: LocationType, found: string | undefined]> = [
  ['rotated-gps.jpg', 'image/jpeg', 'exif-gps'],
  ['small-gps.jpg', 'image/jpeg', 'exif-gps'],
  ['small-gps.png', 'image/png', 'png-exif'],
  ['id-card.jpg', 'image/jpeg', undefined],
  ['id-card.png', 'image/png', undefined],
  ['id-card.tiff', 'image/tiff', undefined],
  ['motion-photo.jpg', 'image/jpeg', undefined],
  ['hostile/jpeg-gps-between-scans.jpg', 'image/jpeg', 'exif-gps'],
  ['hostile/png-xmp-gps-after-idat.png', 'image/png', 'xmp-gps'],
  ['hostile/tiff-gps.tiff', 'image/tiff', 'tiff-gps'],
  ['hostile/tiff-xmp-gps.tiff', 'image/tiff', 'xmp-gps'],
  ['hostile/tiff-gps-page-2.tiff', 'image/tiff', 'tiff-gps'],
  ['hostile/tiff-gps-in-exif.tiff', 'image/tiff', 'tiff-gps'],
  ['hostile/tiff-ifd-at-end.tiff', 'image/tiff', undefined],
  ['hostile/tiff-big-endian.tiff', 'image/tiff', undefined],
  ['hostile/tiff-two-pages-jpeg.tiff', 'image/tiff', undefined],
];

/** A committed fixture's bytes (path under test/fixtures/): fetched in browsers, read from disk in Node. */
export type FixtureBytes = (fixture: string) => Promise<Uint8Array>;

/**
 * EXIF where a strict reader does not look but exiftool (and so a reviewer) still reads the GPS:
 * the GPS EXIF of small-gps.jpg put into the GPS-free id-card.jpg / id-card.png under another
 * header or chunk. Built the same way by the browser and Node tests and by the hostile corpus
 * (test/fixtures/hostile/exif-variants.ts); `corpus` marks the ones the corpus holds.
 */
export interface ExifVariant {
  /** Also the corpus file name. */
  name: string;
  type: 'image/jpeg' | 'image/png';
  found: string;
  why: string;
  corpus?: true;
  build: (fixture: FixtureBytes) => Promise<Uint8Array<ArrayBuffer>>;
}

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

export const concatBytes = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => joinBytes(parts);

/** The TIFF inside a JPEG's first `Exif\0\0` APP1 segment. */
export function exifTiffOf(jpeg: Uint8Array): Uint8Array {
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  for (let at = 2; jpeg[at] === 0xff && jpeg[at + 1] !== 0xda; at += 2 + view.getUint16(at + 2)) {
    const payload = jpeg.subarray(at + 4, at + 2 + view.getUint16(at + 2));
    if (jpeg[at + 1] === 0xe1 && String.fromCharCode(...payload.subarray(0, 6)) === 'Exif\0\0') return payload.slice(6);
  }
  throw new Error('no EXIF segment');
}

/** The JPEG with an APP1 segment holding `payload` right after SOI. */
export function withApp1(jpeg: Uint8Array, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint16(0, 0xffe1);
  new DataView(head.buffer).setUint16(2, payload.length + 2);
  return concatBytes(jpeg.subarray(0, 2), head, payload, jpeg.subarray(2));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The PNG with a chunk (correct CRC) right after IHDR. */
export function withChunk(png: Uint8Array, name: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(ascii(name), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const afterIhdr = 8 + 12 + 13;
  return concatBytes(png.subarray(0, afterIhdr), chunk, png.subarray(afterIhdr));
}

/** Compressed EXIF as exiftool reads it in eXIf and zxIf: method 0, the inflated length, a zlib stream. */
export async function compressedExif(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  const zlib = new Uint8Array(await new Response(stream).arrayBuffer());
  const head = new Uint8Array(5);
  new DataView(head.buffer).setUint32(1, data.length);
  return concatBytes(head, zlib);
}

const gpsTiff = async (fixture: FixtureBytes) => exifTiffOf(await fixture('small-gps.jpg'));
const jpegVariant = (header: Uint8Array) => async (fixture: FixtureBytes) =>
  withApp1(await fixture('id-card.jpg'), concatBytes(header, await gpsTiff(fixture)));
const pngVariant = (chunk: string, data: (tiff: Uint8Array) => Uint8Array | Promise<Uint8Array>) => async (fixture: FixtureBytes) =>
  withChunk(await fixture('id-card.png'), chunk, await data(await gpsTiff(fixture)));

export const EXIF_VARIANTS: ExifVariant[] = [
  { name: 'jpeg-exif-upper-case.jpg', type: 'image/jpeg', found: 'exif-gps', corpus: true, why: 'GPS EXIF in an APP1 segment headed EXIF\\0\\0 rather than Exif\\0\\0', build: jpegVariant(ascii('EXIF\0\0')) },
  { name: 'jpeg-exif-prefixed.jpg', type: 'image/jpeg', found: 'exif-gps', corpus: true, why: 'GPS EXIF in an APP1 segment with four bytes before its Exif\\0\\0 header', build: jpegVariant(ascii('abcdExif\0\0')) },
  { name: 'jpeg-exif-one-nul.jpg', type: 'image/jpeg', found: 'exif-gps', why: 'GPS EXIF after exif\\0 and any sixth byte (Kodak wrote one NUL)', build: jpegVariant(ascii('exif\0 ')) },
  { name: 'jpeg-exif-not-tiff.jpg', type: 'image/jpeg', found: 'exif-unreadable', why: 'an Exif\\0\\0 APP1 segment whose data is no TIFF', build: async (fixture) => withApp1(await fixture('id-card.jpg'), ascii('Exif\0\0GPSLatitude 48.8557 N')) },
  { name: 'jpeg-xmp-other-header.jpg', type: 'image/jpeg', found: 'xmp-gps', why: 'XMP coordinates in an APP1 segment headed XMP\\0 (exiftool reads any APP1 holding <exif:)', build: async (fixture) => withApp1(await fixture('id-card.jpg'), ascii('XMP\0<x:xmpmeta><rdf:Description><exif:GPSLatitude>48,51.3415N</exif:GPSLatitude><exif:GPSLongitude>2,17.9117E</exif:GPSLongitude></rdf:Description></x:xmpmeta>')) },
  { name: 'png-exif-app1-header.png', type: 'image/png', found: 'png-exif', corpus: true, why: 'GPS EXIF in an eXIf chunk that starts with the JPEG header Exif\\0\\0', build: pngVariant('eXIf', (tiff) => concatBytes(ascii('Exif\0\0'), tiff)) },
  { name: 'png-exif-compressed.png', type: 'image/png', found: 'png-exif', corpus: true, why: 'GPS EXIF zlib-compressed in an eXIf chunk', build: pngVariant('eXIf', compressedExif) },
  { name: 'png-zxif.png', type: 'image/png', found: 'png-exif', corpus: true, why: 'GPS EXIF in a zxIf chunk (the once-proposed compressed EXIF)', build: pngVariant('zxIf', compressedExif) },
  { name: 'png-zxif-uncompressed.png', type: 'image/png', found: 'png-exif', why: 'GPS EXIF uncompressed in a zxIf chunk', build: pngVariant('zxIf', (tiff) => tiff) },
  { name: 'png-exif-other-case.png', type: 'image/png', found: 'png-exif', why: 'GPS EXIF in a chunk named exIf (exiftool reads the name in any case)', build: pngVariant('exIf', (tiff) => tiff) },
  { name: 'png-exif-compressed-twice.png', type: 'image/png', found: 'png-exif', why: 'Exif\\0\\0 and GPS EXIF compressed twice in an eXIf chunk', build: pngVariant('eXIf', async (tiff) => compressedExif(await compressedExif(concatBytes(ascii('Exif\0\0'), tiff)))) },
  { name: 'png-exif-not-tiff.png', type: 'image/png', found: 'exif-unreadable', why: 'an eXIf chunk whose data is no TIFF', build: pngVariant('eXIf', () => ascii('GPSLatitude 48.8557 N')) },
  { name: 'png-exif-bad-zlib.png', type: 'image/png', found: 'exif-unreadable', why: 'a compressed eXIf chunk whose zlib stream is broken', build: pngVariant('eXIf', async (tiff) => (await compressedExif(tiff)).map((byte, i) => (i >= 5 && i < 9 ? 0xff : byte))) },
  { name: 'png-raw-profile-odd-hex.png', type: 'image/png', found: 'profile-unreadable', why: 'GPS EXIF in an ImageMagick raw profile whose hex writes 0 as g (exiftool decodes it alike)', build: pngVariant('tEXt', rawProfileOddHex) },
];

/** `Raw profile type exif` as ImageMagick writes it, every hex 0 written g: Perl's pack('H*') reads g as 0. */
function rawProfileOddHex(tiff: Uint8Array): Uint8Array {
  const profile = concatBytes(ascii('Exif\0\0'), tiff);
  const hex = Array.from(profile, (byte) => byte.toString(16).padStart(2, '0')).join('').replaceAll('0', 'g');
  const lines = hex.match(/.{1,72}/g)!.join('\n');
  return ascii(`Raw profile type exif\0\nexif\n${String(profile.length).padStart(8)}\n${lines}\n`);
}

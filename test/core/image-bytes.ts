import { readTiffLayout } from '../../src/core/prepare/tiff-structure.js';
import { concatBytes } from '../../src/core/bytes.js';

/** The pixels a browser shows for an image (orientation and colour profile applied, as by default). */
export async function decodedPixels(blob: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/** A JPEG segment with its marker and length field. */
export function segment(marker: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(4 + payload.length);
  bytes.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  bytes.set(payload, 4);
  return bytes;
}

/** A JPEG's markers in order (SOI left out), each scan's data skipped; a plain walk, apart from the one under test. */
export function jpegMarkers(jpeg: Uint8Array): Array<{ marker: number; at: number; length: number }> {
  const markers: Array<{ marker: number; at: number; length: number }> = [];
  let at = 2;
  while (at + 1 < jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xd9) {
      markers.push({ marker, at, length: 0 });
      break;
    }
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    markers.push({ marker, at, length });
    at += 2 + length;
    if (marker === 0xda) {
      while (at + 1 < jpeg.length && !(jpeg[at] === 0xff && jpeg[at + 1] !== 0 && (jpeg[at + 1]! < 0xd0 || jpeg[at + 1]! > 0xd7))) at++;
    }
  }
  return markers;
}

/** A PNG's chunk types in order. */
export function pngChunkNames(png: Uint8Array): string[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const names: string[] = [];
  for (let at = 8; at + 8 <= png.length; at += 12 + view.getUint32(at)) names.push(String.fromCharCode(...png.subarray(at + 4, at + 8)));
  return names;
}

/** The JPEG's first `Exif\0\0` segment. */
function firstExif(jpeg: Uint8Array): { marker: number; at: number; length: number } {
  const exif = jpegMarkers(jpeg).find(({ marker, at }) => marker === 0xe1 && String.fromCharCode(...jpeg.subarray(at + 4, at + 10)) === 'Exif\0\0');
  if (!exif) throw new Error('no EXIF segment');
  return exif;
}

/** The JPEG with the Orientation of its first `Exif\0\0` segment set to `orientation`. */
export function withOrientation(jpeg: Uint8Array, orientation: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(jpeg);
  const { at, length } = firstExif(copy);
  const tiff = copy.subarray(at + 10, at + 2 + length);
  const layout = readTiffLayout(tiff);
  const entry = layout.directories[0]!.entries.find((candidate) => candidate.tag === 0x0112)!;
  new DataView(tiff.buffer, tiff.byteOffset).setUint16(entry.valueAt, orientation, layout.littleEndian);
  return copy;
}

/** The JPEG with its first EXIF segment moved from the header's start to just after its frame header (SOF0–SOF2). */
export function exifAfterFrame(jpeg: Uint8Array): Uint8Array<ArrayBuffer> {
  const exif = firstExif(jpeg);
  const frame = jpegMarkers(jpeg).find(({ marker }) => marker >= 0xc0 && marker <= 0xc2)!;
  const cut = (from: number, to: number) => jpeg.subarray(from, to);
  const exifEnd = exif.at + 2 + exif.length;
  const frameEnd = frame.at + 2 + frame.length;
  if (exif.at > frame.at) throw new Error('EXIF already after the frame header');
  return concatBytes([cut(0, exif.at), cut(exifEnd, frameEnd), cut(exif.at, exifEnd), cut(frameEnd, jpeg.length)]);
}

/** The JPEG with a second EXIF segment, whose first directory is empty, after its first. */
export function withSecondExif(jpeg: Uint8Array): Uint8Array<ArrayBuffer> {
  const exif = firstExif(jpeg);
  const end = exif.at + 2 + exif.length;
  // `Exif\0\0`, a big-endian TIFF header pointing at offset 8, a directory of no entries, no next one.
  const empty = segment(0xe1, new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]));
  return concatBytes([jpeg.subarray(0, end), empty, jpeg.subarray(end)]);
}

/** The colour of one pixel, to tell which way up an image is. */
export async function pixel(blob: Blob, x: number, y: number): Promise<[number, number, number]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const [r, g, b] = context.getImageData(Math.round(x * bitmap.width), Math.round(y * bitmap.height), 1, 1).data;
  return [r!, g!, b!];
}

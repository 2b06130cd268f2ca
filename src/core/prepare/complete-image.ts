import { UploadError } from '../errors.js';
import { BlockReader, JPEG_EOI, jpegSegments, PNG_IEND, pngChunks } from './image-segments.js';

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

/** Up to EOI; -1 without one. */
async function jpegEnd(reader: BlockReader): Promise<number> {
  for await (const segment of jpegSegments(reader)) {
    if (segment.marker === JPEG_EOI) return segment.at + 2;
  }
  return -1;
}

/** To the end of IEND; -1 without one. */
async function pngEnd(reader: BlockReader): Promise<number> {
  for await (const chunk of pngChunks(reader)) {
    if (chunk.type === PNG_IEND) return chunk.at + 12 + chunk.length <= reader.size ? chunk.at + 12 + chunk.length : -1;
  }
  return -1;
}

import { UploadError } from '../errors.js';
import { readTiffLayout, readUints, TAG, type TiffDirectory, type TiffEntry, type TiffLayout } from './tiff-structure.js';

export interface TiffFacts {
  layout: TiffLayout;
  /** The first page's dimensions. */
  width: number;
  height: number;
  pageCount: number;
  /** Just past the last byte anything in the file points to: what follows is not part of the TIFF. */
  dataEnd: number;
}

/**
 * What a reviewer's viewer needs to open the file, checked without decoding it (browsers do not
 * decode TIFF): a walkable directory tree, and on every page dimensions within the pixel limit and
 * image data (strips or tiles) that lies inside the file, so a TIFF cut short is `damaged`.
 */
export function checkTiff(bytes: Uint8Array, maxPixels: number): TiffFacts {
  const layout = readTiffLayout(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages = layout.directories.filter((directory) => directory.kind === 'page');
  // Each strip or tile costs at least 4 bytes of offset table (one inline per page at most): more
  // means pages share one huge table, and walking it once per page would take minutes.
  const strips = pages.flatMap((page) => page.entries.filter((e) => e.tag === TAG.stripOffsets || e.tag === TAG.tileOffsets)).reduce((sum, e) => sum + e.count, 0);
  if (strips > bytes.length / 4 + pages.length) throw damaged('strip-count', `The TIFF lists ${strips} strips or tiles.`);
  const sizes = pages.map((page) => checkPage(view, layout.littleEndian, page, maxPixels));
  return { layout, width: sizes[0]!.width, height: sizes[0]!.height, pageCount: pages.length, dataEnd: dataEnd(view, layout) };
}

/** Every table, every value stored out of line, every strip or tile: all must lie inside the file. */
function dataEnd(view: DataView, layout: TiffLayout): number {
  let end = 8;
  for (const directory of layout.directories) {
    end = Math.max(end, directory.offset + 2 + directory.entries.length * 12 + 4);
    for (const entry of directory.entries) {
      if (entry.valueSize <= 4) continue;
      if (entry.valueAt + entry.valueSize > view.byteLength) throw damaged('value-outside', `TIFF tag ${entry.tag} points outside the file.`);
      end = Math.max(end, entry.valueAt + entry.valueSize);
    }
    if (directory.kind === 'page') for (const [, rangeEnd] of imageDataRanges(view, layout.littleEndian, directory)) end = Math.max(end, rangeEnd);
  }
  // Writers pad to an even offset (TIFF's word alignment): exiftool leaves that byte at the end.
  return Math.min(view.byteLength, end + (end % 2));
}

function checkPage(view: DataView, littleEndian: boolean, page: TiffDirectory, maxPixels: number): { width: number; height: number } {
  const values = (tag: number): number[] | undefined => {
    const entry = page.entries.find((e) => e.tag === tag);
    return entry ? readUints(view, littleEndian, entry) : undefined;
  };
  const width = values(TAG.imageWidth)?.[0] ?? 0;
  const height = values(TAG.imageLength)?.[0] ?? 0;
  if (!width || !height) throw damaged('no-dimensions', 'A TIFF page declares no dimensions.');
  if (width * height > maxPixels) {
    throw new UploadError('too-many-pixels', `The TIFF page has ${width * height} pixels; the limit is ${maxPixels}.`, { width, height, maxPixels });
  }
  const tiled = page.entries.some((e) => e.tag === TAG.tileOffsets);
  const offsets = values(tiled ? TAG.tileOffsets : TAG.stripOffsets);
  if (!offsets?.length) throw damaged('no-image-data', 'A TIFF page has no image data.');
  // Old writers may leave the byte counts out (libtiff then estimates them): the offsets still must be inside.
  const counts = values(tiled ? TAG.tileByteCounts : TAG.stripByteCounts) ?? offsets.map(() => 0);
  if (counts.length !== offsets.length) throw damaged('image-data', 'A TIFF page lists its image data inconsistently.');
  offsets.forEach((offset, i) => {
    if (offset + counts[i]! > view.byteLength || offset >= view.byteLength) throw damaged('truncated', 'The TIFF ends before its image data does.');
  });
  return { width, height };
}

/** The byte ranges the image data of a page occupies: what no metadata clean-up may touch. */
export function imageDataRanges(view: DataView, littleEndian: boolean, page: TiffDirectory): Array<[number, number]> {
  const entry = (tag: number): TiffEntry | undefined => page.entries.find((e) => e.tag === tag);
  const pairs: Array<[number, number]> = [
    [TAG.stripOffsets, TAG.stripByteCounts],
    [TAG.tileOffsets, TAG.tileByteCounts],
    [TAG.jpegInterchange, TAG.jpegInterchangeLength],
  ];
  const ranges: Array<[number, number]> = [];
  for (const [offsetsTag, countsTag] of pairs) {
    const offsets = entry(offsetsTag);
    const counts = entry(countsTag);
    if (!offsets || !counts) continue;
    const starts = readUints(view, littleEndian, offsets);
    const lengths = readUints(view, littleEndian, counts);
    starts.forEach((start, i) => ranges.push([start, start + (lengths[i] ?? 0)]));
  }
  return ranges;
}

const damaged = (reason: string, message: string) => new UploadError('damaged', message, { detectedType: 'image/tiff', reason });

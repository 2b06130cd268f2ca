import { imageDataRanges } from './tiff-check.js';
import { TAG, type TiffDirectory, type TiffEntry, type TiffLayout } from './tiff-structure.js';

/**
 * Tags a viewer draws nothing from, which can place or identify the person: the GPS and EXIF
 * directories (GPS also hides in EXIF), XMP (exif:GPSLatitude, photoshop:City…), IPTC (city,
 * country) and Photoshop's resources (which embed IPTC and XMP copies).
 */
const REMOVED_TAGS: ReadonlySet<number> = new Set([TAG.gpsIfd, TAG.exifIfd, TAG.xmp, TAG.iptc, TAG.photoshop]);
const REMOVED_KINDS: ReadonlySet<TiffDirectory['kind']> = new Set(['gps', 'exif']);
const ENTRY_BYTES = 12;

type Range = [start: number, end: number];

/**
 * Removes location-bearing metadata in place, without re-encoding: each directory's entry table is
 * rewritten without those entries (count, entries, then the same next-directory offset, so pages
 * stay chained), and the removed directories and values are overwritten with zeros. The image data
 * is not touched: bytes that anything kept still points to are never zeroed, even where a crafted
 * file makes metadata overlap them. Returns undefined when there is nothing to remove.
 */
export function stripTiffMetadata(bytes: Uint8Array, layout: TiffLayout): Uint8Array<ArrayBuffer> | undefined {
  const removed = new Set<TiffDirectory>();
  const dropSubtree = (directory: TiffDirectory): void => {
    removed.add(directory);
    directory.children.forEach(dropSubtree);
  };
  for (const directory of layout.directories) {
    if (!removed.has(directory)) directory.children.filter((child) => REMOVED_KINDS.has(child.kind)).forEach(dropSubtree);
  }
  const kept = layout.directories.filter((directory) => !removed.has(directory));
  const edited = kept.filter((directory) => directory.entries.some((entry) => REMOVED_TAGS.has(entry.tag)));
  if (edited.length === 0) return undefined;

  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const little = layout.littleEndian;
  const toZero: Range[] = [];
  const claimed: Range[] = [[0, 8]];
  for (const directory of kept) {
    const entries = directory.entries.filter((entry) => !REMOVED_TAGS.has(entry.tag));
    if (edited.includes(directory)) {
      rewriteTable(out, view, little, directory, entries);
      toZero.push(...directory.entries.filter((entry) => REMOVED_TAGS.has(entry.tag)).map(outOfLineValue));
    }
    claimed.push([directory.offset, directory.offset + 2 + entries.length * ENTRY_BYTES + 4], ...entries.map(outOfLineValue));
    if (directory.kind === 'page') claimed.push(...imageDataRanges(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), little, directory));
  }
  for (const directory of removed) {
    toZero.push([directory.offset, directory.offset + 2 + directory.entries.length * ENTRY_BYTES + 4], ...directory.entries.map(outOfLineValue));
  }
  for (const range of toZero) {
    for (const [start, end] of subtract(range, claimed)) out.fill(0, Math.min(start, out.length), Math.min(end, out.length));
  }
  return out;
}

/** Count, the kept entries (still sorted by tag), the next-directory offset, then zeros where the removed entries were. */
function rewriteTable(out: Uint8Array, view: DataView, little: boolean, directory: TiffDirectory, entries: TiffEntry[]): void {
  const start = directory.offset + 2;
  const oldEnd = start + directory.entries.length * ENTRY_BYTES;
  const next = view.getUint32(oldEnd, little);
  const table = entries.map((entry) => out.slice(...entryRange(directory, entry)));
  view.setUint16(directory.offset, entries.length, little);
  table.forEach((entry, i) => out.set(entry, start + i * ENTRY_BYTES));
  const newEnd = start + entries.length * ENTRY_BYTES;
  view.setUint32(newEnd, next, little);
  out.fill(0, newEnd + 4, oldEnd + 4);
}

function entryRange(directory: TiffDirectory, entry: TiffEntry): Range {
  const at = directory.offset + 2 + directory.entries.indexOf(entry) * ENTRY_BYTES;
  return [at, at + ENTRY_BYTES];
}

/** Where a value stored outside its entry lies; an empty range when it fits inside the entry. */
function outOfLineValue(entry: TiffEntry): Range {
  return entry.valueSize > 4 ? [entry.valueAt, entry.valueAt + entry.valueSize] : [0, 0];
}

/** The parts of `range` that no claimed range covers. */
function subtract(range: Range, claimed: Range[]): Range[] {
  let parts: Range[] = [range];
  for (const [cStart, cEnd] of claimed) {
    if (cEnd <= cStart) continue;
    parts = parts.flatMap(([start, end]): Range[] => {
      if (cEnd <= start || cStart >= end) return [[start, end]];
      return [[start, cStart] as Range, [cEnd, end] as Range].filter(([s, e]) => e > s);
    });
  }
  return parts.filter(([start, end]) => end > start);
}

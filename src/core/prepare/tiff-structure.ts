import { UploadError } from '../errors.js';

/**
 * A TIFF's directory tree, walked from its header: every page (IFD chain), and the directories
 * they point to (EXIF, GPS, interoperability, SubIFDs). Bounded whatever the file says: a
 * directory is visited once (reaching one twice, by a loop or from two pages, is damage: libtiff
 * refuses loops too, and no writer shares directories), there are at most MAX_DIRECTORIES of them
 * and MAX_ENTRIES entries in each, and every table must lie in the file.
 */
export interface TiffLayout {
  littleEndian: boolean;
  /** Every directory reached, each once: a page, then the directories it points to, then the next page. */
  directories: TiffDirectory[];
}

export interface TiffDirectory {
  /** Where its table starts: the entry count. */
  offset: number;
  kind: 'page' | 'exif' | 'gps' | 'interop' | 'sub';
  entries: TiffEntry[];
  /** The directories its entries point to (EXIF, GPS, interop, SubIFDs, and their chains). */
  children: TiffDirectory[];
}

export interface TiffEntry {
  tag: number;
  type: number;
  count: number;
  /** Where the value lies: inside the entry when it fits in 4 bytes, else where the entry points. */
  valueAt: number;
  /** The value's length in bytes; 0 for a type this reader does not know. */
  valueSize: number;
}

export const TAG = {
  imageWidth: 256,
  imageLength: 257,
  stripOffsets: 273,
  stripByteCounts: 279,
  tileOffsets: 324,
  tileByteCounts: 325,
  subIfds: 330,
  /** Old-style JPEG compression: where the JPEG stream lies. */
  jpegInterchange: 513,
  jpegInterchangeLength: 514,
  xmp: 700,
  iptc: 33723,
  photoshop: 34377,
  exifIfd: 34665,
  gpsIfd: 34853,
  interopIfd: 40965,
} as const;

const MAX_DIRECTORIES = 1024;
/** Real files carry a few dozen tags; file-type gives up past 512. */
const MAX_ENTRIES = 1000;
const ENTRY_BYTES = 12;

/** Bytes per value of each TIFF 6 field type (BYTE, ASCII, SHORT, LONG, RATIONAL, … IFD). */
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

/** `II*\0` or `MM\0*`: the only two ways a classic TIFF starts. */
export function hasTiffMagic(head: Uint8Array): boolean {
  return (head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0) || (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && head[3] === 0x2a);
}

/** `II+\0` / `MM\0+`: BigTIFF, 64-bit offsets, made for files over 4 GB. */
export function hasBigTiffMagic(head: Uint8Array): boolean {
  return (head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2b && head[3] === 0) || (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && head[3] === 0x2b);
}

const damaged = (reason: string, message: string) => new UploadError('damaged', message, { detectedType: 'image/tiff', reason });

/** Walks the whole tree; `damaged` when a table points outside the file, loops or is out of bounds. */
export function readTiffLayout(bytes: Uint8Array): TiffLayout {
  if (hasBigTiffMagic(bytes)) {
    // No identity document needs 64-bit offsets, and few viewers a reviewer uses open them.
    throw new UploadError('type-not-allowed', 'BigTIFF files are not accepted.', { detectedType: 'image/tiff', reason: 'bigtiff' });
  }
  if (bytes.length < 8 || !hasTiffMagic(bytes)) throw damaged('header', 'The TIFF header is incomplete.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = bytes[0] === 0x49;
  const reader = new DirectoryReader(view, littleEndian);
  const pages = reader.chain(view.getUint32(4, littleEndian), 'page');
  if (pages.length === 0) throw damaged('no-page', 'The TIFF has no image directory.');
  return { littleEndian, directories: reader.visited };
}

class DirectoryReader {
  readonly visited: TiffDirectory[] = [];
  readonly #seen = new Set<number>();

  constructor(
    private readonly view: DataView,
    private readonly littleEndian: boolean,
  ) {}

  /** A directory and the ones its next-pointers lead to (page chains, SubIFD chains). */
  chain(first: number, kind: TiffDirectory['kind']): TiffDirectory[] {
    const chain: TiffDirectory[] = [];
    for (let offset = first; offset !== 0; ) {
      const { directory, next } = this.#read(offset, kind);
      chain.push(directory);
      offset = kind === 'page' || kind === 'sub' ? next : 0;
    }
    return chain;
  }

  #read(offset: number, kind: TiffDirectory['kind']): { directory: TiffDirectory; next: number } {
    const size = this.view.byteLength;
    if (this.#seen.has(offset)) throw damaged('directory-loop', `The TIFF directory at ${offset} is reached twice.`);
    if (this.#seen.size >= MAX_DIRECTORIES) throw damaged('too-many-directories', `The TIFF has more than ${MAX_DIRECTORIES} directories.`);
    if (offset < 8 || offset + 2 > size) throw damaged('directory-outside', `A TIFF directory points outside the file (${offset}).`);
    this.#seen.add(offset);
    const count = this.view.getUint16(offset, this.littleEndian);
    if (count === 0 || count > MAX_ENTRIES) throw damaged('entry-count', `A TIFF directory declares ${count} entries.`);
    const tableEnd = offset + 2 + count * ENTRY_BYTES;
    if (tableEnd + 4 > size) throw damaged('directory-outside', 'A TIFF directory runs past the end of the file.');

    const entries: TiffEntry[] = [];
    for (let at = offset + 2; at < tableEnd; at += ENTRY_BYTES) entries.push(this.#entry(at));
    const directory: TiffDirectory = { offset, kind, entries, children: [] };
    this.visited.push(directory);
    if (kind !== 'gps') {
      for (const entry of entries) {
        const childKind = CHILD_KINDS[entry.tag];
        if (!childKind) continue;
        if (entry.count > MAX_DIRECTORIES) throw damaged('too-many-directories', `TIFF tag ${entry.tag} lists ${entry.count} directories.`);
        for (const child of readUints(this.view, this.littleEndian, entry)) directory.children.push(...this.chain(child, childKind));
      }
    }
    return { directory, next: this.view.getUint32(tableEnd, this.littleEndian) };
  }

  #entry(at: number): TiffEntry {
    const tag = this.view.getUint16(at, this.littleEndian);
    const type = this.view.getUint16(at + 2, this.littleEndian);
    const count = this.view.getUint32(at + 4, this.littleEndian);
    const valueSize = (TYPE_SIZES[type] ?? 0) * count;
    const valueAt = valueSize <= 4 ? at + 8 : this.view.getUint32(at + 8, this.littleEndian);
    return { tag, type, count, valueAt, valueSize };
  }
}

const CHILD_KINDS: Partial<Record<number, TiffDirectory['kind']>> = {
  [TAG.exifIfd]: 'exif',
  [TAG.gpsIfd]: 'gps',
  [TAG.interopIfd]: 'interop',
  [TAG.subIfds]: 'sub',
};

/** An entry's SHORT/LONG/IFD values (offsets, counts); `damaged` when they lie outside the file. */
export function readUints(view: DataView, littleEndian: boolean, entry: TiffEntry): number[] {
  if (entry.valueAt + entry.valueSize > view.byteLength) throw damaged('value-outside', `TIFF tag ${entry.tag} points outside the file.`);
  const width = entry.type === 3 || entry.type === 8 ? 2 : 4;
  if (![3, 4, 8, 9, 13].includes(entry.type)) throw damaged('value-type', `TIFF tag ${entry.tag} has type ${entry.type}.`);
  const values: number[] = [];
  for (let i = 0; i < entry.count; i++) {
    const at = entry.valueAt + i * width;
    values.push(width === 2 ? view.getUint16(at, littleEndian) : view.getUint32(at, littleEndian));
  }
  return values;
}

const ORIENTATION = 0x0112;

/**
 * EXIF (a TIFF structure) whose first directory turns or mirrors the image, read at the directory's
 * real offset, as a browser reads it: dropping it would change what is shown, and a decode is
 * turned by it when drawn.
 */
export function asksForRotation(tiff: Uint8Array): boolean {
  if (tiff.length < 8 || !hasTiffMagic(tiff)) return false;
  let layout: TiffLayout;
  try {
    layout = readTiffLayout(tiff);
  } catch {
    return false; // no browser reads an orientation out of it either
  }
  const entry = layout.directories.find((directory) => directory.kind === 'page')?.entries.find((candidate) => candidate.tag === ORIENTATION);
  if (!entry || entry.valueSize < 2) return false;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const orientation = view.getUint16(entry.valueAt, layout.littleEndian);
  return orientation > 1 && orientation <= 8;
}

/** A JPEG APP1 segment's payload (what follows its length) that is EXIF asking for a turn. */
export function exifSegmentAsksForRotation(payload: Uint8Array): boolean {
  const label = String.fromCharCode(...payload.subarray(0, 5)).toLowerCase();
  return label === 'exif\0' && asksForRotation(payload.subarray(6));
}

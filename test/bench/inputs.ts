// The files the bench feeds the page. Big photos take seconds (12 MP) to ~20 s (48 MP) to paint
// and encode, and ~30 s of CPU to encode as HEIC, so they are cached in the OS temp folder under a
// name that carries every parameter and the encoders' versions: the same inputs give the same
// bytes, and a new sharp (or ImageMagick, or libheif) gives a new file.
// They are handed to Chromium as paths (like a person's file chooser), so the page gets a
// disk-backed File rather than a copy of the bytes pushed through the automation protocol.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { type LargePhotoOptions, makeLargePhoto } from '../fixtures/large-photo.js';

const CACHE_DIR = join(tmpdir(), 'kyc-upload-bench');

export interface BenchFile {
  path: string;
  name: string;
  mimeType: string;
  size: number;
}

export const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/**
 * Makes `bytes()` once per key and keeps it on disk, in a folder named by the key so the file keeps
 * the name the page sees (a chooser gives the page the file's own name); a torn write never
 * becomes a cache hit.
 */
async function cached(key: string, name: string, bytes: () => Promise<Buffer>): Promise<string> {
  const folder = join(CACHE_DIR, key);
  await mkdir(folder, { recursive: true });
  const path = join(folder, name);
  if (!existsSync(path)) {
    const temporary = `${path}.${process.pid}.part`;
    await writeFile(temporary, await bytes());
    await rename(temporary, path);
  }
  return path;
}

/** A photo-like JPEG from the test fixtures' generator (12 MP by default, 48 MP with 8000×6000). */
export async function largePhoto(options: LargePhotoOptions = {}): Promise<BenchFile> {
  const { width = 4000, height = 3000, quality = 95, seed = 12 } = options;
  const key = `photo-${width}x${height}-q${quality}-s${seed}-sharp${sharp.versions.sharp ?? 'x'}-vips${sharp.versions.vips}`;
  const name = `IMG_${width}x${height}.jpg`;
  const path = await cached(key, name, () => makeLargePhoto({ width, height, quality, seed }));
  const size = (await stat(path)).size;
  return { path, name, mimeType: 'image/jpeg', size };
}

/**
 * The 12 MP photo above as an iPhone would send it: HEIC (HEVC, 4:2:0), 4000×3000, encoded by
 * ImageMagick through libheif and x265 (Debian's `imagemagick` package writes HEIC; the fixtures'
 * heif-enc is not needed). x265 gives the same bytes for the same input and settings.
 */
export async function largeHeic(options: { quality?: number } = {}): Promise<BenchFile> {
  const { quality = 60 } = options;
  const jpeg = await largePhoto();
  const formats = run('convert', ['-list', 'format']);
  const heif = /^\s*HEIC\*?\s+HEIC\s+rw.*\(([\d.]+)\)\s*$/m.exec(formats);
  if (!heif) throw new Error('ImageMagick cannot write HEIC here: apt-get install -y imagemagick (Debian builds it with libheif)');
  const magick = /ImageMagick ([\d.-]+)/.exec(run('convert', ['-version']))?.[1] ?? 'x';
  const key = `heic-${createHash('sha256').update(jpeg.path).digest('hex').slice(0, 12)}-q${quality}-im${magick}-libheif${heif[1]}`;
  const name = 'IMG_4000x3000.HEIC';
  const path = await cached(key, name, async () => {
    const work = await mkdtemp(join(tmpdir(), 'kyc-bench-heic-'));
    try {
      const out = join(work, 'photo.heic');
      run('convert', [jpeg.path, '-quality', String(quality), out]);
      return await readFile(out);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
  const size = (await stat(path)).size;
  return { path, name, mimeType: 'image/heic', size };
}

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The end-to-end rows' PDF: a scan-sized file a little under the 4.5 MB limit. */
export const PDF_BYTES = 4_000_000;

/**
 * A real PDF (the ID card fixture, printed by Chromium) padded after `%%EOF` with spaces to an exact
 * size: readers ignore trailing whitespace, so it stays a valid, unencrypted one-page document.
 */
export async function paddedPdf(size: number): Promise<BenchFile> {
  const source = await readFile(fixturePath('id-card.pdf'));
  if (source.length > size) throw new Error(`id-card.pdf is already ${source.length} bytes`);
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const name = 'id-card-scan.pdf';
  const path = await cached(`id-card-${digest}-padded-${size}`, name, async () =>
    Buffer.concat([source, Buffer.alloc(size - source.length, 0x20)]));
  return { path, name, mimeType: 'application/pdf', size };
}

/** A committed fixture, as it is. */
export async function fixtureFile(name: string, mimeType: string): Promise<BenchFile> {
  const path = fixturePath(name);
  return { path, name, mimeType, size: (await stat(path)).size };
}

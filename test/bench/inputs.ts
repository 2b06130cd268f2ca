// The files the bench feeds the page. Big photos take seconds (12 MP) to ~20 s (48 MP) to paint
// and encode, so they are cached in the OS temp folder under a name that carries every parameter
// and the sharp version: the same inputs give the same bytes, and a new sharp gives a new file.
// They are handed to Chromium as paths (like a person's file chooser), so the page gets a
// disk-backed File rather than a copy of the bytes pushed through the automation protocol.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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

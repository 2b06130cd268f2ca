import { hasBigTiffMagic, hasTiffMagic } from './prepare/tiff-structure.js';

/**
 * The family a file's first bytes claim, before anything parses it: enough to decide whether a
 * file over the limit may go on (a photo preparation can shrink) or is `too-large` at once. Not a
 * verdict on the type: detection reads further, and a claim can be a lie. The longest signature,
 * an ISO BMFF `ftyp` box's brand, ends at byte 12.
 */
export function familyFromMagic(head: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp') return BMFF_BRANDS[ascii(8, 12)];
  if (hasTiffMagic(head) || hasBigTiffMagic(head)) return 'image/tiff';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  return undefined;
}

/** Major brands of the HEIF family (iPhone HEIC, AVIF); MP4 and QuickTime brands are not images. */
const BMFF_BRANDS: Partial<Record<string, string>> = {
  heic: 'image/heic', heix: 'image/heic', heim: 'image/heic', heis: 'image/heic', hevc: 'image/heic', hevx: 'image/heic', hevm: 'image/heic', hevs: 'image/heic',
  mif1: 'image/heif', msf1: 'image/heif', mif2: 'image/heif',
  avif: 'image/avif', avis: 'image/avif',
};

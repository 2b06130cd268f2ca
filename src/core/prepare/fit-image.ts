import { UploadError } from '../errors.js';
import { Compressor } from './compressor.js';

export interface FitOptions {
  /** Byte limit the result must meet. */
  maxBytes: number;
  /** Shortest long edge the result may be shrunk to: below it, documents stop being legible. */
  minLongEdge: number;
  outputType: 'image/jpeg' | 'image/png';
  longEdge: number;
  signal?: AbortSignal;
  /** 0..1 across all attempts. */
  onProgress?: (fraction: number) => void;
}

export interface FitResult {
  blob: Blob;
  longEdge: number;
  quality: number;
  attempts: number;
}

const MAX_ATTEMPTS = 6;
const TOP_QUALITY = 0.92;
const LOW_QUALITY = 0.6;

/**
 * Re-encodes an image in a worker (orientation applied, metadata dropped: browser-image-compression
 * does both whenever it draws) until it fits `maxBytes`. The library's own loop shrinks quality and size by
 * 5 % per pass from quality 1.0, which is slow on 12-megapixel photos; here each attempt is one
 * decode and one encode with a quality predicted from the previous size, and resolution is given
 * up only once quality is as low as a reviewer can accept.
 */
export async function fitImage(file: File, options: FitOptions): Promise<FitResult> {
  let quality = options.outputType === 'image/png' ? 1 : initialQuality(file, options);
  let longEdge = options.longEdge;
  const compressor = new Compressor();
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const onProgress = (percent: number) => options.onProgress?.(Math.min(1, (attempt - 1 + percent / 100) / 2));
      const blob = await compressor.compress(
        file,
        {
          fileType: options.outputType,
          initialQuality: quality,
          maxWidthOrHeight: longEdge,
          // One encode per call: this loop decides what to change next.
          maxSizeMB: Number.POSITIVE_INFINITY,
          alwaysKeepResolution: true,
          maxIteration: 1,
        },
        options.signal,
        onProgress,
      );
      if (blob.size <= options.maxBytes) return { blob, longEdge, quality, attempts: attempt };
      const ratio = (options.maxBytes * 0.95) / blob.size;
      if (options.outputType === 'image/jpeg' && quality > LOW_QUALITY) {
        quality = clamp(quality + 0.12 * Math.log2(ratio), LOW_QUALITY, quality - 0.05);
      } else if (longEdge > options.minLongEdge) {
        longEdge = Math.max(options.minLongEdge, Math.floor(longEdge * Math.sqrt(ratio)));
      } else {
        break;
      }
    }
  } finally {
    compressor.close();
  }
  throw new UploadError('too-large', 'The image cannot be made small enough while staying legible.', { size: file.size, maxSize: options.maxBytes });
}

/** Camera JPEGs are near quality 0.95: each 0.12 of quality off roughly halves the bytes. */
function initialQuality(file: File, options: FitOptions): number {
  if (file.type !== 'image/jpeg') return 0.85;
  const ratio = (options.maxBytes * 0.9) / file.size;
  return clamp(TOP_QUALITY + 0.12 * Math.log2(Math.min(ratio, 1)), LOW_QUALITY, TOP_QUALITY);
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

import { assetUrl, COMPRESSOR_SCRIPT } from '../assets.js';
import { UploadError, throwIfAborted } from '../errors.js';

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
 * Re-encodes an image (orientation applied, metadata dropped: browser-image-compression does both
 * whenever it draws) until it fits `maxBytes`. The library's own loop shrinks quality and size by
 * 5 % per pass from quality 1.0, which is slow on 12-megapixel photos; here each attempt is one
 * decode and one encode with a quality predicted from the previous size, and resolution is given
 * up only once quality is as low as a reviewer can accept.
 */
export async function fitImage(file: File, options: FitOptions): Promise<FitResult> {
  let quality = options.outputType === 'image/png' ? 1 : initialQuality(file, options);
  let longEdge = options.longEdge;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const blob = await encode(file, { ...options, quality, longEdge, attempt });
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
  throw new UploadError('too-large', 'The image cannot be made small enough while staying legible.', { size: file.size, maxSize: options.maxBytes });
}

/** Camera JPEGs are near quality 0.95: each 0.12 of quality off roughly halves the bytes. */
function initialQuality(file: File, options: FitOptions): number {
  if (file.type !== 'image/jpeg') return 0.85;
  const ratio = (options.maxBytes * 0.9) / file.size;
  return clamp(TOP_QUALITY + 0.12 * Math.log2(Math.min(ratio, 1)), LOW_QUALITY, TOP_QUALITY);
}

async function encode(file: File, o: FitOptions & { quality: number; attempt: number }): Promise<Blob> {
  // The library never settles on its worker path when handed an already-aborted signal.
  throwIfAborted(o.signal);
  const { default: imageCompression } = await import('browser-image-compression');
  try {
    return await imageCompression(file, {
      fileType: o.outputType,
      initialQuality: o.quality,
      maxWidthOrHeight: o.longEdge,
      // One encode per call: the fitting loop above decides what to change next.
      maxSizeMB: Number.POSITIVE_INFINITY,
      alwaysKeepResolution: true,
      maxIteration: 1,
      useWebWorker: true,
      libURL: assetUrl(COMPRESSOR_SCRIPT),
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: (percent) => o.onProgress?.(Math.min(1, (o.attempt - 1 + percent / 100) / 2)),
    });
  } catch (error) {
    throwIfAborted(o.signal);
    throw new UploadError('damaged', 'The image cannot be decoded.', {}, { cause: error });
  }
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

import { UploadError } from '../errors.js';
import type { QualityReport } from '../quality/quality-report.js';
import type { AssessRequest, ImageWorker } from './image-worker.js';

export interface FitOptions {
  /** Byte limit the result must meet. */
  maxBytes: number;
  /** Shortest long edge the result may be shrunk to: below it, documents stop being legible. */
  minLongEdge: number;
  outputType: 'image/jpeg' | 'image/png';
  /** 'heic': decoded once by libheif in the worker, which keeps the pixels for every attempt. */
  format?: 'heic';
  longEdge: number;
  /** The source JPEG's quality (0..1), when known: encoding above it adds bytes, not detail. */
  sourceQuality?: number;
  /**
   * Bytes to stay under when the limit allows (the source's size, for an encode at its own pixel
   * count): quality is lowered for it, never the resolution, and the smallest encode is kept.
   */
  preferredMaxBytes?: number;
  /** Check the photo's quality in the first attempt, from the image it draws or its decode. */
  assess?: AssessRequest;
  /** Nothing in the file asks for a turn: see EncodeRequest. */
  upright?: boolean;
  signal?: AbortSignal;
  /** 0..1 across all attempts. */
  onProgress?: (fraction: number) => void;
}

export interface FitResult {
  blob: Blob;
  width: number;
  height: number;
  longEdge: number;
  quality: number;
  attempts: number;
  /** How many of the attempts decoded the file (a HEIC's are drawn from one decode). */
  decodes: number;
  /** What the quality checks found, when asked for and they could run. */
  report?: QualityReport;
}

const MAX_ATTEMPTS = 6;
const TOP_QUALITY = 0.92;
const LOW_QUALITY = 0.6;
const FIRST_PASS_FLOOR = 0.75;
const QUALITY_PER_HALVING = 0.12;

/**
 * Re-encodes an image in a worker (orientation applied, metadata dropped: a decode and a fresh
 * encode carry neither) until it fits `maxBytes`. browser-image-compression's own loop shrinks
 * quality and size by 5 % per pass from quality 1.0, which is slow on 12-megapixel photos; here
 * each attempt is one encode (of one decode, or of a HEIC's kept pixels), the first predicted from
 * the file's size, the next ones from the previous result, and resolution never drops below
 * `minLongEdge`.
 */
export async function fitImage(file: File, compressor: ImageWorker, options: FitOptions): Promise<FitResult> {
  let { quality, longEdge } = firstAttempt(file, options);
  let smallest: FitResult | undefined;
  let decodes = 0;
  let report: QualityReport | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const onProgress = (percent: number) => options.onProgress?.(Math.min(1, (attempt - 1 + percent / 100) / 2));
    const assess = attempt === 1 && options.assess ? { assess: options.assess } : {};
    const { blob, width, height, decoded, report: checked } = await compressor.encode(
      file,
      { type: options.outputType, quality, maxLongEdge: longEdge, ...(options.format ? { format: options.format } : {}), ...(options.upright ? { upright: true } : {}), ...assess },
      options.signal,
      onProgress,
    );
    if (decoded) decodes++;
    report ??= checked;
    if (blob.size <= options.maxBytes) {
      if (!smallest || blob.size < smallest.blob.size) smallest = { blob, width, height, longEdge, quality, attempts: attempt, decodes, ...(report ? { report } : {}) };
      smallest.attempts = attempt;
      smallest.decodes = decodes;
      const preferred = options.preferredMaxBytes;
      if (preferred === undefined || blob.size <= preferred || quality <= LOW_QUALITY || options.outputType !== 'image/jpeg') return smallest;
      quality = clamp(quality + QUALITY_PER_HALVING * Math.log2((preferred * 0.98) / blob.size), LOW_QUALITY, quality - 0.02);
      continue;
    }
    if (smallest) return smallest;
    const ratio = (options.maxBytes * 0.95) / blob.size;
    if (options.outputType === 'image/jpeg' && quality > LOW_QUALITY) {
      quality = clamp(quality + QUALITY_PER_HALVING * Math.log2(ratio), LOW_QUALITY, quality - 0.05);
    } else if (longEdge > options.minLongEdge) {
      longEdge = Math.max(options.minLongEdge, Math.floor(longEdge * Math.sqrt(ratio)));
    } else {
      break;
    }
  }
  if (smallest) return smallest;
  throw new UploadError('too-large', 'The image cannot be made small enough while staying legible.', { size: file.size, maxSize: options.maxBytes });
}

/**
 * A JPEG is re-encoded from its own quality (camera JPEGs are near 0.92–0.95; one saved at 0.75
 * gains nothing from 0.92 but bytes), at most TOP_QUALITY, and each 0.12 of quality off roughly
 * halves the bytes; below ~0.75 the saving flattens out while the picture degrades. So the first
 * encode aims at 90 % of the limit by quality alone when that stays at or above 0.75 (or the
 * source's quality, if lower), and otherwise there with the pixel count cut in proportion: a 48 MP
 * photo is resized in the first pass instead of the third.
 */
function firstAttempt(file: File, options: FitOptions): { quality: number; longEdge: number } {
  if (options.outputType === 'image/png') return { quality: 1, longEdge: options.longEdge };
  if (file.type !== 'image/jpeg') return { quality: 0.85, longEdge: options.longEdge };
  const top = Math.min(TOP_QUALITY, options.sourceQuality ?? TOP_QUALITY);
  const floor = Math.min(FIRST_PASS_FLOOR, top);
  const ratio = Math.min(1, (options.maxBytes * 0.9) / file.size);
  const quality = top + QUALITY_PER_HALVING * Math.log2(ratio);
  if (quality >= floor) return { quality, longEdge: options.longEdge };
  const bytesAtFloor = Math.pow(2, (floor - top) / QUALITY_PER_HALVING);
  const pixelScale = ratio / bytesAtFloor;
  const longEdge = Math.max(options.minLongEdge, Math.floor(options.longEdge * Math.sqrt(pixelScale)));
  return { quality: floor, longEdge };
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

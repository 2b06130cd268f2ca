import type { AllowedType, ConvertibleType } from '../document-types.js';
import { UploadError, throwIfAborted } from '../errors.js';
import { checkSvg, loadSvgRules } from './svg-check.js';
import { imageDataEnd } from './complete-image.js';
import { Compressor } from './compressor.js';
import { fitImage } from './fit-image.js';
import { readImageFacts } from './image-facts.js';

export type Transformation = 'heic-to-jpeg' | 'webp-to-jpeg' | 'avif-to-jpeg' | 'png-to-jpeg' | 'oriented' | 'metadata-stripped' | 'trailing-data-removed' | 'compressed' | 'resized';

export interface PrepareOptions {
  /** The effective byte limit. */
  maxSize: number;
  signal?: AbortSignal;
  /** 0..1 */
  onProgress?: (fraction: number) => void;
}

export interface PreparedFile {
  file: File;
  type: AllowedType;
  transformations: Transformation[];
  /** For the element's preview: image dimensions after preparation, or a PDF's page count. */
  width?: number;
  height?: number;
  pageCount?: number;
  /** How the image was re-encoded, when it was: the last JPEG quality and how many encodes it took. */
  encoding?: { quality: number; attempts: number };
}

// Each format's checks load with the first file of that format: a photo never downloads the PDF lexer.
const loadPdfCheck = () => import('./pdf-check.js');
const loadTiffPreparation = () => import('./tiff-prepare.js');
const loadLocationFinder = () => import('./location-metadata.js');
const CHECKS_BY_TYPE: Partial<Record<AllowedType, () => Promise<unknown>>> = {
  'application/pdf': loadPdfCheck,
  'image/tiff': loadTiffPreparation,
  'image/jpeg': loadLocationFinder,
  'image/svg+xml': loadSvgRules,
};

/**
 * Fetches the checks of the types an element accepts while the person is still choosing a file, so
 * that one chosen on a train going into a tunnel is still checked, then waits for the network to
 * send it. Failures are ignored here: they surface, with a message, when a file is handled.
 */
export function warmUpChecks(types: readonly AllowedType[]): void {
  for (const type of types) void CHECKS_BY_TYPE[type]?.().catch(() => {});
}

/**
 * Beyond this the decode alone needs hundreds of megabytes (4 bytes a pixel, twice): a phone tab
 * would die. 64 MP lets through every phone's full-resolution photo up to 48 MP with room to spare.
 */
export const MAX_PIXELS = 64_000_000;
/** A shrunk document must stay readable: no long edge below this unless the image was smaller. */
export const MIN_LONG_EDGE = 1600;

/**
 * Makes a file fit to send: checks PDFs and SVGs, converts what the provider does not take,
 * applies EXIF orientation and drops metadata (a photo's GPS position must never reach storage),
 * and compresses images to the limit. Files that need nothing are sent untouched.
 */
export async function prepareFile(file: File, type: AllowedType | ConvertibleType, options: PrepareOptions): Promise<PreparedFile> {
  throwIfAborted(options.signal);
  if (type === 'application/pdf') {
    const { checkPdf } = await loadPdfCheck();
    return { file, type, transformations: [], ...(await checkPdf(file)) };
  }
  if (type === 'image/svg+xml') {
    await checkSvg(file);
    return { file, type, transformations: [] };
  }
  if (type === 'image/tiff') {
    const { prepareTiff } = await loadTiffPreparation();
    return { type, ...(await prepareTiff(file, MAX_PIXELS)) };
  }
  return prepareImage(file, type, options);
}

async function prepareImage(file: File, type: 'image/jpeg' | 'image/png' | ConvertibleType, options: PrepareOptions): Promise<PreparedFile> {
  // Most photos need an encode (camera JPEGs carry EXIF; HEIC, WebP and AVIF are converted), so the
  // worker boots while the header is read. A PNG within the limit usually needs none.
  const compressor = new Compressor();
  if (type !== 'image/png' || file.size > options.maxSize) compressor.start();
  try {
    const facts = await readImageFacts(file, type);
    const pixels = facts.width * facts.height;
    if (pixels > MAX_PIXELS) {
      throw new UploadError('too-many-pixels', `The image has ${pixels} pixels; the limit is ${MAX_PIXELS}.`, {
        width: facts.width, height: facts.height, maxPixels: MAX_PIXELS,
      });
    }
    throwIfAborted(options.signal);

    const transformations: Transformation[] = [];
    let source = new File([file], file.name, { type });
    if (type === 'image/heic' || type === 'image/heif') {
      const { heicToJpeg } = await import('./heic.js');
      source = await heicToJpeg(source, options.signal);
      transformations.push('heic-to-jpeg');
    } else if (type === 'image/webp' || type === 'image/avif') {
      transformations.push(type === 'image/webp' ? 'webp-to-jpeg' : 'avif-to-jpeg');
    }

    // Walked beside the decode or the encode, which cannot be trusted to notice a file cut short.
    const dataEnd = () => (type === 'image/jpeg' || type === 'image/png' ? imageDataEnd(file, type) : Promise.resolve(file.size));
    const converting = transformations.length > 0;
    const tooBig = file.size > options.maxSize;
    // The header scan stops at the first scan; a progressive JPEG can carry EXIF between its scans,
    // and a file sent untouched must carry no location.
    const hasMetadata = facts.hasMetadata || (!converting && !tooBig && type === 'image/jpeg' && (await hasLocation(file)));
    if (!converting && !tooBig && !hasMetadata) {
      const [end] = await Promise.all([dataEnd(), assertDecodes(source)]);
      if (end === file.size) return { file, type: type as AllowedType, transformations, width: facts.width, height: facts.height };
      // Bytes after the image (a motion photo's video) are nobody's business at the provider; an
      // encode would drop them too, at the cost of the image's quality.
      const image = new File([file.slice(0, end)], file.name, { type });
      return { file: image, type: type as AllowedType, transformations: ['trailing-data-removed'], width: facts.width, height: facts.height };
    }

    // A PNG over the limit is a scan or a screenshot: JPEG keeps it legible at a fraction of the size.
    const outputType = type === 'image/png' && !tooBig ? 'image/png' : 'image/jpeg';
    if (type === 'image/png' && outputType === 'image/jpeg') transformations.push('png-to-jpeg');
    const longEdge = Math.max(facts.width, facts.height);
    const [, fit] = await Promise.all([
      dataEnd(),
      fitImage(source, compressor, {
        maxBytes: options.maxSize,
        minLongEdge: Math.min(MIN_LONG_EDGE, longEdge),
        outputType,
        longEdge,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }),
    ]);
    const { width, height } = fit;
    if (facts.orientation > 1) transformations.push('oriented');
    if (hasMetadata) transformations.push('metadata-stripped');
    if (tooBig) transformations.push('compressed');
    if (fit.longEdge < longEdge) transformations.push('resized');
    const name = outputType === 'image/jpeg' ? file.name.replace(/\.[^.]*$/, '') + '.jpg' : file.name;
    const encoding = { quality: fit.quality, attempts: fit.attempts };
    return { file: new File([fit.blob], name, { type: outputType }), type: outputType, transformations, width, height, encoding };
  } finally {
    compressor.close();
  }
}

async function hasLocation(file: Blob): Promise<boolean> {
  const { findLocationMetadata } = await loadLocationFinder();
  return (await findLocationMetadata(file, 'image/jpeg')) !== undefined;
}

/** A header can be fine and the data cut short: only a decode tells. */
async function assertDecodes(file: Blob): Promise<void> {
  try {
    (await createImageBitmap(file)).close();
  } catch (error) {
    throw new UploadError('damaged', 'The image cannot be decoded.', {}, { cause: error });
  }
}

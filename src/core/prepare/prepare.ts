import { heicDecoderShipped } from '../assets.js';
import type { AllowedType, ConvertibleType } from '../document-types.js';
import { MAX_PIXELS } from './pixel-limit.js';
import { UploadError, throwIfAborted } from '../errors.js';
import { checkSvg, loadSvgRules } from './svg-check.js';
import { imageDataEnd } from './complete-image.js';
import { type AssessRequest, ImageWorker } from './image-worker.js';
import { fitImage } from './fit-image.js';
import { readImageFacts } from './image-facts.js';
import { BlockReader } from './image-segments.js';
import { estimateJpegQuality } from './jpeg-quality.js';
import type { Stripped } from './strip-metadata.js';
import type { QualityReport } from '../quality/quality-report.js';

export type Transformation = 'heic-to-jpeg' | 'webp-to-jpeg' | 'avif-to-jpeg' | 'png-to-jpeg' | 'oriented' | 'metadata-stripped' | 'trailing-data-removed' | 'compressed' | 'resized';

export interface PrepareOptions {
  /** The effective byte limit. */
  maxSize: number;
  /** Check a photo's quality (blur, glare, exposure, resolution, corners), from the decode made anyway. */
  assess?: AssessRequest;
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
  /**
   * How the image was re-encoded, when it was: the last JPEG quality, how many encodes it took,
   * and how many decodes (one for a HEIC, whose pixels the worker keeps between encodes).
   */
  encoding?: { quality: number; attempts: number; decodes: number };
  /** What a photo's quality checks found, when asked for and they could run. */
  quality?: QualityReport;
}

// Each format's checks load with the first file of that format: a photo never downloads the PDF lexer.
const loadPdfCheck = () => import('./pdf-check.js');
const loadTiffPreparation = () => import('./tiff-prepare.js');
const loadMetadataStripper = () => import('./strip-metadata.js');
const CHECKS_BY_TYPE: Partial<Record<AllowedType, () => Promise<unknown>>> = {
  'application/pdf': loadPdfCheck,
  'image/tiff': loadTiffPreparation,
  'image/jpeg': loadMetadataStripper,
  'image/png': loadMetadataStripper,
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

export { MAX_PIXELS };
/** A shrunk document must stay readable: no long edge below this unless the image was smaller. */
export const MIN_LONG_EDGE = 1600;
/**
 * How far over the limit a JPEG or PNG may be and still be sent stripped rather than encoded:
 * EXIF (with its thumbnail), XMP and a motion photo's video or a gain map after the image weigh
 * this much at most in a phone's photo.
 */
const STRIPPING_MARGIN = 1_000_000;

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
  // HEIC, WebP and AVIF are always encoded, so the worker boots while the header is read. A JPEG
  // or PNG that fits needs none unless it must be turned: its metadata is cut out of the bytes.
  const converting = type !== 'image/jpeg' && type !== 'image/png';
  const heic = type === 'image/heic' || type === 'image/heif';
  if (heic) assertHeicDecoderShipped(type);
  const tooBig = file.size > options.maxSize;
  const compressor = new ImageWorker();
  // A HEIC's decoder loads in that worker meanwhile, too (3 MB). The quality checks' worker boots too.
  if (converting || tooBig) compressor.start(heic ? 'heic' : undefined);
  if (options.assess) compressor.startChecks();
  try {
    // The header is read from the file once: the facts' reader keeps it for the JPEG's quality.
    const head = new BlockReader(file);
    const facts = await readImageFacts(file, type, head);
    const pixels = facts.width * facts.height;
    if (pixels > MAX_PIXELS) {
      throw new UploadError('too-many-pixels', `The image has ${pixels} pixels; the limit is ${MAX_PIXELS}.`, {
        width: facts.width, height: facts.height, maxPixels: MAX_PIXELS,
      });
    }
    throwIfAborted(options.signal);
    if (facts.turned) compressor.start();

    // A photo to be turned is encoded anyway: its decode applies the orientation, its encode drops the rest.
    // One over the limit by more than metadata weighs is encoded without a walk of its every byte.
    const strippable = !converting && !facts.turned && file.size <= options.maxSize + STRIPPING_MARGIN;
    let stripped: Stripped | undefined;
    if (strippable) {
      const { stripMetadata } = await loadMetadataStripper();
      stripped = await stripMetadata(file, type);
      throwIfAborted(options.signal);
      if (stripped && stripped.file.size <= options.maxSize) {
        // A structure walked to its end can still hold data no decoder accepts: the checks' decode
        // tells, or, without a report (no checks, or their worker could not start), one of its own.
        const report = options.assess ? await compressor.assess(stripped.file, options.assess, options.signal) : undefined;
        if (!report) await assertDecodes(stripped.file);
        const { width, height } = facts;
        const quality = report ? { quality: report } : {};
        const { metadataRemoved, trailingRemoved } = stripped;
        if (!metadataRemoved && !trailingRemoved) return { file, type, transformations: [], width, height, ...quality };
        const transformations: Transformation[] = [];
        if (metadataRemoved) transformations.push('metadata-stripped');
        // Bytes after the image (a motion photo's video) are nobody's business at the provider.
        if (trailingRemoved) transformations.push('trailing-data-removed');
        return { file: new File([stripped.file], file.name, { type }), type, transformations, width, height, ...quality };
      }
    }
    // Re-encoded from here on: to turn it, to convert it, to fit the limit, or because its
    // structure could not be followed (a file cut short is told apart by imageDataEnd below).
    const hasMetadata = facts.hasMetadata || (strippable && (!stripped || stripped.metadataRemoved));

    const transformations: Transformation[] = [];
    const source = new File([file], file.name, { type });
    // A HEIC is decoded by libheif in the compressor's worker, once, whatever the number of encodes.
    if (heic) {
      transformations.push('heic-to-jpeg');
    } else if (type === 'image/webp' || type === 'image/avif') {
      transformations.push(type === 'image/webp' ? 'webp-to-jpeg' : 'avif-to-jpeg');
    }

    // Walked beside the encode, which cannot be trusted to notice a file cut short.
    const dataEnd = () => (type === 'image/jpeg' || type === 'image/png' ? imageDataEnd(file, type) : Promise.resolve(file.size));
    // A PNG over the limit is a scan or a screenshot: JPEG keeps it legible at a fraction of the size.
    const outputType = type === 'image/png' && !tooBig ? 'image/png' : 'image/jpeg';
    if (type === 'image/png' && outputType === 'image/jpeg') transformations.push('png-to-jpeg');
    const longEdge = Math.max(facts.width, facts.height);
    // A JPEG turned upright keeps its pixel count: it is encoded from its own quality, and never
    // comes out bigger than it came when lowering the quality a little avoids it.
    const sourceQuality = type === 'image/jpeg' ? await estimateJpegQuality(file, head) : undefined;
    const [, fit] = await Promise.all([
      dataEnd(),
      fitImage(source, compressor, {
        maxBytes: options.maxSize,
        minLongEdge: Math.min(MIN_LONG_EDGE, longEdge),
        outputType,
        ...(heic ? { format: 'heic' as const } : {}),
        longEdge,
        ...(sourceQuality ? { sourceQuality } : {}),
        ...(type === 'image/jpeg' ? { preferredMaxBytes: file.size } : {}),
        ...(options.assess ? { assess: options.assess } : {}),
        ...(facts.turned ? {} : { upright: true }),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }),
    ]);
    const { width, height } = fit;
    if (facts.turned) transformations.push('oriented');
    if (hasMetadata) transformations.push('metadata-stripped');
    if (tooBig) transformations.push('compressed');
    if (fit.longEdge < longEdge) transformations.push('resized');
    const name = outputType === 'image/jpeg' ? file.name.replace(/\.[^.]*$/, '') + '.jpg' : file.name;
    const encoding = { quality: fit.quality, attempts: fit.attempts, decodes: fit.decodes };
    const quality = fit.report ? { quality: fit.report } : {};
    return { file: new File([fit.blob], name, { type: outputType }), type: outputType, transformations, width, height, encoding, ...quality };
  } finally {
    compressor.close();
  }
}

/**
 * The HEIC decoder (libheif compiled to plain JavaScript: no WebAssembly, no eval; LGPL-3.0) is ~3 MB,
 * so it is a file of its own next to the widget, which an app may leave out of its build.
 */
function assertHeicDecoderShipped(type: string): void {
  if (heicDecoderShipped()) return;
  throw new UploadError('type-not-allowed', 'This app was built without the HEIC decoder (kycUpload({ heic: false })).', {
    detectedType: type, reason: 'heic-not-included',
  });
}

/** A header can be fine and the data cut short: only a decode tells. */
async function assertDecodes(file: Blob): Promise<void> {
  try {
    (await createImageBitmap(file)).close();
  } catch (error) {
    throw new UploadError('damaged', 'The image cannot be decoded.', {}, { cause: error });
  }
}

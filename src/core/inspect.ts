import { type AllowedType, CONVERTIBLE_TYPES, type ConvertibleType, isAllowedType, normalizeType } from './document-types.js';
import { detectType, readDetectionHead } from './detect-type.js';
import { UploadError, throwIfAborted } from './errors.js';
import { familyFromMagic } from './magic-numbers.js';

export interface InspectOptions {
  /** The types this element accepts: a subset of the allowed ones. */
  accept: readonly AllowedType[];
  /** Byte limit; a file of exactly this size passes. */
  maxSize: number;
  signal?: AbortSignal;
}

export interface InspectedFile {
  file: File;
  /** The real type, from the bytes: an allowed one, or one that preparation turns into JPEG. */
  type: AllowedType | ConvertibleType;
}

/**
 * Decides whether a file may be sent, from what it is rather than what it is called.
 *
 * A declared type that is allowed but does not match the bytes (an executable renamed `.pdf`,
 * an HTML page renamed `.jpg`) is `type-mismatch`: the name is a disguise. A file whose bytes
 * are an allowed type under another allowed name (a PNG saved as `.jpg` by a messaging app) is
 * accepted under its real type: nothing is disguised, and the user could not fix it anyway.
 * JPEG and PNG (and HEIC, WebP, AVIF) over the limit pass here: preparation compresses them.
 * Anything else over the limit is `too-large` before detection, judged by its first bytes alone.
 */
export async function inspectFile(file: File, options: InspectOptions): Promise<InspectedFile> {
  throwIfAborted(options.signal);
  if (file.size === 0) throw new UploadError('empty', 'The file is empty.', { size: 0 });

  const declared = normalizeType(file.type);
  // Size first, from the head alone (read once, detection reads it too): a 40 MB TIFF or 6 MB of
  // noise behind `II*\0` is refused in milliseconds, never read or parsed. Only what preparation
  // can shrink goes on.
  const head = await readDetectionHead(file);
  const family = familyFromMagic(head);
  if (file.size > options.maxSize && !COMPRESSIBLE.has(family ?? '')) {
    throw new UploadError('too-large', `The file is ${file.size} bytes; the limit is ${options.maxSize}.`, {
      detectedType: family ?? 'unknown', declaredType: declared || 'unknown', size: file.size, maxSize: options.maxSize,
    });
  }

  const detected = await detectType(file, head);
  throwIfAborted(options.signal);
  const real = detected ? normalizeType(detected) : undefined;
  const details = { detectedType: real ?? 'unknown', declaredType: declared || 'unknown' };

  const accepted = real !== undefined && isAccepted(real, options.accept);
  if (!accepted) {
    if (isAllowedType(declared) && declared !== real) {
      throw new UploadError('type-mismatch', `The file is named as ${declared} but its content is ${details.detectedType}.`, details);
    }
    throw new UploadError('type-not-allowed', `Files of type ${details.detectedType} are not accepted.`, details);
  }
  // Images can be compressed to fit, so their size is judged after preparation.
  if (!COMPRESSIBLE.has(real) && file.size > options.maxSize) {
    throw new UploadError('too-large', `The file is ${file.size} bytes; the limit is ${options.maxSize}.`, {
      ...details,
      size: file.size,
      maxSize: options.maxSize,
    });
  }
  return { file, type: real as AllowedType | ConvertibleType };
}

const COMPRESSIBLE: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', ...CONVERTIBLE_TYPES]);

/** HEIC, WebP and AVIF are accepted wherever JPEG is, since they are sent as JPEG. */
function isAccepted(type: string, accept: readonly AllowedType[]): boolean {
  if (isAllowedType(type)) return accept.includes(type);
  return (CONVERTIBLE_TYPES as readonly string[]).includes(type) && accept.includes('image/jpeg');
}

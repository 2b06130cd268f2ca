import { createHash } from 'node:crypto';
import { type AllowedType, isAllowedType, normalizeType } from '../../core/document-types.js';
import { detectType } from '../../core/detect-type.js';
import { UploadError } from '../../core/errors.js';
import { imageDataEnd } from '../../core/prepare/complete-image.js';
import { readImageFacts } from '../../core/prepare/image-facts.js';
import { findLocationMetadata } from '../../core/prepare/location-metadata.js';
import { checkPdf } from '../../core/prepare/pdf-check.js';
import { MAX_PIXELS } from '../../core/prepare/pixel-limit.js';
import { checkSvg } from '../../core/prepare/svg-check.js';
import { checkTiff } from '../../core/prepare/tiff-check.js';
import { deepCheckPdf } from './pdf-deep-check.js';
import { isRefusalCode, type Passed, type Refused, refused, type Verdict } from './verdict.js';

export interface VerifyRules {
  /** Largest size accepted, in bytes (the limit the form was signed for). */
  maxSize: number;
  /**
   * The type the form allowed, when the host knows it (its own bucket signs the Content-Type; with
   * Treezor's bucket, the type the element asked the form for). Unset: any allowed type.
   */
  allowedType?: AllowedType;
}

/**
 * The server's verdict on a document's bytes: the same checks as the widget (one source, in
 * src/core), run on what was stored rather than on what the browser said, plus what only the
 * server can do (a real PDF parser). Nothing here trusts a name, a declared type or the browser:
 * an attacker posts to storage without the widget.
 */
export async function verifyDocumentBytes(bytes: Uint8Array<ArrayBuffer>, rules: VerifyRules): Promise<Verdict> {
  if (bytes.length === 0) return refused('empty');
  if (bytes.length > rules.maxSize) return refused('too-large');
  const blob = new Blob([bytes]);
  let type: AllowedType | undefined;
  try {
    const detected = await detectType(blob);
    const real = detected ? normalizeType(detected) : undefined;
    // HEIC, WebP and AVIF are converted by the widget: stored as such, they did not come through it.
    if (!real || !isAllowedType(real)) return refused('type-not-allowed', undefined, real);
    if (rules.allowedType && real !== rules.allowedType) return refused('type-mismatch', undefined, real);
    type = real;
    const outcome = await CHECKS[type](blob, bytes);
    return 'ok' in outcome ? outcome : passed(bytes, type, outcome);
  } catch (error) {
    if (error instanceof UploadError && isRefusalCode(error.code)) return refused(error.code, error.details.reason, type);
    throw error;
  }
}

type Facts = Pick<Passed, 'pageCount' | 'width' | 'height'>;

/** Each type's checks: facts on success; a refusal is thrown (the core's UploadError) or returned. */
const CHECKS: Record<AllowedType, (blob: Blob, bytes: Uint8Array) => Promise<Facts | Refused>> = {
  'application/pdf': async (blob, bytes) => {
    // The widget's check first (the same verdict a person got in the browser), then a real parser,
    // which also reads the objects packed in compressed object streams.
    await checkPdf(blob);
    const deep = await deepCheckPdf(bytes);
    return deep.ok ? { pageCount: deep.pageCount } : refused(deep.code, deep.reason, 'application/pdf');
  },
  'image/svg+xml': async (blob) => {
    await checkSvg(blob);
    return {};
  },
  'image/jpeg': (blob) => checkRaster(blob, 'image/jpeg'),
  'image/png': (blob) => checkRaster(blob, 'image/png'),
  'image/tiff': async (blob, bytes) => {
    // The same walk the widget makes: every directory bounded, every page's data inside the file.
    const facts = checkTiff(bytes, MAX_PIXELS);
    if (facts.dataEnd !== bytes.length) return refused('damaged', 'trailing-data', 'image/tiff');
    return (await locationRefusal(blob, 'image/tiff')) ?? { width: facts.width, height: facts.height, pageCount: facts.pageCount };
  },
};

/** What the widget guarantees of a photo it sends: measured, complete, nothing after it, no location. */
async function checkRaster(blob: Blob, type: 'image/jpeg' | 'image/png'): Promise<Facts | Refused> {
  const facts = await readImageFacts(blob, type);
  if (facts.width * facts.height > MAX_PIXELS) return refused('too-many-pixels', undefined, type);
  // Bytes after the image are how polyglots (an image that is also a ZIP or an HTML page) are made;
  // the widget cuts them off, so stored ones did not come through it.
  if ((await imageDataEnd(blob, type)) !== blob.size) return refused('damaged', 'trailing-data', type);
  return (await locationRefusal(blob, type)) ?? { width: facts.width, height: facts.height };
}

/** The widget removes location metadata; the server refuses a file that still has it rather than edit evidence. */
async function locationRefusal(blob: Blob, type: 'image/jpeg' | 'image/png' | 'image/tiff'): Promise<Refused | undefined> {
  const where = await findLocationMetadata(blob, type);
  return where ? refused('location-metadata', where, type) : undefined;
}

function passed(bytes: Uint8Array, type: AllowedType, facts: Facts): Passed {
  return { ok: true, type, size: bytes.length, sha256: sha256(bytes), ...facts };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

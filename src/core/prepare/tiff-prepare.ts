import { UploadError } from '../errors.js';
import { findLocationMetadata } from './location-metadata.js';
import { checkTiff } from './tiff-check.js';
import { stripTiffMetadata } from './tiff-strip.js';

export interface PreparedTiff {
  file: File;
  transformations: Array<'metadata-stripped' | 'trailing-data-removed'>;
  width: number;
  height: number;
  pageCount: number;
}

/**
 * A TIFF is never re-encoded (browsers cannot decode it, and a scan must stay as scanned): it is
 * checked from its structure, cut after the last byte its directories point to, and cleared of
 * location metadata by rewriting its directories in place. Its size was checked before any of this.
 */
export async function prepareTiff(file: File, maxPixels: number): Promise<PreparedTiff> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const facts = checkTiff(bytes, maxPixels);
  const transformations: PreparedTiff['transformations'] = [];
  const stripped = stripTiffMetadata(bytes, facts.layout);
  if (stripped) transformations.push('metadata-stripped');
  // Bytes no directory points to, after the TIFF (an HTML page, an archive): nobody's business at
  // the provider. Stripping can leave some too (a GPS directory written last), cut the same way.
  if (facts.dataEnd < bytes.length) transformations.push('trailing-data-removed');
  const end = stripped ? checkTiff(stripped, maxPixels).dataEnd : facts.dataEnd;
  const out = (stripped ?? bytes).subarray(0, end);
  const { width, height, pageCount } = facts;
  if (transformations.length === 0) return { file, transformations, width, height, pageCount };

  const prepared = new File([out], file.name, { type: 'image/tiff' });
  // The server refuses a stored TIFF that still says where it was made; better to know here.
  const left = await findLocationMetadata(prepared, 'image/tiff');
  if (left) throw new UploadError('preparation-failed', `Location metadata (${left}) survived the clean-up.`, { detectedType: 'image/tiff', reason: left });
  return { file: prepared, transformations, width, height, pageCount };
}

import type { AllowedType } from '../../core/document-types.js';

/**
 * Why a stored document was refused: the widget's own reject codes (so a host can show the same
 * translated sentence) plus the ones only the server can say.
 */
export type RefusalCode =
  | 'empty'
  | 'too-large'
  | 'type-not-allowed'
  | 'type-mismatch'
  | 'damaged'
  | 'too-many-pixels'
  | 'unsafe-content'
  | 'encrypted-pdf'
  | 'location-metadata'
  /** The object is not there (never uploaded, or deleted since). */
  | 'missing';

export interface Passed {
  ok: true;
  /** The type read from the bytes. */
  type: AllowedType;
  size: number;
  /** Hex SHA-256 of the exact bytes verified: a preview or validation serves these bytes or verifies again. */
  sha256: string;
  pageCount?: number;
  width?: number;
  height?: number;
}

export interface Refused {
  ok: false;
  code: RefusalCode;
  /** A machine-readable detail (`script`, `javascript`, `exif-gps`…), when the check gives one. */
  reason?: string;
  detectedType?: string;
}

export type Verdict = Passed | Refused;

export const refused = (code: RefusalCode, reason?: string, detectedType?: string): Refused => ({
  ok: false,
  code,
  ...(reason ? { reason } : {}),
  ...(detectedType ? { detectedType } : {}),
});

import type { AllowedType } from '../../core/document-types.js';
import { isRejectCode, type RejectCode, type UploadErrorCode } from '../../core/errors.js';

/**
 * Why a stored document was refused: the widget's own reject codes (so a host can show the same
 * translated sentence; `unreadable` is the person's disk, never stored bytes) plus the ones only
 * the server can say: `location-metadata`, and `missing` (nothing stored, or deleted since).
 */
export type RefusalCode = Exclude<RejectCode, 'unreadable'> | 'location-metadata' | 'missing';

/** The core's checks throw the widget's codes: these are the ones a stored file can earn. */
export function isRefusalCode(code: UploadErrorCode): code is Exclude<RejectCode, 'unreadable'> {
  return isRejectCode(code) && code !== 'unreadable';
}

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

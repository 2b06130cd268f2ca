import { checkPdf } from '../../src/core/prepare/pdf-check.js';
import { rejection } from './rejection.js';

export const asBlob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });

/** What `checkPdf` refuses `bytes` with. */
export async function refusalOf(bytes: Uint8Array): Promise<{ code: string; reason: string | undefined }> {
  const error = await rejection(checkPdf(asBlob(bytes)));
  return { code: error.code, reason: error.details.reason };
}

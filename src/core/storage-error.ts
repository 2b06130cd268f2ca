import { UploadError } from './errors.js';
import { parseRetryAfter } from './retry-policy.js';

/**
 * Turns S3's answer to a refused POST into one of our codes. S3 explains itself in an XML body
 * (`<Error><Code>…</Code><Message>…</Message></Error>`); status alone is ambiguous (403 is both
 * "expired" and "tampered"). The body is read by the widget's own XML reader (no DOMParser, so
 * no trusted HTML), loaded only when storage refuses something.
 */
export async function storageError(status: number, body: string, retryAfter: string | null = null): Promise<UploadError> {
  const { code, message = '' } = await readS3Error(body);
  const retryAfterMs = parseRetryAfter(retryAfter);
  const details = { status, ...(code ? { storageCode: code } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (code === 'EntityTooLarge') return new UploadError('too-large', 'Storage refused the file: too large.', details);
  if (code === 'EntityTooSmall') return new UploadError('empty', 'Storage refused the file: too small.', details);
  if (code === 'ExpiredToken' || (code === 'AccessDenied' && /policy expired/i.test(message))) {
    return new UploadError('form-expired', 'The upload form expired before the file arrived.', details);
  }
  if (status >= 500 || status === 408 || status === 429 || code === 'SlowDown') {
    return new UploadError('storage-unavailable', `Storage is unavailable (${status}).`, details);
  }
  return new UploadError('storage-rejected', `Storage refused the upload (${status} ${code ?? 'no code'}).`, details);
}

async function readS3Error(body: string): Promise<{ code?: string; message?: string }> {
  if (!body.trim().startsWith('<')) return {};
  try {
    const { readS3ErrorBody } = await import('./xml/s3-error-body.js');
    return readS3ErrorBody(body);
  } catch {
    // The reader failed to load (the network went away with the upload): the status still says enough.
    return {};
  }
}

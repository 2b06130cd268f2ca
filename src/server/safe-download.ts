import type { S3Client } from '@aws-sdk/client-s3';
import { loadRequestPresigner, loadS3 } from './aws-sdk.js';
import { type AllowedType, EXTENSIONS } from '../core/document-types.js';

/**
 * How a host hands out a document's bytes without letting them run: every answer is a download
 * (`attachment`), typed with the type verified from the bytes, never sniffed, and sandboxed should
 * a browser render it anyway. An `<img>` ignores the disposition, and an SVG inside `<img>` runs
 * nothing, so the same bytes still show as a picture in a review page.
 */
export function safeDocumentHeaders(documentId: string, type: AllowedType, size: number): Record<string, string> {
  return {
    'content-type': type,
    'content-length': String(size),
    'content-disposition': attachmentDisposition(documentId, type),
    'x-content-type-options': 'nosniff',
    // No script, no plugin, an opaque origin: what a reviewer's click on the URL gets, if anything renders.
    'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-store',
    'referrer-policy': 'no-referrer',
  };
}

/** `attachment` with a name the host makes: the applicant's file name never reaches a header. */
export function attachmentDisposition(documentId: string, type: AllowedType): string {
  const safeId = documentId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64) || 'document';
  return `attachment; filename="document-${safeId}${EXTENSIONS[type][0]}"`;
}

export interface DownloadUrlOptions {
  bucket: string;
  key: string;
  documentId: string;
  /** The type verified from the bytes: the URL answers with it, whatever the object was stored as. */
  type: AllowedType;
  expiresIn?: number;
}

/**
 * A presigned GET for a host's own bucket that can only download: `response-content-disposition`
 * and `response-content-type` are part of the signature, so the link cannot be edited into an
 * inline page on the storage's origin.
 */
export async function presignDocumentDownload(s3: S3Client, options: DownloadUrlOptions): Promise<string> {
  const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([loadS3(), loadRequestPresigner()]);
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: options.bucket,
      Key: options.key,
      ResponseContentDisposition: attachmentDisposition(options.documentId, options.type),
      ResponseContentType: options.type,
    }),
    { expiresIn: options.expiresIn ?? 300 },
  );
}

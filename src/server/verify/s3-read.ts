import type { S3Client } from '@aws-sdk/client-s3';
import { loadS3 } from '../aws-sdk.js';
import { readBounded } from '../bounded-read.js';
import type { ReadResult } from './stored-document.js';

/**
 * An object's bytes, read no further than `maxBytes`: the size from a HEAD first, then a GET
 * conditional on the HEAD's ETag, so the bytes read are the ones the size was checked for (an
 * object replaced in between is read again from the start). The ETag and the metadata read with
 * them are those of these bytes.
 */
export async function readS3Object(s3: S3Client, bucket: string, key: string, maxBytes: number): Promise<ReadResult> {
  const { GetObjectCommand, HeadObjectCommand } = await loadS3();
  let etag: string | undefined;
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    if ((head.ContentLength ?? 0) > maxBytes) return 'too-large';
    etag = head.ETag;
  } catch (error) {
    if (s3Status(error) === 404) return 'missing';
    throw error;
  }
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(etag ? { IfMatch: etag } : {}) }));
    const bytes = await readBounded(object.Body as AsyncIterable<Uint8Array>, maxBytes);
    if (!bytes) return 'too-large';
    return { bytes, source: key, ...(object.ETag ? { version: object.ETag } : {}), ...(object.Metadata ? { metadata: object.Metadata } : {}) };
  } catch (error) {
    const status = s3Status(error);
    if (status === 404) return 'missing';
    if (status === 412) return readS3Object(s3, bucket, key, maxBytes);
    throw error;
  }
}

/** The HTTP status of an S3 SDK error, when it has one. */
export function s3Status(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

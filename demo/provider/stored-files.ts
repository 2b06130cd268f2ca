import { ListObjectsV2Command, CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { readBounded } from '../../src/server/verify/bounded-read.js';

export interface StoredObject {
  bytes: Uint8Array<ArrayBuffer>;
  etag?: string;
}

export type ReadOutcome = StoredObject | 'missing' | 'too-large';

/**
 * An object's bytes, read no further than `maxBytes`; the ETag read with them names exactly these
 * bytes (the GET is conditional on the HEAD's ETag, so a replacement in between is read again).
 */
export async function readObject(s3: S3Client, bucket: string, key: string, maxBytes: number): Promise<ReadOutcome> {
  let etag: string | undefined;
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    if ((head.ContentLength ?? 0) > maxBytes) return 'too-large';
    etag = head.ETag;
  } catch (error) {
    if (statusOf(error) === 404) return 'missing';
    throw error;
  }
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(etag ? { IfMatch: etag } : {}) }));
    const bytes = await readBounded(object.Body as AsyncIterable<Uint8Array>, maxBytes);
    if (!bytes) return 'too-large';
    return { bytes, ...(object.ETag ? { etag: object.ETag } : {}) };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return 'missing';
    if (status === 412) return readObject(s3, bucket, key, maxBytes);
    throw error;
  }
}

/** The stored object's Content-Type, or undefined when nothing is stored under the key. */
export async function headContentType(s3: S3Client, bucket: string, key: string): Promise<string | null | undefined> {
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentType ?? null;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * Copies `from` to `to` only if `from` still holds the bytes with `etag`: false when they were
 * replaced since (S3 answers 412). The copy gets the type the bytes were verified as.
 */
export async function copyIfUnchanged(
  s3: S3Client,
  bucket: string,
  from: string,
  to: string,
  etag: string | undefined,
  contentType: string,
): Promise<boolean> {
  try {
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: to,
        CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
        ...(etag ? { CopySourceIfMatch: etag } : {}),
        MetadataDirective: 'REPLACE',
        ContentType: contentType,
      }),
    );
    return true;
  } catch (error) {
    if (statusOf(error) === 412 || statusOf(error) === 404) return false;
    throw error;
  }
}

/** Deleting what is already gone succeeds, as in S3: callers may repeat it. */
export async function deleteObjects(s3: S3Client, bucket: string, keys: ReadonlyArray<string | null>): Promise<void> {
  await Promise.all(keys.filter((key): key is string => key !== null).map((key) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))));
}

/** Where a validation copies a document's bytes: under the upload's key, one copy per attempt. */
export const validatedCopyPrefix = (uploadKey: string) => `validated/${uploadKey}/`;

/**
 * Every object a document left: the upload and each validated copy, also one a killed
 * validation made before its transaction recorded it (listed by prefix, not read from the row).
 */
export async function deleteDocumentFiles(s3: S3Client, bucket: string, uploadKey: string): Promise<void> {
  const copies: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: validatedCopyPrefix(uploadKey), ...(token ? { ContinuationToken: token } : {}) }));
    copies.push(...(page.Contents ?? []).map((object) => object.Key!).filter(Boolean));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  await deleteObjects(s3, bucket, [uploadKey, ...copies]);
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

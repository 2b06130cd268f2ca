import { CopyObjectCommand, DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { s3Status } from '../../src/server/verify/s3-read.js';

/** The stored object's Content-Type, or undefined when nothing is stored under the key. */
export async function headContentType(s3: S3Client, bucket: string, key: string): Promise<string | null | undefined> {
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentType ?? null;
  } catch (error) {
    if (s3Status(error) === 404) return undefined;
    throw error;
  }
}

/**
 * Copies `from` to `to` only if `from` still holds the bytes with `etag`: false when they were
 * replaced since (S3 answers 412). The copy gets the type the bytes were verified as, and
 * `metadata` (the copy's whole metadata: REPLACE keeps nothing of the upload's).
 */
export async function copyIfUnchanged(
  s3: S3Client,
  bucket: string,
  from: string,
  to: string,
  etag: string | undefined,
  contentType: string,
  metadata: Record<string, string> = {},
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
        Metadata: metadata,
      }),
    );
    return true;
  } catch (error) {
    if (s3Status(error) === 412 || s3Status(error) === 404) return false;
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

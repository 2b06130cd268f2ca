import type { S3Refusal } from './post-policy.js';
import { isValidBucketName, unsafeKey } from './request-shape.js';

export interface ObjectRef {
  bucket: string;
  key: string;
}

/**
 * CopyObject and UploadPartCopy name their source in `x-amz-copy-source`, URL-encoded. Read it as
 * S3 does (every escape decoded), as strictly as a path. `values` are every header received.
 */
export function parseCopySource(values: readonly string[]): { source: ObjectRef } | { refusal: S3Refusal } {
  const invalid = (message: string) => ({
    refusal: { status: 400, code: 'InvalidArgument', message, detail: { ArgumentName: 'x-amz-copy-source' } },
  });
  if (values.length !== 1) return invalid('Copy Source must be given once.');
  const source = values[0]!.replace(/^\//, '');
  if (source.includes('?')) {
    // `?versionId=`: s3rver keeps no versions.
    const message = 'A header you provided implies functionality that is not implemented';
    return { refusal: { status: 501, code: 'NotImplemented', message } };
  }
  let segments: string[];
  try {
    segments = source.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return invalid('Invalid copy source encoding.');
  }
  const [bucket = '', ...keySegments] = segments;
  if (!isValidBucketName(bucket) || keySegments.length === 0) {
    return invalid('Copy Source must mention the source bucket and key: sourcebucket/sourcekey.');
  }
  const key = keySegments.join('/');
  const refusal = unsafeKey(key);
  if (refusal) return { refusal: { ...refusal, detail: { ArgumentName: 'x-amz-copy-source' } } };
  return { source: { bucket, key } };
}

/**
 * s3rver splits the header on `/` after decodeURI, which leaves `%2B`, `%2F`, `%3F`… encoded:
 * spell the source so that its decodeURI gives back exactly the key checked here.
 */
export function copySourceForS3rver(source: ObjectRef): string {
  return encodeURI(`${source.bucket}/${source.key}`);
}

import type { FilesystemStore } from '@20minutes/s3rver';
import type { IncomingHttpHeaders } from 'node:http';
import type { ObjectRef } from './copy-source.js';
import type { S3Refusal } from './post-policy.js';

/**
 * s3rver ignores `If-Match` and the copy-source conditions. A host that verified an object and
 * then copies it with CopySourceIfMatch relies on S3's 412 when the bytes changed in between:
 * answer it here. (Checked just before s3rver acts, not atomically with it as in S3.)
 */
export async function failedPrecondition(
  store: FilesystemStore,
  method: string,
  headers: IncomingHttpHeaders,
  target: ObjectRef | undefined,
  source: ObjectRef | undefined,
): Promise<S3Refusal | undefined> {
  const etagOf = async (object: ObjectRef) => {
    try {
      return (await store.getMetadata(object.bucket, object.key)).etag;
    } catch {
      return undefined; // missing: s3rver answers NoSuchKey itself
    }
  };
  const checks: Array<[header: string, object: ObjectRef | undefined, wanted: boolean]> = [
    ['x-amz-copy-source-if-match', source, true],
    ['x-amz-copy-source-if-none-match', source, false],
    ['if-match', method === 'GET' || method === 'HEAD' ? target : undefined, true],
  ];
  for (const [header, object, wanted] of checks) {
    const condition = headers[header];
    if (typeof condition !== 'string' || object === undefined) continue;
    const etag = await etagOf(object);
    if (etag === undefined) continue;
    if (matchesEtag(condition, etag) !== wanted) {
      const message = 'At least one of the pre-conditions you specified did not hold';
      return { status: 412, code: 'PreconditionFailed', message, detail: { Condition: header } };
    }
  }
  return undefined;
}

function matchesEtag(condition: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  return condition.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

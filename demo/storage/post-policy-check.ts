import type { S3rverContext } from '@20minutes/s3rver';
import { parsePostBody } from './multipart-body.js';
import { checkPostPolicy } from './post-policy.js';
import { readCapped, replayBody } from './request-body.js';
import { unsafeKey } from './request-shape.js';
import { respond } from './s3-response.js';

export interface PostPolicyCheckOptions {
  /** Access key id → secret access key, the keys that may sign a POST policy. */
  credentials: ReadonlyMap<string, string>;
  /** Bodies beyond this are refused before parsing; S3's own limit for POST is 5 GB. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * s3rver stores any POST Object it receives. The storage guard sends every POST Object through
 * this check, which answers like S3: same codes, same XML, CORS headers included so a browser can
 * read why it was refused. Returns true when it answered (refused); false lets s3rver store it.
 */
export async function refusePostObject(
  ctx: S3rverContext,
  bucket: string,
  options: PostPolicyCheckOptions,
): Promise<boolean> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!/^multipart\/form-data\b/i.test(ctx.headers['content-type'] ?? '')) {
    await respond(ctx, bucket, {
      status: 412,
      code: 'PreconditionFailed',
      message: 'At least one of the pre-conditions you specified did not hold',
      detail: { Condition: 'Bucket POST must be of the enclosure-type multipart/form-data' },
    });
    return true;
  }
  const body = await readCapped(ctx.req, maxBodyBytes);
  if (!body.data) {
    await respond(ctx, bucket, {
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      detail: { ProposedSize: body.size, MaxSizeAllowed: maxBodyBytes },
    });
    return true;
  }
  let parsed;
  try {
    parsed = await parsePostBody(ctx.headers, body.data);
  } catch {
    await respond(ctx, bucket, {
      status: 400,
      code: 'MalformedPOSTRequest',
      message: 'The body of your POST request is not well-formed multipart/form-data.',
    });
    return true;
  }
  const refusal =
    checkPostPolicy(
      { fields: parsed.fields, ...(parsed.file ? { file: { size: parsed.file.length } } : {}) },
      { bucket, credentials: options.credentials },
    ) ??
    // The policy may allow a prefix (`starts-with $key user-a/`): `user-a/../b` satisfies it.
    parsed.fields.filter(([name]) => name.toLowerCase() === 'key').map(([, key]) => unsafeKey(key)).find(Boolean);
  if (refusal) {
    await respond(ctx, bucket, refusal);
    return true;
  }
  replayBody(ctx, body.data);
  return false;
}

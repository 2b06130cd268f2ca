import type { S3rverContext } from '@20minutes/s3rver';
import { readPostBody } from './multipart-body.js';
import { checkFileSize, checkPostFields, type S3Refusal, type SizeRange } from './post-policy.js';
import { replayBody } from './request-body.js';
import { unsafeKey } from './request-shape.js';
import { respond } from './s3-response.js';

export interface PostPolicyCheckOptions {
  /** Access key id → secret access key, the keys that may sign a POST policy. */
  credentials: ReadonlyMap<string, string>;
  /** Bodies beyond this are refused (counted, never kept); S3's own limit for POST is 5 GB. */
  maxBodyBytes?: number;
  /** POST bodies with a valid policy held in memory at once; more answer 503 SlowDown. */
  maxBufferedPosts?: number;
  /** Called whenever the number of POST bodies kept in memory changes, with that number (tests). */
  onBufferedPostsChange?: (buffered: number) => void;
}

// Kept at 20 MB (forms allow 4.5 MB): it no longer sizes what a forger can make the server hold, since
// a POST body is kept only once its policy holds, and then only up to its content-length-range.
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
/** S3's MaxPostPreDataLengthBytes: the fields before the file, names and values. */
export const MAX_POST_PRE_DATA_BYTES = 20 * 1024;
/** The same fields as sent, multipart framing included (up to 200 of them). */
const MAX_POST_PRE_DATA_RAW_BYTES = 64 * 1024;
export const DEFAULT_MAX_BUFFERED_POSTS = 4;

const SLOW_DOWN: S3Refusal = { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' };

/**
 * How many POST bodies may be in memory at once, per guard.
 *
 * Memory for POST Objects is bounded twice over (both, because they guard different callers):
 * - A form is judged as it streams in (readPostBody): its fields come first, and a form that fails
 *   the policy — anyone's forgery — is refused when its file part begins, having cost at most its
 *   fields (S3's 20 KB pre-data limit). An unauthenticated flood therefore buffers almost nothing,
 *   and no slot is taken before the signature holds: a forger cannot make honest uploads wait.
 * - A form whose policy holds has its body kept for s3rver (up to its content-length-range, or the
 *   body limit for the parts after the file). That takes a slot; past the cap the answer is S3's
 *   503 SlowDown, which the widget retries with backoff. This bounds a replay of one valid form in
 *   parallel, the one flood a policy check cannot tell from honest traffic.
 */
export class PostSlots {
  private buffered = 0;
  constructor(
    private readonly max: number,
    private readonly onChange?: (buffered: number) => void,
  ) {}

  /** A release function, or undefined when every slot is taken. */
  acquire(): (() => void) | undefined {
    if (this.buffered >= this.max) return undefined;
    this.buffered++;
    this.onChange?.(this.buffered);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.buffered--;
      this.onChange?.(this.buffered);
    };
  }
}

/**
 * s3rver stores any POST Object it receives. The storage guard sends every POST Object through
 * this check, which answers like S3: same codes, same XML, CORS headers included so a browser can
 * read why it was refused. Returns true when it answered (refused); false lets s3rver store it.
 */
export async function refusePostObject(
  ctx: S3rverContext,
  bucket: string,
  options: PostPolicyCheckOptions,
  slots: PostSlots,
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
  let release: (() => void) | undefined;
  let ranges: SizeRange[] = [];
  let outcome;
  try {
    outcome = await readPostBody(
      ctx.req,
      ctx.headers,
      { maxBodyBytes, maxPreDataBytes: MAX_POST_PRE_DATA_BYTES, maxPreDataRawBytes: MAX_POST_PRE_DATA_RAW_BYTES },
      {
        fields(fields, hasFile) {
          const verdict = checkPostFields(fields, hasFile, { bucket, credentials: options.credentials });
          if ('refusal' in verdict) return verdict;
          // The policy may allow a prefix (`starts-with $key user-a/`): `user-a/../b` satisfies it.
          const keyRefusal = fields
            .filter(([name]) => name.toLowerCase() === 'key')
            .map(([, key]) => unsafeKey(key))
            .find(Boolean);
          if (keyRefusal) return { refusal: keyRefusal };
          release = slots.acquire();
          if (!release) return { refusal: SLOW_DOWN };
          ranges = verdict.sizeRanges;
          return { maxFileSize: Math.min(...ranges.map((range) => range.max)) };
        },
        file: (size) => checkFileSize(size, ranges),
      },
    );
  } catch (error) {
    release?.();
    throw error;
  }
  if ('refusal' in outcome) {
    release?.();
    await respond(ctx, bucket, outcome.refusal);
    return true;
  }
  // The body stays in memory until s3rver has stored it and answered.
  if (release) ctx.res.once('close', release);
  replayBody(ctx, outcome.body);
  return false;
}

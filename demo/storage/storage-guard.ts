import { createHash } from 'node:crypto';
import type S3rver from '@20minutes/s3rver';
import type { S3rverContext, S3rverMiddleware } from '@20minutes/s3rver';
import { readBoundedBody } from '../../src/server/bounded-read.js';
import { webBody, webHeaders } from '../../src/server/web/node-adapter.js';
import { copySourceForS3rver, parseCopySource } from './copy-source.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_BUFFERED_POSTS,
  type PostPolicyCheckOptions,
  PostSlots,
  refusePostObject,
} from './post-policy-check.js';
import type { S3Refusal } from './post-policy.js';
import { failedPrecondition } from './preconditions.js';
import { replayBody } from './request-body.js';
import {
  isValidBucketName,
  parseRequestShape,
  queryValues,
  type RequestShape,
  subresourcesOf,
  unsafeKey,
} from './request-shape.js';
import { respond } from './s3-response.js';
import { QUERY_AUTH_PARAMETERS, verifySigV4 } from './sigv4.js';

export type StorageGuardOptions = PostPolicyCheckOptions;

/**
 * s3rver serves any request that carries no signature, and maps keys onto file paths as given.
 * This guard runs before its router and lets through only what S3 would serve: CORS preflights,
 * POST Objects whose policy holds, and requests with a valid SigV4 signature; keys that would
 * leave the store, and writes to bucket configuration, are refused whoever signs them.
 */
export function installStorageGuard(server: S3rver, options: StorageGuardOptions): void {
  // The router is the last middleware; the guard must run after vhost rewriting, before routing.
  server.middleware.splice(server.middleware.length - 1, 0, storageGuard(options));
}

// Operations a signed client may still run that carry a sub-resource parameter.
const SIGNED_WRITE_OPERATIONS = new Set(['uploads', 'uploadid', 'partnumber', 'versionid']);
const UPLOAD_ID = /^[0-9a-f]{32}$/; // what s3rver issues; it becomes a folder name

export function storageGuard(options: StorageGuardOptions): S3rverMiddleware {
  const postSlots = new PostSlots(options.maxBufferedPosts ?? DEFAULT_MAX_BUFFERED_POSTS, options.onBufferedPostsChange);
  return async (ctx, next) => {
    const shape = parseRequestShape(ctx.path, ctx.querystring);
    if (!shape) return respond(ctx, undefined, { status: 400, code: 'InvalidURI', message: "Couldn't parse the specified URI." });
    const { bucket } = shape;
    // s3rver would take `kyc-documents%2F` or `..` for a bucket: a folder path like any other.
    if (bucket !== undefined && !isValidBucketName(bucket)) {
      return respond(ctx, undefined, { status: 400, code: 'InvalidBucketName', message: 'The specified bucket is not valid.' });
    }
    if (ctx.method === 'OPTIONS' && ctx.get('origin') && ctx.get('access-control-request-method')) return next();

    const operations = subresourcesOf(shape);
    // A POST Object is matched on the decoded path, whatever else the query string says.
    if (ctx.method === 'POST' && bucket !== undefined && shape.key === undefined && operations.length === 0) {
      if (await ctx.store.getBucket(bucket)) {
        if (await refusePostObject(ctx, bucket, options, postSlots)) return;
        // The policy was the authority: s3rver must not judge a stray Authorization header again.
        stripCredentials(ctx, shape);
        return next();
      }
    }

    const headers = headersOf(ctx);
    const verdict = verifySigV4({ method: ctx.method, segments: shape.segments, query: shape.query, headers }, options);
    if (!verdict.ok) return respond(ctx, bucket, verdict.refusal);
    const refusal =
      refuseSignedRequest(ctx, shape, operations) ??
      (await refuseCopyOrCondition(ctx, shape, headers.get('x-amz-copy-source') ?? [])) ??
      (verdict.payloadHash === 'UNSIGNED-PAYLOAD'
        ? undefined
        : await refuseOtherBody(ctx, verdict.payloadHash, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
    if (refusal) return respond(ctx, bucket, refusal);

    stripCredentials(ctx, shape);
    // s3rver applies response-* overrides (response-content-disposition…) only for an account.
    ctx.state.account = { verifiedBy: 'storage-guard' };
    return next();
  };
}

/** What even a validly signed request may not do to a store that maps keys onto files. */
function refuseSignedRequest(ctx: S3rverContext, shape: RequestShape, operations: string[]): S3Refusal | undefined {
  if (shape.key !== undefined) {
    const refusal = unsafeKey(shape.key);
    if (refusal) return refusal;
  }
  const write = ctx.method !== 'GET' && ctx.method !== 'HEAD';
  const allowed = (operation: string) =>
    SIGNED_WRITE_OPERATIONS.has(operation) || (operation === 'delete' && ctx.method === 'POST' && shape.key === undefined);
  // Bucket configuration (cors, policy, acl, website…) is set up inside s3rver, never over HTTP.
  if (write && !operations.every(allowed)) return { status: 403, code: 'AccessDenied', message: 'Access Denied' };

  const uploadIds = queryValues(shape, 'uploadId');
  if (uploadIds.length > 0 && (uploadIds.length > 1 || !UPLOAD_ID.test(uploadIds[0]!))) {
    return {
      status: 404,
      code: 'NoSuchUpload',
      message: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    };
  }
  const parts = queryValues(shape, 'partNumber');
  if (parts.length > 0 && (parts.length > 1 || !/^[1-9]\d{0,4}$/.test(parts[0]!) || Number(parts[0]) > 10_000)) {
    return {
      status: 400,
      code: 'InvalidArgument',
      message: 'Part number must be an integer between 1 and 10000, inclusive',
      detail: { ArgumentName: 'partNumber' },
    };
  }
  // s3rver turns x-amz-* query parameters into headers after this check: keep the copy source a header.
  if (shape.query.some(([name]) => name.toLowerCase().startsWith('x-amz-copy-source'))) {
    return { status: 400, code: 'InvalidArgument', message: 'x-amz-copy-source must be sent as a header.' };
  }
  return undefined;
}

/**
 * Checks a copy source as strictly as a path and hands s3rver a spelling it decodes right; answers
 * the conditions s3rver ignores (If-Match, x-amz-copy-source-if-match…) as S3 does.
 */
async function refuseCopyOrCondition(
  ctx: S3rverContext,
  shape: RequestShape,
  copyHeaders: readonly string[],
): Promise<S3Refusal | undefined> {
  const copy = copyHeaders.length > 0 ? parseCopySource(copyHeaders) : undefined;
  if (copy && 'refusal' in copy) return copy.refusal;
  const { bucket, key } = shape;
  const target = bucket !== undefined && key !== undefined ? { bucket, key } : undefined;
  const unmet = await failedPrecondition(ctx.store, ctx.method, ctx.headers, target, copy?.source);
  if (unmet) return unmet;
  if (copy) ctx.headers['x-amz-copy-source'] = copySourceForS3rver(copy.source);
  return undefined;
}

/** A signed payload hash binds the body: a captured request replayed with other bytes is refused. */
async function refuseOtherBody(ctx: S3rverContext, signedHash: string, limit: number): Promise<S3Refusal | undefined> {
  // The server's one capped reader; the rest is drained, not cut, so the client reads the refusal.
  const data = await readBoundedBody({ headers: webHeaders(ctx.req), body: webBody(ctx.req) }, limit);
  if (!data) {
    // S3 reports the declared length.
    const declared = ctx.get('content-length');
    const detail = { ...(declared ? { ProposedSize: declared } : {}), MaxSizeAllowed: limit };
    return { status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size', detail };
  }
  const computed = createHash('sha256').update(data).digest('hex');
  if (computed !== signedHash) {
    return {
      status: 400,
      code: 'XAmzContentSHA256Mismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
      detail: { ClientComputedContentSHA256: signedHash, S3ComputedContentSHA256: computed },
    };
  }
  replayBody(ctx, data);
  return undefined;
}

/** Once verified here, s3rver's own signature check (weaker, and its own decoding) must not run. */
function stripCredentials(ctx: S3rverContext, shape: RequestShape): void {
  delete ctx.headers.authorization;
  const auth = new Set<string>(QUERY_AUTH_PARAMETERS);
  if (shape.query.some(([name]) => auth.has(name))) {
    ctx.querystring = ctx.querystring
      .split('&')
      .filter((piece) => {
        const name = piece.split('=')[0]!;
        try {
          return !auth.has(decodeURIComponent(name.replace(/\+/g, ' ')));
        } catch {
          return true;
        }
      })
      .join('&');
  }
}

function headersOf(ctx: S3rverContext): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const raw = ctx.req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), raw[i + 1]!]);
  }
  return headers;
}

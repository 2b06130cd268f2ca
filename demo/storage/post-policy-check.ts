import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type S3rver from '@20minutes/s3rver';
import type { S3rverContext, S3rverMiddleware } from '@20minutes/s3rver';
import { parsePostBody } from './multipart-body.js';
import { checkPostPolicy, type S3Refusal } from './post-policy.js';

export interface PostPolicyCheckOptions {
  /** Access key id → secret access key, the keys that may sign a POST policy. */
  credentials: ReadonlyMap<string, string>;
  /** Bodies beyond this are refused before parsing; S3's own limit for POST is 5 GB. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * s3rver stores any POST Object it receives. Splicing this check in front of its router makes the
 * embedded storage answer like S3: same codes, same XML, CORS headers included so a browser can
 * read why it was refused.
 */
export function installPostPolicyCheck(server: S3rver, options: PostPolicyCheckOptions): void {
  // The router is the last middleware; the check must run after vhost rewriting, before routing.
  server.middleware.splice(server.middleware.length - 1, 0, postPolicyCheck(options));
}

export function postPolicyCheck(options: PostPolicyCheckOptions): S3rverMiddleware {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (ctx, next) => {
    const bucket = postObjectBucket(ctx);
    // Anything else, and POSTs to a missing bucket, get s3rver's own answer.
    if (!bucket || !(await ctx.store.getBucket(bucket))) return next();

    const body = await readCapped(ctx.req, maxBodyBytes);
    if (!body.data) {
      return respond(ctx, bucket, {
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
        detail: { ProposedSize: body.size, MaxSizeAllowed: maxBodyBytes },
      });
    }
    let parsed;
    try {
      parsed = await parsePostBody(ctx.headers, body.data);
    } catch {
      return respond(ctx, bucket, {
        status: 400,
        code: 'MalformedPOSTRequest',
        message: 'The body of your POST request is not well-formed multipart/form-data.',
      });
    }
    const refusal = checkPostPolicy(
      { fields: parsed.fields, ...(parsed.file ? { file: { size: parsed.file.length } } : {}) },
      { bucket, credentials: options.credentials },
    );
    if (refusal) return respond(ctx, bucket, refusal);

    replayBody(ctx, body.data);
    return next();
  };
}

function postObjectBucket(ctx: S3rverContext): string | undefined {
  if (ctx.method !== 'POST' || ctx.querystring !== '') return undefined;
  if (!/^multipart\/form-data\b/i.test(ctx.headers['content-type'] ?? '')) return undefined;
  return /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
}

async function readCapped(req: IncomingMessage, limit: number): Promise<{ size: number; data?: Buffer }> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Drain past the limit instead of cutting the socket, so the client reads the XML refusal.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? { size } : { size, data: Buffer.concat(chunks) };
}

/** s3rver's handler pipes `ctx.req` into its own busboy: give it the bytes already read. */
function replayBody(ctx: S3rverContext, data: Buffer): void {
  const original = ctx.req;
  const replay = Object.assign(Readable.from([data], { objectMode: false }), {
    headers: original.headers,
    rawHeaders: original.rawHeaders,
    method: original.method,
    url: original.url,
    httpVersion: original.httpVersion,
    socket: original.socket,
    connection: original.socket,
  }) as unknown as IncomingMessage;
  ctx.req = replay;
  ctx.request.req = replay;
}

async function respond(ctx: S3rverContext, bucket: string, refusal: S3Refusal): Promise<void> {
  // Same rule lookup as s3rver's cors middleware, which never runs for a request answered here.
  const cors = await ctx.store.getSubresource(bucket, undefined, 'cors');
  const origin = ctx.get('origin');
  const rule = cors?.matchRule(origin, 'POST');
  if (rule) {
    ctx.set('Access-Control-Allow-Origin', rule.hasWildcardOrigin ? '*' : origin);
    if (rule.exposeHeaders.length) ctx.set('Access-Control-Expose-Headers', rule.exposeHeaders.join(', '));
    ctx.set('Access-Control-Allow-Credentials', 'true');
    ctx.set('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
  }
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  ctx.set('x-amz-request-id', requestId);
  ctx.status = refusal.status;
  ctx.type = 'application/xml';
  ctx.body = s3ErrorXml(refusal, requestId);
}

export function s3ErrorXml(refusal: S3Refusal, requestId: string): string {
  const element = (name: string, value: string | number) => `<${name}>${escapeXml(String(value))}</${name}>`;
  const detail = Object.entries(refusal.detail ?? {}).map(([name, value]) => element(name, value));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' +
    [element('Code', refusal.code), element('Message', refusal.message), ...detail, element('RequestId', requestId)].join(
      '',
    ) +
    element('HostId', randomBytes(24).toString('base64')) +
    '</Error>'
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

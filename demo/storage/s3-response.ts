import { randomBytes } from 'node:crypto';
import type { S3rverContext } from '@20minutes/s3rver';
import type { S3Refusal } from './post-policy.js';

/**
 * Answers a refused request as S3 would: its XML error body, a request id, and the bucket's CORS
 * headers so that a browser page can read why.
 */
export async function respond(ctx: S3rverContext, bucket: string | undefined, refusal: S3Refusal): Promise<void> {
  // Same rule lookup as s3rver's cors middleware, which never runs for a request answered here.
  const cors = bucket === undefined ? undefined : await ctx.store.getSubresource(bucket, undefined, 'cors');
  const origin = ctx.get('origin');
  const rule = origin ? cors?.matchRule(origin, ctx.method) : undefined;
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
  // A HEAD answer carries no body, in S3 as in HTTP.
  ctx.body = ctx.method === 'HEAD' ? '' : s3ErrorXml(refusal, requestId);
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
  // Characters XML 1.0 cannot carry at all become U+FFFD rather than break the document.
  return text
    .replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * The demo page's Content-Security-Policy: the strictest one the widget runs under, and the one
 * the README gives hosts. No inline script or style, no eval; the page talks to its own origin
 * (the backend) and to the storage only; workers and scripts come from its own origin. The same
 * policy may be sent on every response (`policyOnEveryResponse`), workers included: the HEIC
 * decoder is plain JavaScript (no WebAssembly to allow) and the compressor's worker creates its own
 * `kyc-upload` Trusted Types policy for the one script it imports.
 * Trusted Types: Lit's policy and the widget's own (inert parsing, its own worker URLs).
 */
export function demoPagePolicy(storageOrigin: string, trustedTypesPolicies: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob:",
    `connect-src 'self' ${storageOrigin}`,
    "worker-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    ['trusted-types lit-html kyc-upload', ...trustedTypesPolicies].join(' '),
  ].join('; ');
}

/** The origin forms will post to, read from a form signed for nothing (signing is local). */
export async function storageOrigin(s3: S3Client, bucket: string, publicEndpoint?: string): Promise<string> {
  if (publicEndpoint) return new URL(publicEndpoint).origin;
  const { url } = await createPresignedPost(s3, { Bucket: bucket, Key: 'csp-probe', Expires: 1 });
  return new URL(url).origin;
}

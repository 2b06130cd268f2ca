import { S3Client } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  /** Omit for AWS S3, whose endpoint the SDK derives from the region. */
  endpoint?: string;
  region: string;
  /** Omit to use the SDK's default chain (environment, profile, instance role…). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  forcePathStyle?: boolean;
  /** Work around the embedded s3rver fork's quirks; never for a real store. */
  embedded?: boolean;
}

export function createS3Client(options: S3ClientOptions): S3Client {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    forcePathStyle: options.embedded || (options.forcePathStyle ?? false),
    // s3rver does not understand the SDK's default flexible checksums on streamed bodies.
    ...(options.embedded
      ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const }
      : {}),
  });
  if (options.embedded) stripBucketTrailingSlash(client);
  return client;
}

/**
 * The SDK signs bucket-level calls (ListObjectsV2, PutBucketCors…) over `/bucket/` while s3rver
 * rebuilds `/bucket` when checking the signature: drop the slash before signing.
 */
function stripBucketTrailingSlash(client: S3Client): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: unknown };
      if (typeof request.path === 'string' && /^\/[^/]+\/$/.test(request.path)) {
        request.path = request.path.slice(0, -1);
      }
      return next(args);
    },
    { step: 'build', name: 'stripBucketTrailingSlash' },
  );
}

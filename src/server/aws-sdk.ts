/**
 * The AWS SDK, loaded when a function that needs it runs: the packages are optional peer
 * dependencies, so a host on the provider's bucket (Treezor) imports `kyc-upload/server` without
 * them. Types are imported statically; they cost nothing at run time.
 */
type S3Module = typeof import('@aws-sdk/client-s3');
type PresignedPostModule = typeof import('@aws-sdk/s3-presigned-post');
type RequestPresignerModule = typeof import('@aws-sdk/s3-request-presigner');

export const loadS3 = (): Promise<S3Module> => import('@aws-sdk/client-s3');
export const loadPresignedPost = (): Promise<PresignedPostModule> => import('@aws-sdk/s3-presigned-post');
export const loadRequestPresigner = (): Promise<RequestPresignerModule> => import('@aws-sdk/s3-request-presigner');

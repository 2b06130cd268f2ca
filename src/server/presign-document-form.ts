import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { loadPresignedPost } from './aws-sdk.js';
import { ALLOWED_CONTENT_TYPES, type AllowedContentType, toAllowedContentType } from './allowed-types.js';

/** Treezor's pre-signed form, as `POST /core-connect/users/{userId}/kyc/document` answers it. */
export interface DocumentForm {
  documentId: string;
  form: { action: string; method: 'POST'; enctype: 'multipart/form-data' };
  formFields: Record<string, string>;
  expireIn: number;
}

export interface PresignDocumentFormOptions {
  bucket: string;
  userId: string | number;
  /** Provider document type, e.g. Treezor's 9 for an ID card. */
  documentType: number;
  /** The type the browser detected from the bytes; the form is signed for it alone. */
  contentType: string;
  maxSize?: number;
  expiresIn?: number;
  /** Signing time; tests move it to produce an already-expired form. */
  now?: Date;
  /**
   * Where browsers reach the storage, when that differs from the S3 client's endpoint (a reverse
   * proxy in front of MinIO, a test's fault-injecting proxy): the form's action gets this origin.
   */
  publicEndpoint?: string;
}

export type DocumentFormErrorCode = 'content-type-not-allowed' | 'invalid-argument';

/** A request no form can be signed for; a route maps it to 400. */
export class DocumentFormError extends Error {
  override readonly name = 'DocumentFormError';
  constructor(
    readonly code: DocumentFormErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_SIZE = 4_500_000;
export const DEFAULT_EXPIRES_IN = 300;

/**
 * Signs an S3 POST form for one document. The storage enforces what the browser only checks:
 * size 1..maxSize, the exact key, a private ACL and one Content-Type (a policy cannot say "one
 * of five", so the form is signed for the type the browser detected).
 */
export async function presignDocumentForm(s3: S3Client, options: PresignDocumentFormOptions): Promise<DocumentForm> {
  const { bucket, userId, documentType, maxSize = DEFAULT_MAX_SIZE, expiresIn = DEFAULT_EXPIRES_IN } = options;
  const contentType = toAllowedContentType(options.contentType);
  if (!contentType) {
    throw new DocumentFormError(
      'content-type-not-allowed',
      `Content type ${JSON.stringify(options.contentType)} is not one of ${ALLOWED_CONTENT_TYPES.join(', ')}.`,
    );
  }
  // Both end up in the object key: keep them to characters that need no escaping anywhere.
  if (!/^[A-Za-z0-9-]{1,64}$/.test(String(userId))) {
    throw new DocumentFormError('invalid-argument', 'userId must be 1 to 64 letters, digits or dashes.');
  }
  if (!Number.isSafeInteger(documentType) || documentType < 0) {
    throw new DocumentFormError('invalid-argument', 'documentType must be a non-negative integer.');
  }
  if (!Number.isSafeInteger(maxSize) || maxSize < 1) {
    throw new DocumentFormError('invalid-argument', 'maxSize must be a positive integer.');
  }
  if (!Number.isSafeInteger(expiresIn) || expiresIn < 1) {
    throw new DocumentFormError('invalid-argument', 'expiresIn must be a positive number of seconds.');
  }

  const now = options.now ?? new Date();
  const documentId = randomUUID();
  // Never derived from the file name: the user controls that, the key names the document.
  const key = `${Math.floor(now.getTime() / 1000)}_${userId}_${documentType}_${documentId}_0`;
  const signer = options.now ? signingClockAt(s3, options.now) : s3;
  const { createPresignedPost } = await loadPresignedPost();
  const { url, fields } = await createPresignedPost(signer, {
    Bucket: bucket,
    Key: key,
    Fields: { acl: 'private', 'Content-Type': contentType },
    Conditions: [['content-length-range', 1, maxSize]],
    Expires: expiresIn,
  });
  return {
    documentId,
    form: { action: options.publicEndpoint ? withOrigin(url, options.publicEndpoint) : url, method: 'POST', enctype: 'multipart/form-data' },
    formFields: treezorFields(fields, key, contentType),
    expireIn: expiresIn,
  };
}

/** Treezor's field order, without the `bucket` field: the action URL already names the bucket. */
function treezorFields(fields: Record<string, string>, key: string, contentType: AllowedContentType) {
  const token = fields['X-Amz-Security-Token'];
  return {
    acl: 'private',
    key,
    'Content-Type': contentType,
    ...(token ? { 'X-Amz-Security-Token': token } : {}),
    'X-Amz-Credential': fields['X-Amz-Credential']!,
    'X-Amz-Algorithm': fields['X-Amz-Algorithm']!,
    'X-Amz-Date': fields['X-Amz-Date']!,
    Policy: fields['Policy']!,
    'X-Amz-Signature': fields['X-Amz-Signature']!,
  };
}

/**
 * createPresignedPost reads the time from `Date.now() + config.systemClockOffset` and uses
 * nothing but `config`: a copy with another offset moves the signing time without touching the
 * shared client.
 */
function signingClockAt(s3: S3Client, now: Date): S3Client {
  return { config: { ...s3.config, systemClockOffset: now.getTime() - Date.now() } } as unknown as S3Client;
}

/** `url` with the scheme, host and port of `endpoint`; the path (which may name the bucket) is kept. */
function withOrigin(url: string, endpoint: string): string {
  const moved = new URL(url);
  const target = new URL(endpoint);
  moved.protocol = target.protocol;
  moved.host = target.host;
  return moved.href;
}

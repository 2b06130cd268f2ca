import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { loadPresignedPost } from './aws-sdk.js';
import { ALLOWED_TYPES, type AllowedType, DEFAULT_MAX_SIZE, toAllowedType } from '../core/document-types.js';
import { SLOT_NAME_PATTERN } from '../core/document-set/document-slot.js';

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
  /** The signed size limit; DEFAULT_MAX_SIZE (the widget's own default) unless given. */
  maxSize?: number;
  expiresIn?: number;
  /** Signing time; tests move it to produce an already-expired form. */
  now?: Date;
  /**
   * Where browsers reach the storage, when that differs from the S3 client's endpoint (a reverse
   * proxy in front of MinIO, a test's fault-injecting proxy): the form's action gets this origin.
   */
  publicEndpoint?: string;
  /**
   * Stored with the object as `x-amz-meta-<key>`, each signed as an exact field: a form cannot
   * post other values, so the object itself says what it is (`{ kind, subtype, side }`). Keys are
   * lower-case words joined by dashes, values printable ASCII (what an HTTP header carries
   * unchanged); at most 8 entries of 256 characters, 2 KB in all.
   */
  metadata?: Readonly<Record<string, string>>;
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

export const DEFAULT_EXPIRES_IN = 300;
/** Bounds of `metadata`; the total (names and values) is S3's own limit of 2 KB per object. */
export const MAX_METADATA_ENTRIES = 8;
export const MAX_METADATA_VALUE_LENGTH = 256;
export const MAX_METADATA_BYTES = 2048;
// Printable ASCII without a space at either end: S3 returns values as headers, which lose those.
const METADATA_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * Signs an S3 POST form for one document. The storage enforces what the browser only checks:
 * size 1..maxSize, the exact key, a private ACL and one Content-Type (a policy cannot say "one
 * of five", so the form is signed for the type the browser detected).
 */
export async function presignDocumentForm(s3: S3Client, options: PresignDocumentFormOptions): Promise<DocumentForm> {
  const { bucket, userId, documentType, maxSize = DEFAULT_MAX_SIZE, expiresIn = DEFAULT_EXPIRES_IN } = options;
  const contentType = toAllowedType(options.contentType);
  if (!contentType) {
    throw new DocumentFormError(
      'content-type-not-allowed',
      `Content type ${JSON.stringify(options.contentType)} is not one of ${ALLOWED_TYPES.join(', ')}.`,
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
  const metadataFields = metadataToFields(options.metadata ?? {});

  const now = options.now ?? new Date();
  const documentId = randomUUID();
  // Never derived from the file name: the user controls that, the key names the document.
  const key = `${Math.floor(now.getTime() / 1000)}_${userId}_${documentType}_${documentId}_0`;
  const signer = options.now ? signingClockAt(s3, options.now) : s3;
  const { createPresignedPost } = await loadPresignedPost();
  const { url, fields } = await createPresignedPost(signer, {
    Bucket: bucket,
    Key: key,
    // Every field is signed as an exact condition, the metadata included.
    Fields: { acl: 'private', 'Content-Type': contentType, ...metadataFields },
    Conditions: [['content-length-range', 1, maxSize]],
    Expires: expiresIn,
  });
  return {
    documentId,
    form: { action: options.publicEndpoint ? withOrigin(url, options.publicEndpoint) : url, method: 'POST', enctype: 'multipart/form-data' },
    formFields: treezorFields(fields, key, contentType, metadataFields),
    expireIn: expiresIn,
  };
}

/** Treezor's field order, without the `bucket` field: the action URL already names the bucket. */
function treezorFields(fields: Record<string, string>, key: string, contentType: AllowedType, metadataFields: Record<string, string>) {
  const token = fields['X-Amz-Security-Token'];
  return {
    acl: 'private',
    key,
    'Content-Type': contentType,
    ...metadataFields,
    ...(token ? { 'X-Amz-Security-Token': token } : {}),
    'X-Amz-Credential': fields['X-Amz-Credential']!,
    'X-Amz-Algorithm': fields['X-Amz-Algorithm']!,
    'X-Amz-Date': fields['X-Amz-Date']!,
    Policy: fields['Policy']!,
    'X-Amz-Signature': fields['X-Amz-Signature']!,
  };
}

/** `{ kind: 'identity-proof' }` → `{ 'x-amz-meta-kind': 'identity-proof' }`, or why it cannot be signed. */
function metadataToFields(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA_ENTRIES) {
    throw new DocumentFormError('invalid-argument', `metadata may hold at most ${MAX_METADATA_ENTRIES} entries.`);
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of entries) {
    // Lower case only: S3 lower-cases metadata names, so `Kind` and `kind` would be one entry.
    if (!SLOT_NAME_PATTERN.test(name)) {
      throw new DocumentFormError('invalid-argument', `metadata key ${JSON.stringify(name)} must be lower-case letters, digits and dashes.`);
    }
    if (typeof value !== 'string' || value.length > MAX_METADATA_VALUE_LENGTH || !METADATA_VALUE.test(value)) {
      throw new DocumentFormError(
        'invalid-argument',
        `metadata "${name}" must be 1 to ${MAX_METADATA_VALUE_LENGTH} printable ASCII characters, without a space at either end.`,
      );
    }
    fields[`x-amz-meta-${name}`] = value;
  }
  // ASCII only, so characters are bytes.
  if (entries.reduce((total, [name, value]) => total + name.length + value.length, 0) > MAX_METADATA_BYTES) {
    throw new DocumentFormError('invalid-argument', `metadata may hold at most ${MAX_METADATA_BYTES} bytes of names and values.`);
  }
  return fields;
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

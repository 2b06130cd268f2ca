import { ALLOWED_TYPES, type AllowedType } from '../core/document-types.js';

/** The MIME types the KYC provider accepts: the same list the browser checks against. */
export const ALLOWED_CONTENT_TYPES = ALLOWED_TYPES;
export type AllowedContentType = AllowedType;

const ALIASES: Readonly<Record<string, AllowedContentType>> = { 'image/jpg': 'image/jpeg' };

/**
 * The one allowed type a form may be signed for, or undefined. Case and parameters are dropped
 * because S3 compares the `Content-Type` field byte for byte with the signed value.
 */
export function toAllowedContentType(value: string): AllowedContentType | undefined {
  const bare = value.split(';')[0]!.trim().toLowerCase();
  const type = ALIASES[bare] ?? bare;
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(type) ? (type as AllowedContentType) : undefined;
}

/** The MIME types the KYC provider accepts (Treezor lists `image/jpg`, which is `image/jpeg`). */
export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/svg+xml',
] as const;

export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

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

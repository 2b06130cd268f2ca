/** The MIME types the KYC provider accepts (Treezor: "application/pdf, image/jpg, image/png, image/tiff, image/svg+xml"). */
export const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/svg+xml'] as const;

export type AllowedType = (typeof ALLOWED_TYPES)[number];

/** Formats browsers (or our decoder) read but the provider does not take: they are sent as JPEG. */
export const CONVERTIBLE_TYPES = ['image/heic', 'image/heif', 'image/webp', 'image/avif'] as const;
export type ConvertibleType = (typeof CONVERTIBLE_TYPES)[number];

/** 4.5 MB as the provider counts it: "file < 4.5Mo", enforced by the signed policy as 1..4,500,000 bytes. */
export const DEFAULT_MAX_SIZE = 4_500_000;

const ALIASES: Record<string, AllowedType> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/svg': 'image/svg+xml' };

/** Lower-cases, drops parameters and maps aliases, so `image/JPG; q=1` compares equal to `image/jpeg`. */
export function normalizeType(type: string): string {
  const bare = type.split(';')[0]!.trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

export function isAllowedType(type: string): type is AllowedType {
  return (ALLOWED_TYPES as readonly string[]).includes(type);
}

/**
 * The allowed type a declared one names, or undefined: what the server signs a form for, since S3
 * compares the `Content-Type` field byte for byte with the signed value.
 */
export function toAllowedType(type: string): AllowedType | undefined {
  const normalized = normalizeType(type);
  return isAllowedType(normalized) ? normalized : undefined;
}

/**
 * What the element accepts unless the host says otherwise: every allowed type but SVG. The provider
 * takes SVG, but no identity document is drawn as vectors, and an SVG is a document format that
 * can carry script: a host that really wants it names it (`accept="… image/svg+xml"`). The server
 * verifies SVG by the same allowlist either way.
 */
export const DEFAULT_ACCEPT: readonly AllowedType[] = ALLOWED_TYPES.filter((type) => type !== 'image/svg+xml');

/**
 * Reads an `accept` attribute value ("application/pdf, image/png" or ".pdf,image/*") down to the
 * allowed types it names. Extensions and wildcards are understood so a host can write what it
 * would write on a native input; a wildcard stands for the default types of its family (SVG only
 * when named); an empty result means the defaults.
 */
export function parseAccept(accept: string | null | undefined): AllowedType[] {
  if (!accept?.trim()) return [...DEFAULT_ACCEPT];
  const byExtension: Record<string, AllowedType> = Object.fromEntries(
    ALLOWED_TYPES.flatMap((type) => EXTENSIONS[type].map((extension) => [extension, type])),
  );
  const picked = new Set<AllowedType>();
  for (const token of accept.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean)) {
    if (token.endsWith('/*')) {
      const family = token.slice(0, -1);
      DEFAULT_ACCEPT.filter((t) => t.startsWith(family)).forEach((t) => picked.add(t));
    } else {
      const type = byExtension[token] ?? normalizeType(token);
      if (isAllowedType(type)) picked.add(type);
    }
  }
  return picked.size ? ALLOWED_TYPES.filter((t) => picked.has(t)) : [...DEFAULT_ACCEPT];
}

/** Extensions for the native picker's `accept`, which some mobile pickers read instead of MIME types. */
export const EXTENSIONS: Record<AllowedType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/tiff': ['.tif', '.tiff'],
  'image/svg+xml': ['.svg'],
};

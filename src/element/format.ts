import { type AllowedType, EXTENSIONS } from '../core/document-types.js';

/** Decimal units, as the provider counts its "4.5 Mo" limit (4,500,000 bytes). */
export function formatBytes(bytes: number, lang: string): string {
  const [unit, value] = bytes >= 1_000_000 ? ['megabyte', bytes / 1_000_000] : bytes >= 1000 ? ['kilobyte', bytes / 1000] : ['byte', bytes];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

const TYPE_LABELS: Record<AllowedType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'image/svg+xml': 'SVG',
};

/** "PDF, JPEG or PNG" in the user's language. */
export function formatTypes(types: readonly AllowedType[], lang: string): string {
  return new Intl.ListFormat(lang, { type: 'disjunction' }).format(types.map((type) => TYPE_LABELS[type]));
}

/** The native picker's `accept`: MIME types plus extensions, which some mobile pickers need. */
export function pickerAccept(types: readonly AllowedType[]): string {
  return types.flatMap((type) => [type, ...EXTENSIONS[type]]).join(',');
}

import type { UploadSettings } from '../pipeline.js';

/**
 * The store's key for an upload: its document type and, in a set, its kind, subtype and side
 * (`9`, `901|identity-proof|passport|front`). The same settings after a reload find the same file;
 * it is stored in clear, so it holds nothing but these checked names.
 */
export function resumeSlotKey(settings: Pick<UploadSettings, 'documentType' | 'slot'>): string {
  const { kind, subtype, side } = settings.slot ?? {};
  return [settings.documentType ?? '', ...(kind || subtype || side ? [kind ?? '', subtype ?? '', side ?? ''] : [])].join('|');
}

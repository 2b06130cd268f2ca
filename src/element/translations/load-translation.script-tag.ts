import { assetUrl } from '../../core/assets.js';
import type { Translation } from './translation.js';

/**
 * The script-tag build swaps this in for `load-translation.ts`: a classic script cannot split into
 * chunks, so each catalogue is built as a module of its own (`kyc-upload-lang-fr.js`…), shipped
 * next to the script and imported by URL relative to it.
 */
const byUrl = (code: string) => async () =>
  ((await import(/* @vite-ignore */ assetUrl(`kyc-upload-lang-${code}.js`))) as Record<string, Translation>)[code]!;

export const loadBuiltInTranslation: Record<string, () => Promise<Translation>> = {
  fr: byUrl('fr'),
  de: byUrl('de'),
  es: byUrl('es'),
  it: byUrl('it'),
  nl: byUrl('nl'),
};

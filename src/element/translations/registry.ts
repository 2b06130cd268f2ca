import { en } from './en.js';
import { fr } from './fr.js';
import type { Translation } from './translation.js';

// Per page, not per element: a host registers a language once for every <kyc-upload>.
const translations = new Map<string, Translation>([
  ['en', en],
  ['fr', fr],
]);

/** Adds or replaces a language, e.g. `registerTranslation({ ...en, $code: 'en-GB', … })`. */
export function registerTranslation(...added: Translation[]): void {
  for (const translation of added) translations.set(translation.$code.toLowerCase(), translation);
}

/** `fr-CA` → `fr-ca`, then `fr`, then English. */
export function resolveTranslation(lang: string | undefined): Translation {
  const wanted = (lang ?? '').toLowerCase();
  return translations.get(wanted) ?? translations.get(wanted.split('-')[0]!) ?? en;
}

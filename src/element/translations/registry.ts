import { en } from './en.js';
import { loadBuiltInTranslation } from './load-translation.js';
import type { Translation } from './translation.js';

// Per page, not per element: a host registers a language once for every <kyc-upload>.
const translations = new Map<string, Translation>([['en', en]]);
const loading = new Map<string, Promise<void>>();

/** Adds or replaces a language, e.g. `registerTranslation({ ...en, $code: 'en-GB', … })`. */
export function registerTranslation(...added: Translation[]): void {
  for (const translation of added) translations.set(translation.$code.toLowerCase(), translation);
}

/** `fr-CA` → `fr-ca`, then `fr`: the codes to look for, most specific first. */
const candidates = (lang: string | undefined) => {
  const wanted = (lang ?? '').toLowerCase();
  return [wanted, wanted.split('-')[0]!];
};

/** The catalogue for `lang` as far as it is loaded: regional variant, then language, then English. */
export function resolveTranslation(lang: string | undefined): Translation {
  for (const code of candidates(lang)) {
    const found = translations.get(code);
    if (found) return found;
  }
  return en;
}

/**
 * Loads the built-in catalogue `lang` falls back to, if it is not loaded yet; undefined when
 * there is nothing to wait for. A catalogue that fails to load leaves English in its place.
 */
export function loadTranslationFor(lang: string | undefined): Promise<void> | undefined {
  for (const code of candidates(lang)) {
    if (translations.has(code)) return undefined;
    const load = loadBuiltInTranslation[code];
    if (!load) continue;
    let pending = loading.get(code);
    if (!pending) {
      pending = load().then(
        (translation) => {
          if (!translations.has(code)) translations.set(code, translation);
        },
        () => {},
      );
      loading.set(code, pending);
    }
    return pending;
  }
  return undefined;
}

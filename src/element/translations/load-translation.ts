import type { Translation } from './translation.js';

/**
 * The catalogues that ship with the widget besides English, each loaded the first time an element
 * needs it: six languages cost the page one. The app's bundler makes each a chunk of its own.
 */
export const loadBuiltInTranslation: Record<string, () => Promise<Translation>> = {
  fr: async () => (await import('./fr.js')).fr,
  de: async () => (await import('./de.js')).de,
  es: async () => (await import('./es.js')).es,
  it: async () => (await import('./it.js')).it,
  nl: async () => (await import('./nl.js')).nl,
};

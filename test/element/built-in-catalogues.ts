import { en } from '../../src/element/translations/en.js';
import { loadBuiltInTranslation } from '../../src/element/translations/load-translation.js';
import type { Translation } from '../../src/element/translations/translation.js';

/** Every language that ships, English first: the list the element loads from, so a new one is tested too. */
export const BUILT_IN_CATALOGUES: readonly Translation[] = [en, ...(await Promise.all(Object.values(loadBuiltInTranslation).map((load) => load())))];

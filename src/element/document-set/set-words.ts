import { enDocumentSet } from '../translations/en-document-set.js';
import type { DocumentSetTranslation, Translation } from '../translations/translation.js';

/** The set's words in the element's language, or in English where a catalogue has none. */
export const setWords = (t: Translation): DocumentSetTranslation => t.documentSet ?? enDocumentSet;

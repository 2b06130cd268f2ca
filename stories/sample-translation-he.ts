// SAMPLE ONLY — not a shipped language and not reviewed by a translator. A right-to-left catalogue
// for the RTL stories, made the way the README tells a host to add a language: English with the
// direction and the lines those stories show replaced. Everything not listed here stays English.
import { en } from '../src/element/translations/en.js';
import { enDocumentSet } from '../src/element/translations/en-document-set.js';
import { enErrors } from '../src/element/translations/en-errors.js';
import { registerTranslation } from '../src/element/translations/registry.js';
import type { Translation } from '../src/element/translations/translation.js';

export const sampleHebrew: Translation = {
  ...en,
  $code: 'he',
  $dir: 'rtl',
  label: 'מסמך מזהה',
  dropHere: 'גררו את המסמך לכאן, או',
  chooseFile: 'בחירת קובץ',
  takePhoto: 'צילום',
  hint: (types, maxSize) => `${types} — עד ${maxSize}`,
  uploading: (percent) => `מעלה… ${percent}%`,
  cancel: 'ביטול',
  uploaded: 'המסמך הועלה',
  replace: 'החלפה',
  tryAgain: 'ניסיון נוסף',
  chooseAnother: 'בחירת קובץ אחר',
  required: 'נא להעלות מסמך.',
  errors: {
    ...enErrors,
    'too-large': (details) => `גודל הקובץ ${details.size}; המגבלה היא ${details.maxSize}. נא לבחור קובץ קטן יותר.`,
  },
  documentSet: {
    ...enDocumentSet,
    label: 'מסמכי זהות וכתובת',
    kinds: { 'identity-proof': 'הוכחת זהות', 'address-proof': 'הוכחת כתובת' },
    whichDocument: 'איזה מסמך יש לכם?',
    progress: (done, total) => `${done} מתוך ${total} מסמכים`,
  },
};

/**
 * Registers the sample (idempotent). Called from the stories' loader rather than on import: the
 * package declares every module but define/iife free of side effects, so a bare
 * `import './sample-translation-he.js'` would be dropped from the build.
 */
export function registerSampleHebrew(): void {
  registerTranslation(sampleHebrew);
}

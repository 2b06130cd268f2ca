/** What the phone page says around the element, in each language the widget ships. */
export interface PhonePageWords {
  /** The page's title and heading: the handoff's title in the widget's catalogue. */
  title: string;
  /** Opened without a code (typed in, or reloaded once the handoff ended). */
  noCode: string;
}

export const PHONE_PAGE_WORDS: Readonly<Record<string, PhonePageWords>> = {
  en: { title: 'Continue on your phone', noCode: 'Open this page by scanning the code shown on your computer.' },
  de: { title: 'Mit dem Telefon fortfahren', noCode: 'Öffnen Sie diese Seite, indem Sie den Code auf Ihrem Computer scannen.' },
  es: { title: 'Continuar en su teléfono', noCode: 'Abra esta página escaneando el código que aparece en su ordenador.' },
  fr: { title: 'Continuer sur votre téléphone', noCode: 'Ouvrez cette page en scannant le code affiché sur votre ordinateur.' },
  it: { title: 'Continua sul telefono', noCode: 'Apri questa pagina inquadrando il codice mostrato sul computer.' },
  nl: { title: 'Verder op uw telefoon', noCode: 'Open deze pagina door de code op uw computer te scannen.' },
};

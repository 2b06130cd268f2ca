/**
 * What makes a PDF unsafe for a reviewer to open: one list, read by the browser's check
 * (pdf-scan.ts) and by the server's real parser (src/server/verify/pdf-deep-check.ts), so both
 * refuse the same things for the same reasons.
 *
 * A scanned identity document or a utility bill needs none of these. Each one either runs code,
 * starts something without a click, or reaches outside the document:
 * - `/JavaScript`, `/JS`: scripts (actions, the document-level name tree, form field scripts);
 * - `/Launch`: starts a program or opens a local file;
 * - embedded files and file-attachment annotations: a second file (an executable, an HTML page)
 *   that the reviewer's viewer offers to open;
 * - `/XFA`: forms with their own scripting engine;
 * - rich media, 3D, movies, sounds, renditions: Flash and media players, historically the
 *   most exploited parts of PDF viewers, and renditions can carry scripts;
 * - `/SubmitForm`, `/ImportData`: send form data to a URL or read a local file into the form;
 * - `/GoToR`, `/GoToE`: open another file, which can be a network share (`\\host\share`): on
 *   Windows that alone sends the reviewer's credentials hash to the attacker's host.
 * Links to web pages (`/URI` actions) are allowed when they wait for a click: bills and bank
 * statements carry them, and a viewer asks before it follows one. Any action that runs by itself
 * (`/OpenAction` with an action rather than a destination, `/AA` triggers) is refused, whatever it is.
 */
export const UNSAFE_PDF_NAMES: Readonly<Record<string, UnsafePdfReason>> = {
  JavaScript: 'javascript',
  JS: 'javascript',
  Launch: 'launch',
  EmbeddedFile: 'embedded-file',
  EmbeddedFiles: 'embedded-file',
  FileAttachment: 'embedded-file',
  XFA: 'xfa',
  RichMedia: 'rich-media',
  '3D': 'rich-media',
  Movie: 'rich-media',
  Sound: 'rich-media',
  Rendition: 'rich-media',
  SubmitForm: 'submit-form',
  ImportData: 'import-data',
  GoToR: 'remote-file',
  GoToE: 'remote-file',
};

/**
 * Machine-readable reasons, most telling first: when a file has several, the first one here is
 * reported (an `/OpenAction` that runs a script is `javascript`).
 */
export const UNSAFE_PDF_REASONS = [
  'javascript',
  'launch',
  'embedded-file',
  'xfa',
  'rich-media',
  'submit-form',
  'import-data',
  'remote-file',
  /** `/OpenAction` names an action (a dictionary), not a destination (an array). */
  'open-action',
  /** `/AA`: actions triggered by opening a page, focusing a field… */
  'additional-actions',
] as const;

export type UnsafePdfReason = (typeof UNSAFE_PDF_REASONS)[number];

// Names are case-sensitive in PDF, but a lenient viewer may not be: matching without case costs
// nothing, and no honest document spells these names in another case.
const BY_LOWER_CASE = new Map(Object.entries(UNSAFE_PDF_NAMES).map(([name, reason]) => [name.toLowerCase(), reason]));
const LONGEST = Math.max(...Object.keys(UNSAFE_PDF_NAMES).map((name) => name.length));

/** The reason a (decoded) name makes a PDF unsafe, if it does. */
export function unsafeReasonOfName(name: string): UnsafePdfReason | undefined {
  return name.length > LONGEST ? undefined : BY_LOWER_CASE.get(name.toLowerCase());
}

/** The reason to report among those found. */
export function mostTellingReason(found: Iterable<UnsafePdfReason>): UnsafePdfReason | undefined {
  const set = new Set(found);
  return UNSAFE_PDF_REASONS.find((reason) => set.has(reason));
}

/** Names longer than this are kept only as a length: no rule needs them, and a 5 MB name costs nothing. */
export const MAX_NAME_KEPT = 127;

/**
 * A name's text with `#xx` escapes decoded (PDF 1.2+): `/J#53` is `/JS`, `/#45ncrypt` is `/Encrypt`.
 * `raw` is the name without its slash, one character per byte. A `#` not followed by two hex
 * digits stays as it is, as readers keep it.
 */
export function decodePdfName(raw: string): string {
  if (!raw.includes('#')) return raw;
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

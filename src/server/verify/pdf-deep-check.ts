import { type UnsafePdfReason, decodePdfName, mostTellingReason, unsafeReasonOfName } from '../../core/prepare/pdf-rules.js';
import { QpdfLimitError, type QpdfOptions, runQpdf, withPdfFile } from './qpdf.js';

export type DeepPdfVerdict =
  | { ok: true; pageCount: number }
  | { ok: false; code: 'unsafe-content' | 'encrypted-pdf' | 'damaged'; reason: string };

export type DeepPdfOptions = Pick<QpdfOptions, 'signal' | 'timeoutMs'>;

/**
 * The server's second look at a PDF, after the shared check (checkPdf) passed on the same bytes:
 * a real parser (qpdf, see qpdf.ts) reads every object, including those packed in object streams
 * with filters the browser cannot undo, and the rules of pdf-rules.ts (the browser's list) are
 * applied to each. A file qpdf cannot read (errors, not warnings) is `damaged`; one it reads only
 * past its limits (time, output) is `damaged` too: no reviewer's viewer should be asked to try.
 */
export async function deepCheckPdf(bytes: Uint8Array, options: DeepPdfOptions = {}): Promise<DeepPdfVerdict> {
  try {
    return await withPdfFile(bytes, (path) => judge(path, options));
  } catch (error) {
    if (error instanceof QpdfLimitError) return { ok: false, code: 'damaged', reason: 'parser-limit' };
    throw error;
  }
}

async function judge(path: string, options: DeepPdfOptions): Promise<DeepPdfVerdict> {
  const json = await runQpdf(['--json=2', '--json-key=encrypt', '--json-key=qpdf', '--json-key=pages', '--json-stream-data=none', '--', path], options);
  if (json.status === 2) {
    // Unreadable, or readable only with a user password, which nobody gave.
    const encrypted = (await runQpdf(['--is-encrypted', '--', path], options)).status === 0;
    return encrypted ? { ok: false, code: 'encrypted-pdf', reason: 'encrypted' } : { ok: false, code: 'damaged', reason: 'unreadable' };
  }
  const document = JSON.parse(json.stdout) as QpdfJson;
  if (document.encrypt.encrypted) return { ok: false, code: 'encrypted-pdf', reason: 'encrypted' };
  const reason = unsafeReason(document.qpdf[1]);
  if (reason) return { ok: false, code: 'unsafe-content', reason };
  // --check also decodes every stream: a page whose content cannot be read is damage JSON does not show.
  if ((await runQpdf(['--check', '--', path], options)).status === 2) return { ok: false, code: 'damaged', reason: 'unreadable' };
  const pageCount = document.pages.length;
  return pageCount > 0 ? { ok: true, pageCount } : { ok: false, code: 'damaged', reason: 'no-pages' };
}

/** qpdf's JSON v2: every object by `obj:N G R` (and `trailer`), names as `/Name`, strings as `u:…`/`b:…`. */
interface QpdfJson {
  encrypt: { encrypted: boolean };
  qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: Record<string, unknown> } }>];
  pages: unknown[];
}

const REFERENCE = /^(\d+) (\d+) R$/;

function unsafeReason(objects: QpdfJson['qpdf'][1]): UnsafePdfReason | undefined {
  const found = new Set<UnsafePdfReason>();
  const resolve = (value: unknown): unknown => {
    const reference = typeof value === 'string' ? REFERENCE.exec(value) : null;
    return reference ? objects[`obj:${reference[1]} ${reference[2]} R`]?.value : value;
  };
  // An explicit stack: qpdf allows deeper nesting than a recursive walk should trust.
  const pending: unknown[] = Object.values(objects).map((object) => object.value ?? object.stream?.dict);
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.startsWith('/')) noteName(value, found);
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value && typeof value === 'object') {
      for (const [key, entry] of Object.entries(value)) {
        const name = noteName(key, found);
        // An action runs by itself from /OpenAction (a dictionary there is an action; an array,
        // a destination) and from any /AA trigger.
        if (name === 'OpenAction' && isDictionary(resolve(entry))) found.add('open-action');
        if (name === 'AA' && isDictionary(resolve(entry)) && Object.keys(resolve(entry) as object).length > 0) found.add('additional-actions');
        pending.push(entry);
      }
    }
  }
  return mostTellingReason(found);
}

/** The decoded name (qpdf already normalises; decoding again costs nothing and relies on nothing). */
function noteName(slashed: string, found: Set<UnsafePdfReason>): string {
  const name = decodePdfName(slashed.slice(1));
  const reason = unsafeReasonOfName(name);
  if (reason) found.add(reason);
  return name;
}

const isDictionary = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

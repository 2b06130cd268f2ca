import { UploadError } from './errors.js';
import { hasTiffMagic } from './prepare/tiff-structure.js';

/** What detection reads of a file: the signatures we care about sit in its first bytes. */
export const DETECTION_BYTES = 64 * 1024;

/** The file's first DETECTION_BYTES (all of it when smaller), read once for every check that looks at its head. */
export async function readDetectionHead(file: Blob): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.slice(0, DETECTION_BYTES).arrayBuffer());
  } catch (error) {
    // NotReadableError: the file was moved or deleted after it was picked, or access was revoked.
    throw new UploadError('unreadable', 'The file could not be read.', {}, { cause: error });
  }
}

/**
 * The file's real type, read from its bytes, never from its name or the browser's guess.
 * Binary formats come from file-type (loaded on first use: it is the largest part of inspection);
 * SVG is text, which file-type does not recognise, so it is parsed. `head` is the file's
 * readDetectionHead when the caller has it: each read of a file is a round trip to the browser's
 * blob store. Returns undefined when the bytes match nothing known.
 */
export async function detectType(file: Blob, head?: Uint8Array): Promise<string | undefined> {
  const bytes = head ?? (await readDetectionHead(file));
  let detected: { mime: string } | undefined;
  const tiff = hasTiffMagic(bytes);
  try {
    const { fileTypeFromBlob, fileTypeFromBuffer } = await import('file-type');
    // Given the whole file, file-type reads far into a PDF looking for Illustrator data (20 ms on
    // 4 MB): it gets the head. A TIFF is the exception: its first directory may sit anywhere
    // (ImageMagick and scanners write it after the image data). file-type reads a Blob by random
    // access (strtok3's BlobTokenizer slices it): the header, then one directory of at most 512
    // entries at most 16 MB in, never the whole file.
    detected = await (tiff ? fileTypeFromBlob(file) : fileTypeFromBuffer(bytes));
  } catch (error) {
    // NotReadableError: the file was moved or deleted after it was picked, or access was revoked.
    throw new UploadError('unreadable', 'The file could not be read.', {}, { cause: error });
  }
  if (detected && detected.mime !== 'application/xml') return detected.mime;
  // A TIFF header whose directory file-type could not read (past the end, a loop, too many
  // entries) is a damaged TIFF, not a disguise: preparation's TIFF check says what is wrong.
  if (tiff) return 'image/tiff';
  if (await isSvg(file, bytes)) return 'image/svg+xml';
  return detected?.mime;
}

const SNIFF_BYTES = 4096;
// What may stand before the root element of an SVG: a BOM, an XML declaration, comments,
// processing instructions and a doctype (with an internal subset).
const PROLOG = /^(?:\uFEFF|\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i;

async function isSvg(file: Blob, head: Uint8Array): Promise<boolean> {
  // As Blob.text() decodes: UTF-8, a BOM dropped, anything malformed replaced.
  const rest = new TextDecoder().decode(head.subarray(0, SNIFF_BYTES)).replace(PROLOG, '');
  if (!/^<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/.test(rest)) return false;
  // The cheap sniff says SVG; the widget's strict XML reader (loaded only now, the same on the
  // server) confirms an svg root in the SVG namespace and a well-formed UTF-8 document to the end.
  const [{ isSvgDocument }, bytes] = await Promise.all([import('./xml/svg-document.js'), file.arrayBuffer()]);
  return isSvgDocument(new Uint8Array(bytes));
}

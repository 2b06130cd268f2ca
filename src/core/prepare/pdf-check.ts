import { UploadError } from '../errors.js';

// Latin-1 keeps every byte as one character, so offsets and binary runs survive the decoding.
const latin1 = new TextDecoder('latin1');

export interface PdfFacts {
  pageCount?: number;
}

/**
 * Checks what a reviewer needs to open the PDF: a PDF header, and no encryption. An encrypted
 * PDF names its security handler with `/Encrypt` in the trailer (or, since PDF 1.5, in the
 * cross-reference stream's dictionary, which is never compressed), so the key is looked for
 * followed by an indirect reference or an inline dictionary.
 */
export async function checkPdf(file: Blob): Promise<PdfFacts> {
  const text = latin1.decode(await file.arrayBuffer());
  if (!/^\s*%PDF-\d\.\d/.test(text.slice(0, 1024))) {
    throw new UploadError('damaged', 'The PDF has no PDF header.');
  }
  if (/\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/.test(text)) {
    throw new UploadError('encrypted-pdf', 'The PDF is password-protected.');
  }
  const pageCount = largestPageTreeCount(text);
  return pageCount ? { pageCount } : {};
}

/**
 * The page tree root carries the total; nested /Pages nodes carry less, so the largest wins. Only
 * the dictionaries around each `/Pages` are examined: a pattern run over every byte of a 4 MB
 * scan costs more than the whole check. Page trees inside compressed object streams are not seen.
 */
function largestPageTreeCount(text: string): number | undefined {
  let largest: number | undefined;
  for (let at = text.indexOf('/Pages'); at !== -1; at = text.indexOf('/Pages', at + 6)) {
    const start = text.lastIndexOf('<<', at);
    const end = text.indexOf('>>', at);
    if (start === -1 || end === -1) continue;
    const dictionary = text.slice(start, end);
    const count = /\/Type\s*\/Pages\b/.test(dictionary) ? /\/Count\s+(\d+)/.exec(dictionary)?.[1] : undefined;
    if (count !== undefined) largest = Math.max(largest ?? 0, Number(count));
  }
  return largest;
}

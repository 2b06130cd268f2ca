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
  // The page tree root carries the total; nested /Pages nodes carry less, so the largest wins.
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  return counts.length ? { pageCount: Math.max(...counts) } : {};
}

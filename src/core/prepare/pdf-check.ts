import { UploadError } from '../errors.js';
import { scanObjectStreams } from './pdf-object-streams.js';
import { mostTellingReason } from './pdf-rules.js';
import { type PdfFindings, emptyFindings, scanPdfBytes } from './pdf-scan.js';

export interface PdfFacts {
  pageCount?: number;
}

const PDF = { detectedType: 'application/pdf' } as const;

/**
 * Checks what a reviewer needs to open the PDF safely: a PDF header, nothing that runs or opens
 * something by itself (pdf-rules.ts), no encryption, and the structure a reader starts from. The
 * same code runs in the browser (an honest person hears at once) and on the server, which then
 * also runs a real parser (src/server/verify/pdf-deep-check.ts): an attacker skips the browser.
 *
 * Every step is one forward pass over the bytes, plus the inflated object streams (bounded), so a
 * hostile file costs time in proportion to its size. An owner-password-only PDF is refused too:
 * it opens without a password, but some reviewers' tools refuse to work with it, and the person
 * can remove it as easily as a user password.
 */
export async function checkPdf(file: Blob): Promise<PdfFacts> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!/^\s*%PDF-\d\.\d/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 1024)))) {
    throw new UploadError('damaged', 'The PDF has no PDF header.', { ...PDF, reason: 'no-header' });
  }
  const findings = emptyFindings();
  scanPdfBytes(bytes, findings);
  throwIfUnsafe(findings);
  if (findings.encrypted) throw new UploadError('encrypted-pdf', 'The PDF is password-protected.', PDF);

  // No reader can start without a trailer (a file cut short): nothing more to read.
  if (!findings.hasTrailer) throw new UploadError('damaged', 'The PDF has no trailer: it was cut short.', { ...PDF, reason: 'no-trailer' });

  const objectStreams = await scanObjectStreams(bytes, findings);
  if (objectStreams.bomb) {
    throw new UploadError('damaged', 'The PDF’s object streams inflate beyond any real document’s.', { ...PDF, reason: 'object-stream-bomb' });
  }
  throwIfUnsafe(findings);
  // Resolved once every object was seen: the target may come before or after the catalog, or sit in an object stream.
  if (findings.openActionTargets.some((target) => findings.objectKinds.get(target) === 'dictionary')) throwIfUnsafe(findings, 'open-action');

  // A document without pages shows nothing; object streams left unread may hold the page tree.
  if (!findings.hasPageTree && objectStreams.unread === 0) {
    throw new UploadError('damaged', 'The PDF has no page tree.', { ...PDF, reason: 'no-pages' });
  }
  return findings.pageCount ? { pageCount: findings.pageCount } : {};
}

function throwIfUnsafe(findings: PdfFindings, also?: 'open-action'): void {
  const reason = mostTellingReason(also ? [...findings.unsafe, also] : findings.unsafe);
  if (reason) throw new UploadError('unsafe-content', `The PDF carries active content (${reason}).`, { ...PDF, reason });
}

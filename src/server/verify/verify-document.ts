import type { ReadResult, StoredDocument } from './stored-document.js';
import { type Passed, refused, type Verdict } from './verdict.js';
import { sha256, verifyDocumentBytes, type VerifyRules } from './verify-bytes.js';

/**
 * Verifies what is stored for a document, and acts on the verdict: a refused document is put out of
 * reach (deleted, or refused at the provider), a passed one is bound to its exact bytes. Runs when
 * the host learns of an upload and, whatever happened before, before any preview or validation.
 * `missing` (nothing uploaded yet) is not a refusal: the document stays pending.
 */
export async function verifyStoredDocument(document: StoredDocument, rules: VerifyRules): Promise<Verdict> {
  return judge(document, await document.read(rules.maxSize), rules);
}

export interface OpenedDocument {
  verdict: Verdict;
  /** The bytes a reviewer may see: exactly those of the passed verdict. */
  bytes?: Uint8Array<ArrayBuffer>;
}

/**
 * The bytes behind a passed verdict, for a preview or a validation. A form accepts new POSTs to its
 * key until it expires, so the bytes are hashed again: the same bytes are served, other bytes are
 * verified afresh (and refused, or served under a new verdict).
 */
export async function openVerifiedDocument(document: StoredDocument, verdict: Passed, rules: VerifyRules): Promise<OpenedDocument> {
  let read = await document.readKept(rules.maxSize);
  // The copy is not there (the host stopped between the verdict and the copy): the upload itself.
  if (read === 'missing') read = await document.read(rules.maxSize);
  if (typeof read !== 'string' && sha256(read.bytes) === verdict.sha256) return { verdict, bytes: read.bytes };
  const fresh = await judge(document, read, rules);
  return fresh.ok && typeof read !== 'string' ? { verdict: fresh, bytes: read.bytes } : { verdict: fresh };
}

async function judge(document: StoredDocument, read: ReadResult, rules: VerifyRules): Promise<Verdict> {
  if (read === 'missing') return refused('missing');
  const verdict = read === 'too-large' ? refused('too-large') : await verifyDocumentBytes(read.bytes, rules);
  if (!verdict.ok) await document.refuse(verdict);
  else if (typeof read !== 'string') await document.keep(verdict, read);
  return verdict;
}

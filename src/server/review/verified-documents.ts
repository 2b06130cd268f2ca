import pLimit from 'p-limit';
import type { HostDocument, HostStore } from '../store/host-store.js';
import type { StoredDocument } from '../verify/stored-document.js';
import type { Passed } from '../verify/verdict.js';
import { openVerifiedDocument, verifyStoredDocument } from '../verify/verify-document.js';

/** Storage clocks drift: a form is taken to accept POSTs this long after it expires by ours. */
export const FORM_EXPIRY_MARGIN_MS = 60_000;

export interface VerifiedDocumentsOptions {
  store: HostStore;
  /** Where a document's bytes are read, deleted or kept: the provider's bucket or the host's. */
  storedDocument: (document: HostDocument) => StoredDocument;
  maxSize: number;
  /** How long past its expiry a form is still taken to be open; FORM_EXPIRY_MARGIN_MS by default. */
  formExpiryMarginMs?: number;
  now?: () => number;
}

/** Whether no form can replace the bytes any more: only then is a pass final. */
export function formClosed(document: HostDocument, now: number, marginMs = FORM_EXPIRY_MARGIN_MS): boolean {
  return now > document.formExpiresAt + marginMs;
}

/**
 * Verdicts kept in the host's database. A refusal is final; a pass is final only once it was read
 * after the form expired: until then the same form can replace the bytes, so they are read and
 * hashed again (and verified again if they changed) each time someone asks.
 */
export function createVerifiedDocuments(options: VerifiedDocumentsOptions) {
  const { store, storedDocument, maxSize } = options;
  const now = options.now ?? Date.now;
  const marginMs = options.formExpiryMarginMs ?? FORM_EXPIRY_MARGIN_MS;
  const inFlight = new Map<string, Promise<HostDocument>>();
  // Verifications read and parse whole files (qpdf runs a process): a few at a time, whoever asks.
  const verifying = pLimit(2);
  const rules = (document: HostDocument) => ({ maxSize, allowedType: document.contentType });

  async function record(document: HostDocument, verdict: HostDocument['verdict'] & object, checkedAt: number): Promise<HostDocument> {
    await store.saveVerdict(document.documentId, verdict, checkedAt);
    return { ...document, verdict, checkedAt };
  }

  function verified(document: HostDocument): Promise<HostDocument> {
    const { verdict, checkedAt = 0 } = document;
    // A reviewer's decision was taken on the verdict it saw: later reads (of files the provider
    // deletes once the applicant is validated) do not reopen it.
    if (verdict && document.review.status !== 'pending') return Promise.resolve(document);
    if (verdict && !verdict.ok && verdict.code !== 'missing') return Promise.resolve(document);
    // Read after the form closed, a pass is final, and so is nothing: no file can arrive any more.
    if (verdict && checkedAt > document.formExpiresAt + marginMs) return Promise.resolve(document);
    let running = inFlight.get(document.documentId);
    if (!running) {
      const startedAt = now();
      running = verifying(async () => {
        const fresh = document.verdict?.ok
          ? (await openVerifiedDocument(storedDocument(document), document.verdict, rules(document))).verdict
          : await verifyStoredDocument(storedDocument(document), rules(document));
        return record(document, fresh, startedAt);
      }).finally(() => inFlight.delete(document.documentId));
      inFlight.set(document.documentId, running);
    }
    return running;
  }

  /** The bytes behind a passed verdict, verified again if they changed since; undefined once refused. */
  async function open(document: HostDocument): Promise<{ document: HostDocument; verdict: Passed; bytes: Uint8Array } | undefined> {
    // A first verdict if there is none; a pass is read and hashed again just below.
    const current = document.verdict?.ok ? document : await verified(document);
    if (!current.verdict?.ok) return undefined;
    const startedAt = now();
    const passed = current.verdict;
    const opened = await verifying(() => openVerifiedDocument(storedDocument(current), passed, rules(current)));
    if (current.review.status !== 'pending') {
      // Decided on these bytes: only they are shown. A file gone (the provider deletes validated
      // files once the applicant is validated) leaves the verdict the decision rests on; other
      // bytes in its place are recorded for what they are (and were put out of reach if refused).
      if (!opened.verdict.ok && opened.verdict.code === 'missing') return undefined;
      const recorded = await record(current, opened.verdict, startedAt);
      return opened.verdict.ok && opened.verdict.sha256 === passed.sha256 && opened.bytes ? { document: recorded, verdict: passed, bytes: opened.bytes } : undefined;
    }
    const updated = await record(current, opened.verdict, startedAt);
    return opened.verdict.ok && opened.bytes ? { document: updated, verdict: opened.verdict, bytes: opened.bytes } : undefined;
  }

  return {
    verified,
    open,
    /** Whether the document's form can no longer replace its bytes. */
    formClosed: (document: HostDocument) => formClosed(document, now(), marginMs),
    /** When that will be (ms since the epoch). */
    formClosesAt: (document: HostDocument) => document.formExpiresAt + marginMs,
  };
}

export type VerifiedDocuments = ReturnType<typeof createVerifiedDocuments>;

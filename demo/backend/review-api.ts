import type { IncomingMessage, ServerResponse } from 'node:http';
import pLimit from 'p-limit';
import { DEFAULT_MAX_SIZE } from '../../src/server/presign-document-form.js';
import { sendJson } from '../../src/server/http-json.js';
import { PageRenderError, renderPdfPage } from '../../src/server/pdf-pages.js';
import { createPictureQueue } from '../../src/server/picture-queue.js';
import { createRateLimiter } from '../../src/server/rate-limit.js';
import { safeDocumentHeaders } from '../../src/server/safe-download.js';
import type { TreezorConnection } from '../../src/server/treezor-documents.js';
import { treezorDocument } from '../../src/server/verify/treezor-document.js';
import type { Passed } from '../../src/server/verify/verdict.js';
import { openVerifiedDocument, verifyStoredDocument } from '../../src/server/verify/verify-document.js';
import type { DemoSessions } from './demo-session.js';
import type { DocumentRegistry, HostDocument } from './document-registry.js';

export interface ReviewApiOptions {
  sessions: DemoSessions;
  registry: DocumentRegistry;
  provider: TreezorConnection;
  maxSize?: number;
  /** Pictures drawn per user and window, beyond those already drawn. */
  pictureLimit?: { limit: number; windowMs: number };
}

const ROUTE = /^\/api\/kyc\/documents(?:\/([0-9a-f-]{36})(?:\/(verify|file|preview|pages\/([1-9]\d{0,3})))?)?$/;

/** Storage clocks drift: a form is taken to accept POSTs this long after it expires by ours. */
const FORM_EXPIRY_MARGIN_MS = 60_000;

/**
 * What the back office reads: the user's documents with the server's verdict on each, and their
 * bytes, only ever from a passed verdict and only as a download or a picture. A document is
 * verified when the page reports its upload, and in any case before it is listed as reviewable or
 * shown: an attacker who posts to storage without the widget never reports anything.
 */
export function createReviewApi(options: ReviewApiOptions) {
  const { sessions, registry, provider, maxSize = DEFAULT_MAX_SIZE } = options;
  const inFlight = new Map<string, Promise<HostDocument>>();
  // Verifications read and parse whole files (qpdf runs a process): a few at a time, whoever asks.
  const verifying = pLimit(2);
  const pictures = createPictureQueue();
  const pictureLimiter = createRateLimiter(options.pictureLimit ?? { limit: 60, windowMs: 10 * 60_000 });
  const stored = (document: HostDocument) => treezorDocument({ ...provider, documentId: document.documentId });
  const rules = (document: HostDocument) => ({ maxSize, allowedType: document.contentType });

  /**
   * The document with an up-to-date verdict. A refusal is final; a pass is final only once it was
   * read after the form expired: until then the same form can replace the bytes, so they are read
   * and hashed again (and verified again if they changed) each time someone asks.
   */
  function verified(document: HostDocument): Promise<HostDocument> {
    const { verdict, checkedAt = 0 } = document;
    if (verdict && !verdict.ok && verdict.code !== 'missing') return Promise.resolve(document);
    if (verdict?.ok && checkedAt > document.formExpiresAt + FORM_EXPIRY_MARGIN_MS) return Promise.resolve(document);
    let running = inFlight.get(document.documentId);
    if (!running) {
      const startedAt = Date.now();
      running = verifying(async () => {
        const fresh = document.verdict?.ok
          ? (await openVerifiedDocument(stored(document), document.verdict, rules(document))).verdict
          : await verifyStoredDocument(stored(document), rules(document));
        return Object.assign(document, { verdict: fresh, checkedAt: startedAt });
      }).finally(() => inFlight.delete(document.documentId));
      inFlight.set(document.documentId, running);
    }
    return running;
  }

  /** The bytes behind a passed verdict, verified again if they changed since; undefined once refused. */
  async function open(document: HostDocument): Promise<{ verdict: Passed; bytes: Uint8Array } | undefined> {
    // A first verdict if there is none; a pass is read and hashed again just below.
    if (!document.verdict?.ok) await verified(document);
    if (!document.verdict?.ok) return undefined;
    const startedAt = Date.now();
    const passed = document.verdict;
    const opened = await verifying(() => openVerifiedDocument(stored(document), passed, rules(document)));
    Object.assign(document, { verdict: opened.verdict, checkedAt: startedAt });
    return opened.verdict.ok && opened.bytes ? { verdict: opened.verdict, bytes: opened.bytes } : undefined;
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const route = ROUTE.exec(pathname);
    if (!route) return false;
    req.resume();
    const [, documentId, action, page] = route;
    const method = action === 'verify' ? 'POST' : 'GET';
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
      sendJson(res, 405, { error: { code: 'method-not-allowed', message: `Use ${method}.` } }, { allow: method });
      return true;
    }
    const userId = sessions.userOf(req);
    if (userId === null) {
      sendJson(res, 401, { error: { code: 'unauthenticated', message: 'No demo session: open the demo page first.' } });
      return true;
    }
    if (!documentId) {
      const documents = await Promise.all(registry.ofUser(userId).map(verified));
      sendJson(res, 200, documents.map(describe));
      return true;
    }
    const document = registry.owned(documentId, userId);
    if (!document) {
      sendJson(res, 404, { error: { code: 'not-found', message: 'No such document.' } });
      return true;
    }
    if (action === 'verify') {
      sendJson(res, 200, describe(await verified(document)));
      return true;
    }
    const opened = await open(document);
    if (!opened) {
      sendJson(res, 409, { error: { code: 'not-reviewable', message: 'This document did not pass verification.' }, document: describe(document) });
      return true;
    }
    const { verdict, bytes } = opened;
    if (action === 'file') return send(res, documentId, verdict.type, bytes);
    const pageNumber = page ? Number(page) : 1;
    const isPdf = verdict.type === 'application/pdf';
    if (pageNumber > (isPdf ? (verdict.pageCount ?? 1) : 1)) {
      sendJson(res, 404, { error: { code: 'not-found', message: 'No such page.' } });
      return true;
    }
    // Browsers show JPEG, PNG and SVG (inside <img>, where an SVG runs nothing) as they are; PDF
    // pages are drawn by Poppler, and TIFF (which only Safari draws) by libvips.
    if (!isPdf && verdict.type !== 'image/tiff') return send(res, documentId, verdict.type, bytes);
    const key = `${verdict.sha256}:${pageNumber}`;
    if (!pictures.has(key)) {
      const decision = pictureLimiter.take(String(userId));
      if (!decision.allowed) {
        const retryAfter = String(decision.retryAfterSeconds);
        sendJson(res, 429, { error: { code: 'too-many-requests', message: `Too many previews; try again in ${retryAfter} s.` } }, { 'retry-after': retryAfter });
        return true;
      }
    }
    try {
      const picture = await pictures.draw(key, () => (isPdf ? renderPdfPage(bytes, { page: pageNumber }) : tiffToPng(bytes)));
      return send(res, documentId, 'image/png', picture);
    } catch (error) {
      if (!(error instanceof PageRenderError)) throw error;
      sendJson(res, 422, { error: { code: 'preview-failed', message: 'This page cannot be drawn; download the document instead.' } });
      return true;
    }
  };
}

function send(res: ServerResponse, documentId: string, type: Passed['type'], bytes: Uint8Array): true {
  res.writeHead(200, safeDocumentHeaders(documentId, type, bytes.length));
  res.end(bytes);
  return true;
}

async function tiffToPng(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  try {
    return new Uint8Array(await sharp(bytes, { limitInputPixels: 64_000_000 }).resize(1600, 1600, { fit: 'inside', withoutEnlargement: true }).png().toBuffer());
  } catch (error) {
    throw new PageRenderError(`The TIFF cannot be drawn: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The list entry: links only for a passed verdict, the reason for a refused one. */
function describe(document: HostDocument) {
  const { documentId, documentType, contentType, createdAt, verdict } = document;
  const base = `/api/kyc/documents/${documentId}`;
  const status = !verdict || (!verdict.ok && verdict.code === 'missing') ? 'pending' : verdict.ok ? 'verified' : 'refused';
  return {
    documentId,
    documentType,
    requestedType: contentType,
    createdAt,
    status,
    ...(verdict?.ok
      ? { type: verdict.type, size: verdict.size, ...(verdict.pageCount ? { pageCount: verdict.pageCount } : {}), preview: `${base}/preview`, download: `${base}/file` }
      : {}),
    ...(verdict && !verdict.ok && status === 'refused' ? { refusal: { code: verdict.code, ...(verdict.reason ? { reason: verdict.reason } : {}) } } : {}),
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_MAX_SIZE } from '../../src/server/presign-document-form.js';
import { sendJson } from '../../src/server/http-json.js';
import { renderPdfPage } from '../../src/server/pdf-pages.js';
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
}

const ROUTE = /^\/api\/kyc\/documents(?:\/([0-9a-f-]{36})(?:\/(verify|file|preview|pages\/(\d{1,4})))?)?$/;

/**
 * What the back office reads: the user's documents with the server's verdict on each, and their
 * bytes, only ever from a passed verdict and only as a download or a picture. A document is
 * verified when the page reports its upload, and in any case before it is listed as reviewable or
 * shown: an attacker who posts to storage without the widget never reports anything.
 */
export function createReviewApi(options: ReviewApiOptions) {
  const { sessions, registry, provider, maxSize = DEFAULT_MAX_SIZE } = options;
  const inFlight = new Map<string, Promise<HostDocument>>();
  const stored = (document: HostDocument) => treezorDocument({ ...provider, documentId: document.documentId });
  const rules = (document: HostDocument) => ({ maxSize, allowedType: document.contentType });

  /** One verification at a time per document; a refusal or a pass is final, `missing` is asked again. */
  function verified(document: HostDocument): Promise<HostDocument> {
    if (document.verdict && (document.verdict.ok || document.verdict.code !== 'missing')) return Promise.resolve(document);
    let running = inFlight.get(document.documentId);
    if (!running) {
      running = verifyStoredDocument(stored(document), rules(document))
        .then((verdict) => Object.assign(document, { verdict }))
        .finally(() => inFlight.delete(document.documentId));
      inFlight.set(document.documentId, running);
    }
    return running;
  }

  /** The bytes behind a passed verdict, verified again if they changed since; undefined once refused. */
  async function open(document: HostDocument): Promise<{ verdict: Passed; bytes: Uint8Array } | undefined> {
    await verified(document);
    if (!document.verdict?.ok) return undefined;
    const opened = await openVerifiedDocument(stored(document), document.verdict, rules(document));
    document.verdict = opened.verdict;
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
    if (verdict.type === 'application/pdf') {
      if (pageNumber > (verdict.pageCount ?? 1)) {
        sendJson(res, 404, { error: { code: 'not-found', message: 'No such page.' } });
        return true;
      }
      return send(res, documentId, 'image/png', await renderPdfPage(bytes, { page: pageNumber }));
    }
    if (page) {
      sendJson(res, 404, { error: { code: 'not-found', message: 'Only PDFs have pages.' } });
      return true;
    }
    // Browsers other than Safari draw no TIFF: the demo converts it for the picture (sharp, libvips).
    if (verdict.type === 'image/tiff') return send(res, documentId, 'image/png', await tiffToPng(bytes));
    return send(res, documentId, verdict.type, bytes);
  };
}

function send(res: ServerResponse, documentId: string, type: Passed['type'], bytes: Uint8Array): true {
  res.writeHead(200, safeDocumentHeaders(documentId, type, bytes.length));
  res.end(bytes);
  return true;
}

async function tiffToPng(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  return new Uint8Array(await sharp(bytes, { limitInputPixels: 64_000_000 }).resize(1600, 1600, { fit: 'inside', withoutEnlargement: true }).png().toBuffer());
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

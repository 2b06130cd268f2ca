import type { ServerResponse } from 'node:http';
import { sendJson } from '../../src/server/http-json.js';
import { PageRenderError, renderPdfPage } from '../../src/server/pdf-pages.js';
import { createPictureQueue } from '../../src/server/picture-queue.js';
import { createRateLimiter } from '../../src/server/rate-limit.js';
import type { VerifiedDocuments } from '../../src/server/review/verified-documents.js';
import { safeDocumentHeaders } from '../../src/server/safe-download.js';
import type { HostDocument, HostStore } from '../../src/server/store/host-store.js';
import type { Passed } from '../../src/server/verify/verdict.js';

/**
 * The JSON view of a document: links (under `base`) only for a passed verdict whose file is still
 * stored, the reason for a refused one. `filesDeleted`: the applicant is validated, and the provider
 * deletes validated documents' files then, as its guide says.
 */
export function describeDocument(document: HostDocument, base: string, applicantValidated = false) {
  const { documentId, documentType, contentType, createdAt, verdict, review } = document;
  const links = `${base}/${documentId}`;
  const filesDeleted = applicantValidated && review.status === 'validated';
  const status = !verdict || (!verdict.ok && verdict.code === 'missing') ? 'pending' : verdict.ok ? 'verified' : 'refused';
  return {
    documentId,
    documentType,
    // Which piece of a document set it is, when the upload said (a lone upload says nothing).
    ...(document.kind ? { kind: document.kind } : {}),
    ...(document.subtype ? { subtype: document.subtype } : {}),
    ...(document.side ? { side: document.side } : {}),
    // What the applicant's browser said of the photo: a hint for a closer look, never a verdict.
    ...(document.deviceQuality ? { deviceQuality: document.deviceQuality } : {}),
    requestedType: contentType,
    createdAt: new Date(createdAt).toISOString(),
    status,
    review,
    ...(document.providerDocumentId ? { providerDocumentId: document.providerDocumentId } : {}),
    ...(document.replaces ? { replaces: document.replaces } : {}),
    ...(document.replacedBy ? { replacedBy: document.replacedBy } : {}),
    // The hash names the bytes shown: a reviewer's page asks for pictures of these and validates these.
    ...(verdict?.ok ? { type: verdict.type, size: verdict.size, sha256: verdict.sha256, ...(verdict.pageCount ? { pageCount: verdict.pageCount } : {}) } : {}),
    ...(verdict?.ok && !filesDeleted ? { preview: `${links}/preview`, download: `${links}/file` } : {}),
    ...(filesDeleted ? { fileDeleted: true } : {}),
    ...(verdict && !verdict.ok && status === 'refused' ? { refusal: { code: verdict.code, ...(verdict.reason ? { reason: verdict.reason } : {}) } } : {}),
  };
}

export type DocumentView = ReturnType<typeof describeDocument>;

/**
 * Serves a document's verified bytes, only ever as a download or a picture: browsers show JPEG,
 * PNG and SVG (inside <img>, where an SVG runs nothing) as they are; PDF pages are drawn by
 * Poppler, and TIFF (which only Safari draws) by libvips. Pictures are drawn one at a time, cached
 * by hash and page, and limited per viewer.
 */
export function createDocumentViews(verifiedDocuments: VerifiedDocuments, store: HostStore, pictureLimit = { limit: 60, windowMs: 10 * 60_000 }) {
  const pictures = createPictureQueue();
  const pictureLimiter = createRateLimiter(pictureLimit);

  return async function serve(
    res: ServerResponse,
    document: HostDocument,
    what: 'file' | 'preview' | 'page',
    viewer: { key: string; base: string },
    pageNumber = 1,
    /** The hash the viewer was given: other bytes (replaced through a still-open form) are not shown under it. */
    expectedSha256?: string,
  ): Promise<void> {
    const opened = await verifiedDocuments.open(document);
    if (!opened) {
      // With the verdict as it stands now: the refusal says why these bytes are not shown.
      const current = (await store.document(document.documentId)) ?? document;
      sendJson(res, 409, { error: { code: 'not-reviewable', message: 'This document did not pass verification.' }, document: describeDocument(current, viewer.base) });
      return;
    }
    const { verdict, bytes } = opened;
    if (expectedSha256 !== undefined && verdict.sha256 !== expectedSha256) {
      sendJson(res, 409, { error: { code: 'changed', message: 'The file changed since this link was listed.' }, document: describeDocument(opened.document, viewer.base) });
      return;
    }
    if (what === 'file') return send(res, document.documentId, verdict.type, bytes);
    const isPdf = verdict.type === 'application/pdf';
    if (pageNumber > (isPdf ? (verdict.pageCount ?? 1) : 1)) {
      sendJson(res, 404, { error: { code: 'not-found', message: 'No such page.' } });
      return;
    }
    if (!isPdf && verdict.type !== 'image/tiff') return send(res, document.documentId, verdict.type, bytes);
    const key = `${verdict.sha256}:${pageNumber}`;
    if (!pictures.has(key)) {
      const decision = pictureLimiter.take(viewer.key);
      if (!decision.allowed) {
        const retryAfter = String(decision.retryAfterSeconds);
        sendJson(res, 429, { error: { code: 'too-many-requests', message: `Too many previews; try again in ${retryAfter} s.` } }, { 'retry-after': retryAfter });
        return;
      }
    }
    try {
      const picture = await pictures.draw(key, () => (isPdf ? renderPdfPage(bytes, { page: pageNumber }) : tiffToPng(bytes)));
      return send(res, document.documentId, 'image/png', picture);
    } catch (error) {
      if (!(error instanceof PageRenderError)) throw error;
      sendJson(res, 422, { error: { code: 'preview-failed', message: 'This page cannot be drawn; download the document instead.' } });
    }
  };
}

function send(res: ServerResponse, documentId: string, type: Passed['type'], bytes: Uint8Array): void {
  res.writeHead(200, safeDocumentHeaders(documentId, type, bytes.length));
  res.end(bytes);
}

async function tiffToPng(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  try {
    return new Uint8Array(await sharp(bytes, { limitInputPixels: 64_000_000 }).resize(1600, 1600, { fit: 'inside', withoutEnlargement: true }).png().toBuffer());
  } catch (error) {
    throw new PageRenderError(`The TIFF cannot be drawn: ${error instanceof Error ? error.message : String(error)}`);
  }
}

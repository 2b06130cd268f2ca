import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import * as z from 'zod';
import { readJsonBody, sendJson } from '../../src/server/http-json.js';
import { DocumentFormError, presignDocumentForm } from '../../src/server/presign-document-form.js';

/** A pre-review document as Treezor lists it; `key` stays on the provider's side. */
export interface PreReviewDocument {
  documentId: string;
  documentType: number;
  status: 0 | 1 | 2;
  userId: number;
  createdAt: string;
  metadata: Record<string, unknown>;
  comment: string;
  updatedAt: string;
}

export interface CoreConnectOptions {
  s3: S3Client;
  bucket: string;
  /** The one Bearer token this emulated provider accepts. */
  accessToken: string;
  maxSize?: number;
  /** Where browsers reach the storage, if not at the S3 client's endpoint. */
  publicEndpoint?: string;
}

export interface CoreConnect {
  /** Answers any `/core-connect/…` request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const PREVIEW_SECONDS = 300;

const statusBody = z.object({ status: z.union([z.literal(0), z.literal(1), z.literal(2)]), comment: z.string().max(1000).optional() });

const createBody = z.object({
  documentType: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  metadata: z.record(z.string(), z.unknown()).optional(),
  // This emulator's extension: Treezor signs `Content-Type` as "", the emulator signs the real type.
  contentType: z.string().max(255),
});

/**
 * The slice of Treezor's document pre-review API the demo needs, over a real S3-compatible store:
 * create a pre-signed form, list a user's documents, get a download URL, change a pre-review
 * status, delete a document. Documents live in memory.
 */
export function createCoreConnect(options: CoreConnectOptions): CoreConnect {
  const documents = new Map<string, PreReviewDocument & { key: string }>();
  const expectedToken = digest(options.accessToken);
  const fail = (res: ServerResponse, status: number, code: string, message: string) =>
    sendJson(res, status, { errors: [{ code, message }] });

  async function createDocument(req: IncomingMessage, res: ServerResponse, userId: number) {
    const body = await readJsonBody(req, 16 * 1024);
    if (!body.ok) return fail(res, 400, 'invalid_request', body.reason);
    const parsed = createBody.safeParse(body.value);
    if (!parsed.success) return fail(res, 400, 'invalid_request', parsed.error.issues[0]!.message);
    const { documentType, metadata = {}, contentType } = parsed.data;
    try {
      const form = await presignDocumentForm(options.s3, {
        bucket: options.bucket,
        userId,
        documentType,
        contentType,
        ...(options.maxSize ? { maxSize: options.maxSize } : {}),
        ...(options.publicEndpoint ? { publicEndpoint: options.publicEndpoint } : {}),
      });
      const now = treezorTime(new Date());
      documents.set(form.documentId, {
        documentId: form.documentId,
        documentType,
        status: 0,
        userId,
        createdAt: now,
        metadata,
        comment: '',
        updatedAt: now,
        key: form.formFields['key']!,
      });
      sendJson(res, 200, form);
    } catch (error) {
      if (error instanceof DocumentFormError) return fail(res, 400, 'invalid_request', error.message);
      throw error;
    }
  }

  async function preview(res: ServerResponse, documentId: string) {
    const document = documents.get(documentId);
    if (!document) return fail(res, 404, 'not_found', 'No such document.');
    const object = { Bucket: options.bucket, Key: document.key };
    let contentType: string | undefined;
    try {
      contentType = (await options.s3.send(new HeadObjectCommand(object))).ContentType;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) {
        return fail(res, 404, 'not_found', 'The document has not been uploaded yet.');
      }
      throw error;
    }
    // The provider vouches for nothing it stores: its link downloads opaque bytes, never a page.
    const url = await getSignedUrl(
      options.s3,
      new GetObjectCommand({ ...object, ResponseContentDisposition: 'attachment', ResponseContentType: 'application/octet-stream' }),
      { expiresIn: PREVIEW_SECONDS },
    );
    sendJson(res, 200, { url, contentType: contentType ?? 'application/octet-stream', duration: PREVIEW_SECONDS });
  }

  async function setStatus(req: IncomingMessage, res: ServerResponse, documentId: string) {
    const document = documents.get(documentId);
    const body = await readJsonBody(req, 4096);
    if (!document) return fail(res, 404, 'not_found', 'No such document.');
    if (!body.ok) return fail(res, 400, 'invalid_request', body.reason);
    const parsed = statusBody.safeParse(body.value);
    if (!parsed.success) return fail(res, 400, 'invalid_request', parsed.error.issues[0]!.message);
    Object.assign(document, { status: parsed.data.status, comment: parsed.data.comment ?? '', updatedAt: treezorTime(new Date()) });
    const { key: _key, ...listed } = document;
    sendJson(res, 200, listed);
  }

  async function remove(res: ServerResponse, documentId: string) {
    const document = documents.get(documentId);
    if (!document) return fail(res, 404, 'not_found', 'No such document.');
    await options.s3.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: document.key }));
    documents.delete(documentId);
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
  }

  return {
    async handle(req, res) {
      if (!authorized(req, expectedToken)) {
        req.resume();
        return fail(res, 401, 'unauthorized', 'A valid Bearer access token is required.');
      }
      const path = new URL(req.url ?? '/', 'http://core-connect').pathname;
      const userRoute = /^\/core-connect\/users\/(\d{1,15})\/kyc\/document$/.exec(path);
      const previewRoute = /^\/core-connect\/kyc\/documents\/([0-9a-f-]{36})\/preview$/.exec(path);
      const statusRoute = /^\/core-connect\/kyc\/documents\/([0-9a-f-]{36})\/status$/.exec(path);
      const documentRoute = /^\/core-connect\/kyc\/documents\/([0-9a-f-]{36})$/.exec(path);
      try {
        if (userRoute && req.method === 'POST') return await createDocument(req, res, Number(userRoute[1]));
        if (statusRoute && req.method === 'PUT') return await setStatus(req, res, statusRoute[1]!);
        req.resume();
        if (documentRoute && req.method === 'DELETE') return await remove(res, documentRoute[1]!);
        if (userRoute && req.method === 'GET') {
          const userId = Number(userRoute[1]);
          const list = [...documents.values()].filter((d) => d.userId === userId).map(({ key: _key, ...d }) => d);
          return sendJson(res, 200, list);
        }
        if (previewRoute && req.method === 'GET') return await preview(res, previewRoute[1]!);
        if (userRoute || previewRoute || statusRoute || documentRoute) return fail(res, 405, 'method_not_allowed', `${req.method} is not allowed here.`);
        return fail(res, 404, 'not_found', 'No such route.');
      } catch (error) {
        console.error('core-connect:', error instanceof Error ? error.message : error);
        if (!res.headersSent) fail(res, 500, 'internal_error', 'The emulated provider failed.');
      }
    },
  };
}

function authorized(req: IncomingMessage, expected: Buffer): boolean {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

// Hashing first gives equal lengths, so the comparison leaks nothing about the token.
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Treezor writes `2024-07-15T13:45:48+00:00`. */
function treezorTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createDocumentFormHandler, type DocumentFormLogEntry } from '../../src/server/element-endpoint.js';
import { sendJson } from '../../src/server/http-json.js';
import { requestTreezorDocumentForm } from '../../src/server/treezor-client.js';
import type { DemoSessions } from './demo-session.js';

export interface DemoApiOptions {
  sessions: DemoSessions;
  /** Where the (emulated) provider answers; the demo reaches its own core-connect over loopback. */
  providerBaseUrl: string;
  providerToken: string;
  log?: (line: string) => void;
}

/**
 * The host backend of the demo: what a real integrator writes. The browser never sees the provider
 * token; every call goes browser → this API → provider (→ S3 for the form it signs).
 */
export function createDemoApi(options: DemoApiOptions) {
  const { sessions, providerBaseUrl, providerToken } = options;

  const documentForm = createDocumentFormHandler({
    resolveUser: (req) => sessions.userOf(req),
    createForm: ({ userId, documentType, contentType, fileName, size }) =>
      requestTreezorDocumentForm({
        baseUrl: providerBaseUrl,
        accessToken: providerToken,
        userId,
        documentType,
        contentType,
        metadata: { fileName, size },
      }),
    ...(options.log ? { log: (entry: DocumentFormLogEntry) => options.log!(describe(entry)) } : {}),
  });

  const provider = (path: string) =>
    fetch(`${providerBaseUrl}/core-connect${path}`, { headers: { authorization: `Bearer ${providerToken}` } });

  async function relay(res: ServerResponse, answer: Response) {
    const body = await answer.text();
    if (answer.ok || answer.status === 404) {
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    } else {
      sendJson(res, 502, { error: { code: 'provider-error', message: `The provider answered ${answer.status}.` } });
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (pathname === '/api/kyc/document-form') {
      await documentForm(req, res);
      return true;
    }
    const preview = /^\/api\/kyc\/documents\/([0-9a-f-]{36})\/preview$/.exec(pathname);
    if (pathname !== '/api/kyc/documents' && !preview) return false;
    req.resume();
    if (req.method !== 'GET') {
      sendJson(res, 405, { error: { code: 'method-not-allowed', message: 'Use GET.' } }, { allow: 'GET' });
      return true;
    }
    const userId = sessions.userOf(req);
    if (userId === null) {
      sendJson(res, 401, { error: { code: 'unauthenticated', message: 'No demo session: open the demo page first.' } });
      return true;
    }
    const list = await provider(`/users/${userId}/kyc/document`);
    if (!preview || !list.ok) {
      await relay(res, list);
      return true;
    }
    // The provider token can read every user's documents: check ownership here.
    const owned = ((await list.json()) as Array<{ documentId: string }>).some((d) => d.documentId === preview[1]);
    if (!owned) {
      sendJson(res, 404, { error: { code: 'not-found', message: 'No such document.' } });
      return true;
    }
    const answer = await provider(`/kyc/documents/${preview[1]}/preview`);
    // The demo page links here: a click (a navigation) goes straight to the file, fetch gets JSON.
    if (answer.ok && /\btext\/html\b/.test(req.headers.accept ?? '')) {
      const { url } = (await answer.json()) as { url: string };
      res.writeHead(303, { location: url, 'cache-control': 'no-store' });
      res.end();
      return true;
    }
    await relay(res, answer);
    return true;
  };
}

function describe(entry: DocumentFormLogEntry): string {
  const parts = [
    `user=${entry.userId}`,
    `documentType=${entry.documentType}`,
    `type=${entry.contentType}`,
    `size=${entry.size}`,
    `file=${JSON.stringify(entry.fileName)}`,
    ...(entry.documentId ? [`documentId=${entry.documentId}`] : []),
    ...(entry.error ? [`error=${JSON.stringify(entry.error)}`] : []),
  ];
  return `document-form ${entry.event} ${parts.join(' ')}`;
}

import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a web `Request` does not carry and some handlers need: the client's address, for rate limits. */
export interface RequestContext {
  clientAddress?: string;
}

export type WebHandler = (request: Request, context?: RequestContext) => Promise<Response>;

/**
 * Runs a web-standard handler inside `node:http` (or Express: same `req, res`). The request body
 * is streamed, not buffered, so the handler's own size cap applies; `origin` names the server
 * as browsers reach it, since a Node request carries only a path.
 */
export function toNodeHandler(handler: WebHandler, origin: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const address = req.socket.remoteAddress;
    let response: Response;
    try {
      response = await handler(toWebRequest(req, origin), address ? { clientAddress: address } : {});
    } catch (error) {
      // Never a rejection for node:http to drop (Node ends the process on an unhandled one): the
      // client gets a 500 without the details, the operator the message.
      console.error('kyc-upload/server:', error instanceof Error ? error.message : String(error));
      response = new Response(JSON.stringify({ error: { code: 'internal-error', message: 'The server failed.' } }), {
        status: 500,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    try {
      await sendWebResponse(res, response);
    } catch {
      // The client went away mid-answer: nothing left to tell it.
      res.destroy();
    }
  };
}

export function toWebRequest(req: IncomingMessage, origin: string): Request {
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  if (!hasBody) req.resume();
  // Only the path and query come from the request line: an absolute or `//host` form never
  // changes which origin the handler thinks it serves.
  const target = new URL(req.url ?? '/', 'http://request-line.invalid');
  const url = new URL(origin);
  url.pathname = target.pathname;
  url.search = target.search;
  return new Request(url, {
    method,
    headers: webHeaders(req),
    ...(hasBody ? { body: webBody(req), duplex: 'half' } : {}),
  } as RequestInit);
}

/** A request's headers as web `Headers`, repeated ones kept. */
export function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Streamed chunk by chunk, not buffered: an event stream (handoff/event-stream.ts) must reach the
  // client as each event is written. A client that goes away cancels the body, which stops its timers.
  const reader = response.body.getReader();
  const gone = () => void reader.cancel().catch(() => undefined);
  res.once('close', gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      // Back-pressure: a slow client holds the next read, not the server's memory.
      if (!res.write(value)) await new Promise<void>((drained) => {
        const resume = () => {
          res.off('drain', resume);
          res.off('close', resume);
          drained();
        };
        res.on('drain', resume).on('close', resume);
      });
    }
    res.end();
  } finally {
    res.off('close', gone);
  }
}

/**
 * The request body as a web stream, with back-pressure. Not `Readable.toWeb`: on Node 20 a
 * handler that cancels it (a body it will not read) crashes the process when more data arrives.
 * A cancelled body is drained, not destroyed: destroying the request would take the socket, and
 * the answer, with it.
 */
export function webBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (finished) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => {
        if (finished) return;
        finished = true;
        controller.close();
      });
      req.once('error', (error) => {
        if (finished) return;
        finished = true;
        controller.error(error);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      finished = true;
      req.resume();
    },
  });
}

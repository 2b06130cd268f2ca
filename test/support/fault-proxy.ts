// A fault-injecting HTTP proxy in front of the embedded storage, driven by the tests. The demo signs
// forms whose action points here (startDemo's storagePublicEndpoint); each POST takes the next
// queued fault, or passes through untouched when none is queued. Every other request (CORS
// preflights, reads) passes through.
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** The connection is cut once this many bytes of the body have arrived: storage gets nothing. */
  | { kind: 'drop-mid-body'; afterBytes: number }
  /** Storage stores the file, then the connection is cut before its answer reaches the browser. */
  | { kind: 'drop-after-store' }
  /** Storage answers this error (S3's XML), storing nothing. */
  | { kind: 'status'; status: 500 | 503 }
  /** Nothing comes back for `ms`, then the connection is cut: storage gets nothing. */
  | { kind: 'stall'; ms: number }
  /** S3's answer to a form used after its policy expired, storing nothing. */
  | { kind: 'expired-policy' }
  /**
   * The whole body is read, then nothing comes back until the browser drops the connection (a
   * reload): an upload caught in the middle. `onBody` gets what the browser sent, once it is all in.
   */
  | { kind: 'hold'; onBody?: (body: Buffer, contentType: string) => void };

export interface FaultProxy {
  url: string;
  /** Where requests go; set once the storage is up. */
  target: string;
  /** Faults for the next POSTs, in order. */
  inject(...faults: Fault[]): void;
  /** One line per POST: the fault it met, or `passed` and storage's status. */
  readonly posts: string[];
  close(): Promise<void>;
}

const S3_ERRORS = {
  500: ['InternalError', 'We encountered an internal error. Please try again.'],
  503: ['SlowDown', 'Please reduce your request rate.'],
  403: ['AccessDenied', 'Invalid according to Policy: Policy expired.'],
} as const;

export async function startFaultProxy(): Promise<FaultProxy> {
  const queue: Fault[] = [];
  const posts: string[] = [];
  const proxy: FaultProxy = {
    url: '',
    target: '',
    inject: (...faults) => queue.push(...faults),
    posts,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };

  const server = createServer((req, res) => {
    const fault = req.method === 'POST' ? queue.shift() : undefined;
    if (req.method === 'POST') posts.push(fault ? describe(fault) : 'passed');
    if (!fault) return forward(req, res, proxy.target);
    switch (fault.kind) {
      case 'drop-mid-body': {
        let received = 0;
        req.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received >= fault.afterBytes) req.socket.destroy();
        });
        return;
      }
      case 'drop-after-store':
        return forward(req, res, proxy.target, () => req.socket.destroy());
      case 'stall':
        setTimeout(() => req.socket.destroy(), fault.ms);
        return;
      case 'hold': {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => fault.onBody?.(Buffer.concat(chunks), req.headers['content-type'] ?? ''));
        return;
      }
      case 'status':
      case 'expired-policy': {
        const status = fault.kind === 'status' ? fault.status : 403;
        const [code, message] = S3_ERRORS[status];
        req.resume();
        req.on('end', () => {
          res.writeHead(status, { 'content-type': 'application/xml', ...corsHeaders(req) });
          res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
        });
        return;
      }
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

function describe(fault: Fault): string {
  return fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
}

/** As S3 does for an origin its CORS rule allows: without it the browser hides the answer. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
}

/** Passes the request to storage and its answer back; `instead` replaces sending the answer. */
function forward(req: IncomingMessage, res: ServerResponse, target: string, instead?: () => void): void {
  const url = new URL(req.url ?? '/', target);
  const upstream = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
    if (instead) {
      answer.resume();
      answer.on('end', instead);
      return;
    }
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

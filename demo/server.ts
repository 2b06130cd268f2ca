import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { createCoreConnect } from './backend/core-connect.js';
import { createDemoApi, type FormLimits } from './backend/demo-api.js';
import { demoPagePolicy, storageOrigin } from './backend/content-security-policy.js';
import { createDemoSessions } from './backend/demo-session.js';
import { resolveInside, sendFile } from './backend/static-files.js';
import { resolveStorage, type ResolvedStorage, type StorageEnv } from './storage/storage-config.js';

export interface StartDemoOptions {
  port?: number;
  host?: string;
  /** S3_* variables pick a real store; without them the embedded one starts. */
  env?: StorageEnv;
  /** One line per document-form request; silent by default. */
  log?: (line: string) => void;
  /**
   * Where browsers reach the storage when it is not where the backend does (S3_PUBLIC_ENDPOINT):
   * a reverse proxy, or the tests' fault-injecting proxy. Forms and the page's CSP name it.
   */
  storagePublicEndpoint?: string;
  /**
   * Send the page's Content-Security-Policy on every response, scripts included, as a host with
   * Helmet's defaults does: the widget's workers are then governed by it too.
   */
  policyOnEveryResponse?: boolean;
  /**
   * Built single-page apps to serve under `/apps/<name>/` on the backend's origin, under the same
   * strict policy (Vue's own Trusted Types policy allowed): demo/react-app and demo/vue-app.
   */
  apps?: Record<string, string>;
  /** Upload forms per session, user and address; tests lower them to reach the limit. */
  formLimits?: FormLimits;
}

export interface Demo {
  url: string;
  storage: ResolvedStorage;
  s3: S3Client;
  bucket: string;
  close(): Promise<void>;
}

// The page and its assets; the widget itself comes from the build output.
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * The reference host: the demo page (demo/public, the widget from dist/), the element's endpoint,
 * and an emulated Treezor core-connect over an S3-compatible store, all on one origin. The HTTP
 * server starts first because the storage's CORS rule must name the page's origin, which is known
 * only once the port is.
 */
export async function startDemo(options: StartDemoOptions = {}): Promise<Demo> {
  const { port = Number(process.env.PORT ?? 8787), host = '127.0.0.1', env = process.env } = options;
  let route: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!route) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
      res.end('Starting\n');
      return;
    }
    route(req, res).catch((error: unknown) => {
      console.error('demo:', error instanceof Error ? error.message : error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Internal error\n');
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((done, fail) => server.once('error', fail).listen(port, host, done));
  const closeServer = () => {
    server.closeAllConnections();
    return new Promise<void>((done) => server.close(() => done()));
  };

  const { port: actualPort } = server.address() as AddressInfo;
  const loopback = ['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::'].includes(host);
  const publicHost = loopback ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${publicHost}:${actualPort}`;
  // Exact origins, not '*': the rule a production bucket should carry. `localhost` is the same page
  // opened under its other name.
  const allowedOrigins = loopback ? [origin, `http://localhost:${actualPort}`] : [origin];

  let storage: ResolvedStorage;
  try {
    storage = await resolveStorage(env, { allowedOrigins });
  } catch (error) {
    await closeServer();
    throw error;
  }

  const publicEndpoint = options.storagePublicEndpoint ?? env.S3_PUBLIC_ENDPOINT;
  const storageOriginForPages = await storageOrigin(storage.s3, storage.bucket, publicEndpoint);
  const pagePolicy = demoPagePolicy(storageOriginForPages);
  const appPolicy = demoPagePolicy(storageOriginForPages, ['vue']);
  const providerToken = randomBytes(24).toString('base64url');
  const coreConnect = createCoreConnect({
    s3: storage.s3,
    bucket: storage.bucket,
    accessToken: providerToken,
    ...(publicEndpoint ? { publicEndpoint } : {}),
  });
  const sessions = createDemoSessions();
  const api = createDemoApi({
    sessions,
    provider: { baseUrl: origin, accessToken: providerToken },
    ...(options.formLimits ? { formLimits: options.formLimits } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  route = async (req, res) => {
    const pathname = new URL(req.url ?? '/', origin).pathname;
    if (pathname.startsWith('/core-connect/')) return coreConnect.handle(req, res);
    if (await api(req, res, pathname)) return;
    req.resume();
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    if (pathname === '/') {
      sessions.ensure(req, res);
      return sendFile(res, resolveInside(PUBLIC_DIR, 'index.html'), head, { 'content-security-policy': pagePolicy });
    }
    const app = /^\/apps\/([\w-]+)\/(.*)$/.exec(pathname);
    const appDir = app && options.apps?.[app[1]!];
    if (app && appDir) {
      if (app[2] === '' || app[2] === 'index.html') {
        sessions.ensure(req, res);
        return sendFile(res, resolveInside(appDir, 'index.html'), head, { 'content-security-policy': appPolicy });
      }
      return sendFile(res, resolveInside(appDir, app[2]!), head);
    }
    const assetHeaders: Record<string, string> = options.policyOnEveryResponse ? { 'content-security-policy': pagePolicy } : {};
    if (pathname.startsWith('/dist/')) return sendFile(res, resolveInside(DIST_DIR, pathname.slice('/dist/'.length)), head, assetHeaders);
    return sendFile(res, resolveInside(PUBLIC_DIR, pathname), head, assetHeaders);
  };

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/`,
    storage,
    s3: storage.s3,
    bucket: storage.bucket,
    close() {
      closing ??= closeServer().then(() => storage.stop());
      return closing;
    },
  };
}

async function main() {
  // The React and Vue apps, when `npm run demo:apps` has built them.
  const apps = Object.fromEntries(
    ['react', 'vue'].map((app) => [app, fileURLToPath(new URL(`./${app}-app/dist/`, import.meta.url))]).filter(([, dir]) => existsSync(dir!)),
  );
  const demo = await startDemo({ log: (line) => console.log(line), apps });
  console.log(`kyc-upload demo: ${demo.url}`);
  for (const app of Object.keys(apps)) console.log(`${app} app: ${demo.url}apps/${app}/`);
  console.log(`storage (${demo.storage.kind}): ${demo.storage.endpoint} bucket ${demo.bucket}`);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

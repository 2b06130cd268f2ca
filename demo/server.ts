import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { createDemoApi, type FormLimits } from './backend/demo-api.js';
import { demoPagePolicy, storageOrigin } from './backend/content-security-policy.js';
import { DEMO_REQUIREMENTS, requiredDocumentGroups } from './backend/document-requirements.js';
import { createDemoSessions, type DemoSessions } from './backend/demo-session.js';
import { createRateLimiter } from '../src/server/rate-limit.js';
import { type HostStore, openHostStore } from '../src/server/store/host-store.js';
import { createTreezorUser } from '../src/server/treezor-users.js';
import { resolveInside, sendFile } from './backend/static-files.js';
import { createTreezorEmulator } from './provider/treezor-emulator.js';
import { resolveStorage, type ResolvedStorage, type StorageEnv } from './storage/storage-config.js';
import type { SqlDatabase } from '../src/server/db/database.js';
import { openDatabase } from '../src/server/db/open-database.js';
import { MAX_HANDOFF_TTL_MS } from '../src/server/handoff/handoff-options.js';

export interface StartDemoOptions {
  port?: number;
  host?: string;
  /**
   * S3_* variables pick a real store; without them the embedded one starts. DATABASE_URL picks
   * PostgreSQL; without it the embedded SQLite file in the data directory. KYC_HANDOFF_TTL_SECONDS
   * sets how long a phone handoff's code lives.
   */
  env?: StorageEnv;
  /**
   * Where the embedded database and storage keep their files. `npm start` uses `.data/` so that a
   * restart loses nothing; unset (the tests), a temporary directory removed on close.
   */
  dataDirectory?: string;
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
  /**
   * Upload forms' lifetime in seconds (300, as Treezor's) and how long past it a form is still taken
   * to be open (60 s of clock drift). A document is validated only once its form is closed, so the
   * journey tests shorten both: the embedded storage shares this machine's clock.
   */
  formLifetime?: { expiresIn: number; marginMs: number };
  /** New applicants (users at the provider) per client address and window. */
  signUpLimit?: { limit: number; windowMs: number };
}

export interface Demo {
  url: string;
  storage: ResolvedStorage;
  database: SqlDatabase;
  /** The secret the emulated provider signs its webhooks with, shared with the host's receiver. */
  webhookSecret: string;
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
  const handoffTtlMs = handoffLifetime(env);
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

  const temporaryData = options.dataDirectory === undefined;
  const dataDirectory = options.dataDirectory ?? (await mkdtemp(join(tmpdir(), 'kyc-upload-demo-')));
  const removeTemporaryData = () => (temporaryData ? rm(dataDirectory, { recursive: true, force: true }) : Promise.resolve());
  let storage: ResolvedStorage;
  let database: SqlDatabase;
  try {
    database = await openDatabase({ url: env.DATABASE_URL, file: join(dataDirectory, 'kyc-upload.sqlite') });
  } catch (error) {
    await closeServer();
    await removeTemporaryData();
    throw error;
  }
  try {
    storage = await resolveStorage(env, { allowedOrigins, embeddedDirectory: join(dataDirectory, 's3') });
  } catch (error) {
    await closeServer();
    await database.close();
    await removeTemporaryData();
    throw error;
  }

  const publicEndpoint = options.storagePublicEndpoint ?? env.S3_PUBLIC_ENDPOINT;
  const storageOriginForPages = await storageOrigin(storage.s3, storage.bucket, publicEndpoint);
  const pagePolicy = demoPagePolicy(storageOriginForPages);
  const appPolicy = demoPagePolicy(storageOriginForPages, ['vue']);
  const providerToken = randomBytes(24).toString('base64url');
  const webhookSecret = randomBytes(32).toString('base64url');
  const provider = { baseUrl: origin, accessToken: providerToken };
  let emulator: Awaited<ReturnType<typeof createTreezorEmulator>> | undefined;
  let sessions: DemoSessions;
  let store: HostStore;
  try {
    // Each side migrates its own tables; a failure anywhere stops what started, in reverse.
    emulator = await createTreezorEmulator({
      database,
      s3: storage.s3,
      bucket: storage.bucket,
      accessToken: providerToken,
      ...(publicEndpoint ? { publicEndpoint } : {}),
      ...(options.formLifetime ? { formExpiresIn: options.formLifetime.expiresIn } : {}),
      webhooks: { url: `${origin}/api/webhooks/treezor`, secret: webhookSecret },
      // A KYC review needs what the page asks for: one validated document per requirement.
      requiredDocumentTypes: requiredDocumentGroups(DEMO_REQUIREMENTS),
    });
    sessions = await createDemoSessions(database, (name) => createTreezorUser(provider, name));
    store = await openHostStore(database);
  } catch (error) {
    await closeServer();
    await emulator?.close();
    await storage.stop();
    await database.close();
    await removeTemporaryData();
    throw error;
  }
  const started = emulator;
  // Every cookie-less visit signs an applicant up at the provider: a person needs one, a script many.
  const signUps = createRateLimiter(options.signUpLimit ?? { limit: 100, windowMs: 10 * 60_000 });
  const api = createDemoApi({
    sessions,
    store,
    origin,
    webhookSecret,
    provider,
    storageOrigin: storageOriginForPages,
    // Without KYC_RESUME_SECRET a restart ends pending resumes: the page then offers none.
    resumeSecret: env.KYC_RESUME_SECRET?.trim() || randomBytes(32),
    ...(options.formLifetime ? { formExpiryMarginMs: options.formLifetime.marginMs } : {}),
    ...(options.formLimits ? { formLimits: options.formLimits } : {}),
    ...(handoffTtlMs !== undefined ? { handoffTtlMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  route = async (req, res) => {
    const pathname = new URL(req.url ?? '/', origin).pathname;
    if (started.owns(pathname)) return started.handle(req, res);
    if (await api(req, res, pathname)) return;
    req.resume();
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const app = /^\/apps\/([\w-]+)\/(.*)$/.exec(pathname);
    const appDir = app && options.apps?.[app[1]!];
    const appPage = Boolean(appDir) && (app![2] === '' || app![2] === 'index.html');
    if (pathname === '/' || appPage) {
      if (!(await sessions.applicantOf(req))) {
        const decision = signUps.take(req.socket.remoteAddress ?? '');
        if (!decision.allowed) {
          res.writeHead(429, { 'retry-after': String(decision.retryAfterSeconds), 'content-type': 'text/plain; charset=utf-8' });
          res.end('Too many sign-ups from this address; try again later.\n');
          return;
        }
        await sessions.ensureApplicant(req, res);
      }
      if (pathname === '/') return sendFile(res, resolveInside(PUBLIC_DIR, 'index.html'), head, { 'content-security-policy': pagePolicy });
    }
    // The back office: its own sign-in, on the page itself (demo/public/review.js).
    if (pathname === '/review') return sendFile(res, resolveInside(PUBLIC_DIR, 'review.html'), head, { 'content-security-policy': pagePolicy });
    if (app && appDir) {
      if (appPage) return sendFile(res, resolveInside(appDir, 'index.html'), head, { 'content-security-policy': appPolicy });
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
    database,
    webhookSecret,
    s3: storage.s3,
    bucket: storage.bucket,
    close() {
      closing ??= closeServer()
        .then(() => storage.stop())
        .then(() => started.close())
        .then(() => database.close())
        .then(removeTemporaryData);
      return closing;
    },
  };
}

/**
 * KYC_HANDOFF_TTL_SECONDS: how long a "continue on your phone" code lives, 1 to 900 s (the
 * package's 10 minutes when unset). A value out of range stops the demo rather than being ignored.
 */
function handoffLifetime(env: StorageEnv): number | undefined {
  const value = env.KYC_HANDOFF_TTL_SECONDS?.trim();
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 1 && seconds * 1000 <= MAX_HANDOFF_TTL_MS)) {
    throw new Error(`KYC_HANDOFF_TTL_SECONDS must be a whole number of seconds from 1 to ${MAX_HANDOFF_TTL_MS / 1000}, not ${JSON.stringify(value)}.`);
  }
  return seconds * 1000;
}

async function main() {
  // The React and Vue apps, when `npm run demo:apps` has built them.
  const apps = Object.fromEntries(
    ['react', 'vue'].map((app) => [app, fileURLToPath(new URL(`./${app}-app/dist/`, import.meta.url))]).filter(([, dir]) => existsSync(dir!)),
  );
  const dataDirectory = fileURLToPath(new URL('../.data/', import.meta.url));
  const demo = await startDemo({ log: (line) => console.log(line), apps, dataDirectory });
  console.log(`kyc-upload demo: ${demo.url}`);
  for (const app of Object.keys(apps)) console.log(`${app} app: ${demo.url}apps/${app}/`);
  console.log(`storage (${demo.storage.kind}): ${demo.storage.endpoint} bucket ${demo.bucket}`);
  console.log(`database: ${demo.database.description}`);
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

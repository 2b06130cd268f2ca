// `kyc-upload/server` as a host installs it: the packed package (`npm pack`, after `npm run build`)
// in a fresh Node app (`npm init -y`, "type": "module") with the optional peers it uses, then
// server-app/app.mjs run there (embedded database, host store, a webhook signed and verified with
// "Hélène", the receiver behind the node:http adapter called with fetch, a token, AWS signatures),
// the typings checked by tsc (strict, NodeNext) on a host's file and on its mistakes, and the
// import without the optional peers an app may leave out.
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { packPackage, run } from '../../demo/build-apps.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./server-app/', import.meta.url));
const repo = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

// The peers at the versions this repo tests with, and Node's types for the type check.
const PEERS = ['better-sqlite3', '@aws-sdk/client-s3', '@aws-sdk/s3-presigned-post', '@aws-sdk/s3-request-presigner', '@types/node'];

// A host's tsconfig for a Node ESM app: strict, NodeNext, no DOM, every .d.ts checked.
const TSCONFIG = {
  compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], strict: true, noEmit: true, skipLibCheck: false, verbatimModuleSyntax: true },
  include: ['*.ts'],
};

const APP_TS = `import { createServer } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import {
  createDocumentSetSubmitHandler, createTreezorTokenProvider, createTreezorWebhookReceiver, KYC_STATUSES, openDatabase, openHostStore, presignDocumentForm,
  REFUSAL_REASONS, signTreezorPayload, toNodeHandler, verifyTreezorWebhook,
  type DocumentForm, type HostDocument, type RefusalReason, type SqlDatabase, type TreezorWebhook, type Verdict, type WebHandler,
} from 'kyc-upload/server';

const database: SqlDatabase = await openDatabase({ url: process.env.DATABASE_URL, file: '.data/kyc.sqlite' });
const store = await openHostStore(database);
const receive: WebHandler = createTreezorWebhookReceiver({ store, secret: 'secret', onEvent: (event: TreezorWebhook) => console.log(event.webhook_id) });
createServer(toNodeHandler(receive, 'http://127.0.0.1:3000'));
const submit: WebHandler = createDocumentSetSubmitHandler({ resolveUser: (request) => request.headers.get('x-user'), store });
const latest: string | undefined = (await store.latestSubmission('1370854'))?.documents[0]?.side;
const tokens = createTreezorTokenProvider({ baseUrl: 'https://tenant.api.treezor.co', clientId: 1234, clientSecret: process.env.TREEZOR_SECRET ?? '' });
const token: string = await tokens.accessToken();
const documents: HostDocument[] = await store.documentsOf('1370854');
const verdicts: Array<Verdict | undefined> = documents.map((document) => document.verdict);
const reason: RefusalReason = REFUSAL_REASONS[0];
const code: string = KYC_STATUSES.VALIDATED.codeStatus;
const check = verifyTreezorWebhook(JSON.parse('{}') as unknown, 'secret');
const id: string | undefined = check.ok ? check.webhook.webhook_id : undefined;
const signature: string = signTreezorPayload({ userFirstname: 'Hélène' }, 'secret');
const form: DocumentForm = await presignDocumentForm(new S3Client({}), { bucket: 'kyc', userId: 1, documentType: 9, contentType: 'image/png' });
console.log(token, verdicts, reason, code, id, signature, form.formFields, submit, latest);
await database.close();
`;

/** Each mistake in its own file, and the error tsc must report for it. */
const MISTAKES: Record<string, [string, RegExp]> = {
  'mistake-store.ts': [`import { openHostStore } from 'kyc-upload/server';\nawait openHostStore('kyc.sqlite');\n`, /mistake-store\.ts\(2,\d+\): error TS2345: Argument of type 'string' is not assignable to parameter of type 'SqlDatabase'/],
  'mistake-receiver.ts': [
    `import { createTreezorWebhookReceiver } from 'kyc-upload/server';\ncreateTreezorWebhookReceiver({ secret: 'secret' });\n`,
    /mistake-receiver\.ts\(2,\d+\): error TS2741: Property 'store' is missing/,
  ],
  'mistake-webhook.ts': [
    `import { verifyTreezorWebhook } from 'kyc-upload/server';\nconst check = verifyTreezorWebhook({}, 'secret');\nconsole.log(check.webhook);\n`,
    /mistake-webhook\.ts\(3,\d+\): error TS2339: Property 'webhook' does not exist/,
  ],
};

/** `npm install`, from npm's cache alone if it holds everything, else from the registry. */
async function install(appDir: string, packages: string[]) {
  const args = ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages];
  const offline = await run('npm', [...args, '--offline'], appDir);
  if (offline.code === 0) return;
  const online = await run('npm', [...args, '--prefer-offline'], appDir);
  assert.equal(online.code, 0, `npm install failed:\n${offline.output}\n${online.output}`);
}

/** `node` in the app, with `without` (package names, or scopes ending in "/") made unresolvable. */
const node = (appDir: string, without: string[], args: string[]) =>
  run('env', [`KYC_WITHOUT=${without.join(',')}`, process.execPath, '--no-warnings', '--import', './without.mjs', ...args], appDir);

describe('kyc-upload/server, packed and installed in a fresh Node app', () => {
  let scratch: string;
  let appDir: string;

  before(
    async () => {
      scratch = await mkdtemp(join(tmpdir(), 'kyc-upload-server-app-'));
      const tarball = await packPackage(scratch);
      appDir = join(scratch, 'server-app');
      await mkdir(appDir);
      assert.equal((await run('npm', ['init', '-y'], appDir)).code, 0);
      assert.equal((await run('npm', ['pkg', 'set', 'type=module'], appDir)).code, 0);
      // better-sqlite3 compiles from source where its prebuilt binaries cannot be fetched: minutes.
      await install(appDir, [tarball, ...PEERS.map((name) => `${name}@${repo.devDependencies[name]}`)]);
      for (const file of ['app.mjs', 'without.mjs', 'without-hooks.mjs']) await copyFile(join(fixtures, file), join(appDir, file));
    },
    { timeout: 600_000 },
  );
  after(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('installs kysely with it, and no optional peer it was not asked for', async () => {
    const lock = JSON.parse(await readFile(join(appDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const installed = (name: string) => `node_modules/${name}` in lock.packages;
    for (const name of ['kyc-upload', 'kysely', 'zod', ...PEERS]) assert.ok(installed(name), name);
    for (const name of ['pg', 'sharp', 'vite', 'react', 'vue']) assert.ok(!installed(name), name);
  });

  it('app.mjs: embedded database, host store, a webhook signed and verified with "Hélène", the receiver in node:http, a token, AWS signatures', { timeout: 120_000 }, async () => {
    const { code, output } = await node(appDir, [], ['app.mjs']);
    assert.equal(code, 0, output);
    const saw = JSON.parse(output.split('\n').find((line) => line.startsWith('{"dialect"')) ?? 'null') as Record<string, unknown>;
    assert.ok(saw, output);
    assert.equal(saw.dialect, 'sqlite');
    assert.match(saw.encoded as string, /"userFirstname":"H\\u00e9l\\u00e8ne","userLastname":"\\u00d8degaard\\\/\\u0152"/);
    assert.equal(saw.encodedAsPhp, true);
    assert.equal(saw.signatureIsHmacOfPhpJson, true);
    assert.equal(saw.verified, true);
    assert.deepEqual(saw.tampered, { ok: false, reason: 'bad-signature' });
    assert.deepEqual(saw.first, { status: 200, body: { received: true, duplicate: false } });
    assert.deepEqual(saw.again, { status: 200, body: { received: true, duplicate: true } });
    assert.equal(saw.badSignature, 500);
    assert.equal(saw.get, 405);
    assert.equal(saw.kycResult, 200);
    assert.deepEqual(saw.tokens, ['token-1', 'token-1', 'token-1']);
    assert.equal(saw.tokenRequests, 1);
    // Read back after closing and reopening the database file.
    assert.equal(saw.providerDocumentId, '383597');
    assert.deepEqual({ ...(saw.kyc as object), updatedAt: undefined }, { kycStatus: 'VALIDATED', codeStatus: '110006', comment: 'Bienvenue Hélène', updatedAt: undefined });
    assert.deepEqual(saw.received, ['document.create', 'kycreview.result']);
    assert.deepEqual(saw.form, { action: 'http://127.0.0.1:9/kyc', contentType: 'image/png', signed: true });
    assert.deepEqual(saw.download, { signed: true, disposition: 'attachment' });
  });

  it("tsc (strict, NodeNext, no skipLibCheck) passes on a host's app.ts and fails on each mistake", { timeout: 120_000 }, async () => {
    await writeFile(join(appDir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    await writeFile(join(appDir, 'app.ts'), APP_TS);
    for (const [file, [text]] of Object.entries(MISTAKES)) await writeFile(join(appDir, file), text);
    const { code, output } = await run(join(root, 'node_modules/.bin/tsc'), ['-p', '.'], appDir);
    assert.notEqual(code, 0, output);
    for (const [, error] of Object.values(MISTAKES)) assert.match(output, error);
    const failing = new Set([...output.matchAll(/^(\S+?)\(\d+,\d+\): error/gm)].map((m) => m[1]));
    assert.deepEqual([...failing].sort(), Object.keys(MISTAKES).sort(), output);
  });

  it('imports without the database drivers installed; the embedded database then says which one is missing', { timeout: 60_000 }, async () => {
    const script = `const server = await import('kyc-upload/server');
console.log(server.signTreezorPayload({ name: 'Hélène' }, 'secret').length);
await server.openDatabase({ file: '.data/none.sqlite' }).catch((error) => console.log(error.code, error.message));`;
    const { code, output } = await node(appDir, ['better-sqlite3', 'pg'], ['--input-type=module', '-e', script]);
    assert.equal(code, 0, output);
    assert.match(output, /^44\nERR_MODULE_NOT_FOUND Cannot find package 'better-sqlite3'/m);
  });

  it(
    'imports without the AWS SDK installed (a host on Treezor’s bucket needs none of it)',
    { timeout: 60_000 },
    async () => {
      const { code, output } = await node(appDir, ['@aws-sdk/'], ['--input-type=module', '-e', "await import('kyc-upload/server');"]);
      assert.equal(code, 0, output);
    },
  );
});

describe('the README’s kyc-upload/server examples', () => {
  it('import only names the built entry point exports', async () => {
    const { readmeBlocks } = await import('../../demo/readme-blocks.mjs');
    const exported = new Set(Object.keys(await import(join(root, 'dist/node/server/index.js'))));
    const imported = readmeBlocks()
      .filter((block: { code: string }) => block.code.includes("from 'kyc-upload/server'"))
      .flatMap((block: { code: string }) => [...block.code.matchAll(/import \{([^}]*)\} from 'kyc-upload\/server'/g)].flatMap((m) => m[1]!.split(',').map((name) => name.trim()).filter((name) => name && !name.startsWith('type '))));
    assert.ok(imported.length >= 8, imported.join());
    assert.deepEqual(imported.filter((name: string) => !exported.has(name)), []);
  });
});

// The files the widget loads by URL at run time, as built: content-hashed names (a host may cache
// them as immutable), every name the built code asks for present in dist/, and kyc-upload/vite
// emitting exactly those files, the HEIC decoder only when wanted. Runs on the built dist/.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { HASH_DIGITS, RUNTIME_FILES, SCRIPT_TAG_FILES, contentHash } from '../../src/build/runtime-assets.mjs';
import type { RuntimeFilesManifest } from '../../src/core/runtime-files.js';
import type { runtimeFileNames } from '../../src/vite-plugin.js';

const dist = new URL('../../dist/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dist), 'utf8');
const manifest = JSON.parse(read('runtime-files.json')) as RuntimeFilesManifest;
const built = { ...manifest.runtimeFiles, pipeline: manifest.scriptTagFiles.pipeline, ...manifest.scriptTagFiles.languages };
const plain: Record<string, string> = { ...RUNTIME_FILES, pipeline: SCRIPT_TAG_FILES.pipeline, ...SCRIPT_TAG_FILES.languages };
/** Third-party files, which name themselves in their own comments. */
const vendor = new Set([manifest.runtimeFiles.imageLibrary, manifest.runtimeFiles.heicDecoder]);
/** A file's text without the source-map comment that ends it (it names a map, not a run-time file). */
const code = (name: string) => read(name).replace(/\/\/# sourceMappingURL=\S+\s*$/, '');

/**
 * kyc-upload/vite's published types stand alone (dist/types has no runtime-files.d.ts), so its
 * manifest names the roles itself: this fails the type check when they and the core's part.
 */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const pluginRolesAreTheCoreRoles: SameKeys<ReturnType<typeof runtimeFileNames>, RuntimeFilesManifest['runtimeFiles']> = true;

describe('run-time files', () => {
  it('the manifest lists every role of src/core/runtime-files.js', () => {
    assert.deepEqual(Object.keys(built).sort(), Object.keys(plain).sort());
    assert.ok(pluginRolesAreTheCoreRoles);
  });

  for (const [role, name] of Object.entries(built)) {
    it(`${role}: ${name} carries the hash of its content`, () => {
      const stem = plain[role]!.replace(/\.js$/, '');
      const hash = new RegExp(`^${stem}-([0-9a-f]{${HASH_DIGITS}})\\.js$`).exec(name)?.[1];
      assert.ok(hash, `${name} is not ${stem}-<hash>.js`);
      assert.equal(hash, contentHash(read(name)));
      // So a change of one byte renames the file.
      assert.notEqual(contentHash(`${code(name)} `), hash);
    });
  }

  it('the compressor imports its library and the HEIC decoder by their hashed names: a new one renames the worker too', () => {
    assert.ok(read(manifest.runtimeFiles.compressorWorker).includes(`'${manifest.runtimeFiles.imageLibrary}'`));
    assert.ok(read(manifest.runtimeFiles.compressorWorker).includes(`'${manifest.runtimeFiles.heicDecoder}'`));
  });

  it('no file is left under its plain name, and the script tag keeps its own', () => {
    const files = readdirSync(dist);
    for (const name of Object.values(plain)) assert.ok(!files.includes(name), name);
    assert.ok(files.includes('kyc-upload.iife.js'));
  });

  it('every run-time file the built code names exists in dist/', () => {
    const stems = Object.values(plain).map((name) => name.replace(/\.js$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const named = new RegExp(`\\b(?:${stems.join('|')})(?:-[0-9a-f]{${HASH_DIGITS}})?\\.js\\b(?!\\.map)`, 'g');
    const ours = readdirSync(dist).filter((file) => file.endsWith('.js') && !vendor.has(file));
    const referenced = new Set(ours.flatMap((file) => [...code(file).matchAll(named)].map((match) => match[0])));
    for (const name of [manifest.runtimeFiles.compressorWorker, manifest.runtimeFiles.heicDecoder, manifest.scriptTagFiles.pipeline, manifest.scriptTagFiles.languages.de]) {
      assert.ok(referenced.has(name), `nothing names ${name}`);
    }
    for (const name of referenced) assert.ok(existsSync(new URL(name, dist)), `${name} is named but not built`);
  });

  describe('kyc-upload/vite', () => {
    type Emitted = { fileName: string; source: Uint8Array | string };
    async function emitted(options?: { heic?: boolean }) {
      const { kycUpload } = (await import(new URL('vite-plugin.js', dist).href)) as typeof import('../../src/vite-plugin.js');
      const plugin = kycUpload(options);
      const files: Emitted[] = [];
      (plugin.configResolved as (config: unknown) => void)({ build: { assetsDir: 'assets' } });
      await (plugin.generateBundle as (this: unknown) => Promise<void>).call({ emitFile: (file: Emitted) => files.push(file) });
      const config = (plugin.config as () => { define?: Record<string, string> })();
      return { files, define: config.define };
    }

    it('emits the run-time files into the assets folder, byte for byte, and defines nothing', async () => {
      const { files, define } = await emitted();
      assert.deepEqual(files.map((f) => f.fileName).sort(), Object.values(manifest.runtimeFiles).map((name) => `assets/${name}`).sort());
      for (const file of files) assert.equal(Buffer.from(file.source).toString('utf8'), read(file.fileName.slice('assets/'.length)));
      assert.equal(define, undefined);
    });

    it('with heic: false, emits no HEIC file and tells the widget so', async () => {
      const { files, define } = await emitted({ heic: false });
      assert.deepEqual(files.map((f) => f.fileName).sort(), [manifest.runtimeFiles.compressorWorker, manifest.runtimeFiles.imageLibrary, manifest.runtimeFiles.qualityChecks].map((name) => `assets/${name}`).sort());
      assert.deepEqual(define, { __KYC_UPLOAD_HEIC__: 'false' });
    });

    it('in vite dev, serves the run-time files wherever the widget sits, and no HEIC file with heic: false', async () => {
      const { kycUpload } = (await import(new URL('vite-plugin.js', dist).href)) as typeof import('../../src/vite-plugin.js');
      const { createServer } = await import('vite');
      const server = await createServer({ configFile: false, logLevel: 'silent', appType: 'custom', plugins: [kycUpload({ heic: false })], server: { port: 0, host: '127.0.0.1' } });
      await server.listen();
      try {
        const base = `${server.resolvedUrls!.local[0]}node_modules/.vite/deps/`;
        const worker = await fetch(base + manifest.runtimeFiles.compressorWorker);
        assert.equal(worker.status, 200);
        assert.equal(await worker.text(), read(manifest.runtimeFiles.compressorWorker));
        assert.equal((await fetch(base + manifest.runtimeFiles.heicDecoder)).status, 404);
      } finally {
        await server.close();
      }
    });

    it('an app built with heic: false has no HEIC file and its widget knows it', async () => {
      const { kycUpload } = (await import(new URL('vite-plugin.js', dist).href)) as typeof import('../../src/vite-plugin.js');
      const { build } = await import('vite');
      const outDir = mkdtempSync(join(tmpdir(), 'kyc-app-'));
      try {
        await build({
          configFile: false,
          logLevel: 'silent',
          plugins: [kycUpload({ heic: false })],
          build: { outDir, minify: false, rolldownOptions: { input: fileURLToPath(new URL('define.js', dist)) } },
        });
        const assets = readdirSync(join(outDir, 'assets'));
        assert.ok(assets.includes(manifest.runtimeFiles.compressorWorker), assets.join());
        assert.deepEqual(assets.filter((file) => file.startsWith(RUNTIME_FILES.heicDecoder.replace(/\.js$/, ''))), []);
        const js = assets.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(outDir, 'assets', file), 'utf8')).join('\n');
        assert.ok(js.includes('heic-not-included'), 'the widget refusing HEIC is in the build');
        assert.ok(!js.includes('__KYC_UPLOAD_HEIC__'), 'the flag was replaced');
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    });
  });
});

// What the widget costs to download, measured from what the demo page actually requests.
//
// A fresh page (empty cache) records every request it and its workers make (the context's
// 'request' event sees a dedicated worker's script and its importScripts too). JavaScript
// requests under /dist/ are the widget's: those made before any file is chosen are its initial
// JS; those made while a JPEG, a PDF or a HEIC goes all the way to storage are its lazy chunks.
// Each file is then weighed as served, gzipped at zlib level 9 and brotli-compressed at quality 11,
// from dist/ on disk, which is what the demo serves. The headline is what a visitor downloads.
// Beside it, the gzip size after a full minify (oxc, through Vite's `minifySync`, top-level names
// kept): Vite's library mode leaves whitespace in ES chunks, so "as served" and "minified" can
// differ, and the difference is what turning that on would save.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright';
import { minifySync } from 'vite';
import type { Demo } from '../../demo/server.js';
import { openDemoPage, trackNetworkQuiet, uploadThroughWidget } from './browser.js';
import type { BenchFile } from './inputs.js';

const DIST = new URL('../../dist/', import.meta.url);

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  /** gzip -9 after a full minify; absent for vendor files over 1 MiB (already minified, slow to redo). */
  minifiedGzip?: number;
}

const MINIFY_UP_TO = 2 ** 20;

export interface ScenarioLoad {
  scenario: string;
  /** Lazy files (under /dist/) requested during this upload, in request order. */
  files: string[];
  /** Files requested more than once (a second worker fetching its script again, say). */
  repeated: string[];
}

export interface SizesResult {
  files: FileSize[];
  /** The demo page's: `<kyc-document-set>`, with the `<kyc-upload>` of its slots. */
  initial: { files: string[]; total: Omit<FileSize, 'file'> };
  /** A page with one `<kyc-upload>` and its script tag, nothing else. */
  uploadAlone?: { files: string[]; total: Omit<FileSize, 'file'> };
  scenarios: ScenarioLoad[];
  /** Initial + everything a JPEG photo upload loads. */
  jpegEverything: { files: string[]; total: Omit<FileSize, 'file'> };
  heicEverything: { files: string[]; total: Omit<FileSize, 'file'> };
  pdfEverything: { files: string[]; total: Omit<FileSize, 'file'> };
  heicDecoder?: FileSize;
  /** JavaScript the page loaded that is not the widget's (the demo's own script), for the record. */
  hostScripts: string[];
}

async function weigh(file: string): Promise<FileSize> {
  const bytes = await readFile(new URL(file, DIST));
  const size: FileSize = {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
  if (bytes.length <= MINIFY_UP_TO) {
    // ES chunks must be parsed as modules; the classic scripts (the IIFE, the worker, the UMD
    // build) parse either way, so module mode is tried first and script mode is the fallback.
    const code = bytes.toString('utf8');
    const minify = (module: boolean) => minifySync(file, code, { module, compress: true, mangle: { toplevel: false } });
    let minified = minify(true);
    if (minified.errors.length) minified = minify(false);
    if (minified.errors.length) throw new Error(`minifying ${file}: ${minified.errors.map((e) => e.message).join('; ')}`);
    size.minifiedGzip = gzipSync(minified.code, { level: 9 }).length;
  }
  return size;
}

const sum = (sizes: FileSize[]) => sizes.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

export async function measureSizes(options: { demo: Demo; browser: Browser; uploads: Array<{ scenario: string; file: BenchFile }>; log: (line: string) => void }): Promise<SizesResult> {
  const { demo, browser } = options;
  const origin = new URL(demo.url).origin;
  const distFile = (url: string) => {
    const parsed = new URL(url);
    return parsed.origin === origin && parsed.pathname.startsWith('/dist/') && parsed.pathname.endsWith('.js') ? parsed.pathname.slice('/dist/'.length) : undefined;
  };
  const isScript = (url: string) => new URL(url).pathname.endsWith('.js');

  let initial: string[] | undefined;
  const hostScripts = new Set<string>();
  const scenarios: ScenarioLoad[] = [];
  for (const { scenario, file } of options.uploads) {
    const dp = await openDemoPage(browser, demo.url, demo.storage.endpoint);
    dp.phase(scenario);
    const outcome = await uploadThroughWidget(dp.page, file);
    if (outcome.type !== 'kyc-upload-success') throw new Error(`${scenario} upload ended with ${outcome.type}: ${JSON.stringify(outcome.detail)}`);
    await dp.close();

    const atLoad = dp.requests.filter((r) => r.phase === 'page load' && isScript(r.url));
    const loadFiles = atLoad.map((r) => distFile(r.url)).filter((f): f is string => f !== undefined);
    for (const r of atLoad) if (!distFile(r.url)) hostScripts.add(new URL(r.url).pathname);
    // Every fresh page must load the same initial JS; a difference would make "initial" meaningless.
    if (initial && initial.join() !== loadFiles.join()) throw new Error(`initial JS differs between pages: ${initial} vs ${loadFiles}`);
    initial = loadFiles;

    const during = dp.requests.filter((r) => r.phase === scenario).map((r) => distFile(r.url)).filter((f): f is string => f !== undefined);
    const files = [...new Set(during)];
    scenarios.push({ scenario, files, repeated: files.filter((f) => during.indexOf(f) !== during.lastIndexOf(f)) });
    options.log(`  ${scenario}: ${files.length} lazy file(s): ${files.join(', ')}`);
  }
  if (!initial?.length) throw new Error('the demo page loaded no JavaScript of the widget');

  const alone = await uploadAlonePageLoad(browser, demo.url, distFile);
  options.log(`  <kyc-upload> alone: ${alone.join(', ')}`);

  const all = [...new Set([...initial, ...alone, ...scenarios.flatMap((s) => s.files)])];
  const files = await Promise.all(all.map(weigh));
  const byName = new Map(files.map((f) => [f.file, f]));
  const everything = (scenario: string) => {
    const load = scenarios.find((s) => s.scenario === scenario);
    if (!load) throw new Error(`no ${scenario} upload measured`);
    const names = [...new Set([...initial!, ...load.files])];
    return { files: names, total: sum(names.map((n) => byName.get(n)!)) };
  };
  const heicOnly = everything('heic').files.filter((f) => !everything('jpeg').files.includes(f));
  const decoder = heicOnly.map((f) => byName.get(f)!).sort((a, b) => b.raw - a.raw)[0];
  return {
    files,
    initial: { files: initial, total: sum(initial.map((n) => byName.get(n)!)) },
    uploadAlone: { files: alone, total: sum(alone.map((n) => byName.get(n)!)) },
    scenarios,
    jpegEverything: everything('jpeg'),
    heicEverything: everything('heic'),
    pdfEverything: everything('pdf'),
    ...(decoder ? { heicDecoder: decoder } : {}),
    hostScripts: [...hostScripts],
  };
}

/** The page a host with one upload writes: the `<kyc-upload>` script and the element. */
const UPLOAD_ALONE_PAGE = `<!doctype html><html lang="en"><title>kyc-upload alone</title>
<script src="/dist/kyc-upload.iife.js" defer></script>
<kyc-upload endpoint="/api/kyc/document-form" document-type="9"></kyc-upload>`;

/**
 * The widget's JS a fresh page with `<kyc-upload>` alone loads: served at a path of the demo's
 * origin that the context answers itself (only that one request is routed).
 */
async function uploadAlonePageLoad(browser: Browser, demoUrl: string, distFile: (url: string) => string | undefined): Promise<string[]> {
  const context = await browser.newContext();
  const networkQuiet = trackNetworkQuiet(context);
  try {
    const url = new URL('/bench/upload-alone.html', demoUrl).href;
    await context.route(url, (route) => route.fulfill({ contentType: 'text/html', body: UPLOAD_ALONE_PAGE }));
    const loaded: string[] = [];
    context.on('request', (request) => {
      const file = distFile(request.url());
      if (file) loaded.push(file);
    });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => customElements.get('kyc-upload') !== undefined && customElements.get('kyc-document-set') === undefined, undefined, { timeout: 10_000 });
    await networkQuiet();
    if (!loaded.length) throw new Error('the <kyc-upload> page loaded no JavaScript of the widget');
    return [...new Set(loaded)];
  } finally {
    await context.close();
  }
}

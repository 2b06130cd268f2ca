// The quality checks as the product runs them on a photo sent as it is: in a worker, on a photo
// decoded with createImageBitmap (a re-encoded photo is checked on the compressor's drawing of it,
// halved once above 2048 px, test/core/prepare.test.ts compares the two). Precision and recall of each check over the labelled set (the held-out half is
// the headline; thresholds were tuned on the other), the time of all checks on a 12 MP photo beyond
// its decode, main-thread long tasks meanwhile, and the live guidance rate on 640×360 frames.
//
// The page and the photos are answered by the bench itself (a Playwright route on an origin of its
// own); the checks are bundled here with esbuild (already installed by tsx and
// @web/dev-server-esbuild) into a classic worker script, as the product's build will do with
// src/core/quality/worker-script.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright';
import type { MachineFacts } from './machine.js';
import type { QualityIssue, QualityReport } from '../../src/core/quality/quality-report.js';
import { type LabelledPhoto, qualitySet, twelveMegapixelCard } from '../fixtures/quality/make-set.js';
import { type CheckScore, scoreChecks } from '../fixtures/quality/score.js';
import { cpuTimeIn, startCpuSampling } from './cpu-time.js';
import { waitForQuiet } from './quiet.js';
import { median } from './stats.js';

/** How the numbers are taken, for results.json. */
export const QUALITY_METHOD =
  'The labelled set of test/fixtures/quality/make-set.ts (specimen documents in perspective on Debian wallpapers, degraded; labels from how each photo was made), each photo fetched by a page, decoded by createImageBitmap in a classic worker running the checks bundled by esbuild, assessImage with its document shape; precision and recall per check on the held-out half (thresholds tuned on the other), an issue counting only when it is the labelled one. 12 MP: a 4000×3000 JPEG of a card, assessImage timed alone in the worker after the decode, CPU time of the same window as cpuTime. Live: assessImage in a loop on a 640×360 OffscreenCanvas frame for 3 s.';

const ORIGIN = 'http://quality.bench';
const RUNS_12MP = 15;
/** How long the live loop runs: long enough for a steady rate, short beside the rest. */
const LIVE_MS = 3000;
const LIVE_FRAME = { width: 640, height: 360 };

export interface QualityResult {
  photos: { tuning: number; heldOut: number };
  heldOut: CheckScore[];
  tuning: CheckScore[];
  /** Photos whose issues differ from their labels, held-out half: what to look at first. */
  heldOutMistakes: Array<{ file: string; labelled: QualityIssue[]; found: QualityIssue[] }>;
  twelve: { width: number; height: number; runsMs: number[]; medianMs: number; cpuMs: number[]; medianCpuMs: number; greyCopyMedianMs: number; longTaskMaxMs: number };
  live: { frames: number; seconds: number; framesPerSecond: number; medianFrameMs: number };
  /** Where and when, when measured alone (`bench:one -- quality`) rather than with the whole bench. */
  machine?: MachineFacts;
}

/** The checks, plus greyCopy alone for the breakdown, on the worker's global. */
async function workerCode(): Promise<string> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const bundled = await build({
    stdin: {
      contents: "import './src/core/quality/worker-script.ts'; import { greyCopy } from './src/core/quality/grey-image.ts'; self.benchGreyCopy = greyCopy;",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
  });
  return `${bundled.outputFiles[0]!.text}\n${WORKER_HARNESS}`;
}

/** Runs in the worker: answers each request with the checks' result and its timing. */
const WORKER_HARNESS = `
// The product names a document by its subtype; the set's labels, by its shape.
const SUBTYPE_OF_SHAPE = { card: 'id-card', passportPage: 'passport', page: 'utility-bill' };
onmessage = async ({ data }) => {
  const bitmap = await createImageBitmap(data.blob);
  if (data.job === 'assess') {
    const report = self.kycQuality.assessImage(bitmap, { subtype: SUBTYPE_OF_SHAPE[data.shape] });
    bitmap.close();
    postMessage({ report });
  } else if (data.job === 'time') {
    const start = performance.now();
    const report = self.kycQuality.assessImage(bitmap, { subtype: 'id-card' });
    const end = performance.now();
    const greyStart = performance.now();
    self.benchGreyCopy(bitmap);
    const greyMs = performance.now() - greyStart;
    bitmap.close();
    postMessage({ report, ms: end - start, greyMs, window: [performance.timeOrigin + start, performance.timeOrigin + end], width: bitmap.width });
  } else if (data.job === 'live') {
    const frame = new OffscreenCanvas(data.width, data.height);
    frame.getContext('2d').drawImage(bitmap, 0, 0, data.width, data.height);
    bitmap.close();
    const times = [];
    const start = performance.now();
    while (performance.now() - start < data.forMs) {
      const t = performance.now();
      self.kycQuality.assessImage(frame, { subtype: 'id-card' });
      times.push(performance.now() - t);
    }
    postMessage({ frames: times.length, ms: performance.now() - start, times });
  }
};`;

const PAGE = `<!doctype html><title>quality bench</title><script>
window.longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
</script>`;

export async function measureQuality({ browser, log }: { browser: Browser; log: (line: string) => void }): Promise<QualityResult> {
  const set = await qualitySet(log);
  const twelvePath = await twelveMegapixelCard();
  const code = await workerCode();
  const context = await browser.newContext();
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: PAGE });
    if (path === '/worker.js') return route.fulfill({ contentType: 'text/javascript', body: code });
    if (path === '/12mp.jpg') return route.fulfill({ contentType: 'image/jpeg', body: await readFile(twelvePath) });
    if (path.startsWith('/photos/')) return route.fulfill({ contentType: 'image/jpeg', body: await readFile(join(set.folder, decodeURIComponent(path.slice('/photos/'.length)))) });
    return route.fulfill({ status: 404 });
  });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  // The page fetches (through the route) and hands the worker a Blob; the worker decodes it.
  await page.evaluate(async () => {
    const code = await (await fetch('/worker.js')).text();
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    (window as unknown as { ask: (message: Record<string, unknown>) => Promise<unknown> }).ask = (message) =>
      new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => resolve(data);
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage(message);
      });
  });
  const ask = <T>(url: string, message: Record<string, unknown>) =>
    page.evaluate(async ({ url, message }) => {
      const blob = await (await fetch(url)).blob();
      return (window as unknown as { ask: (m: Record<string, unknown>) => Promise<unknown> }).ask({ ...message, blob });
    }, { url, message }) as Promise<T>;

  try {
    log(`  ${set.photos.length} labelled photos`);
    const outcomes: Array<{ photo: LabelledPhoto; found: QualityIssue[] }> = [];
    for (const photo of set.photos) {
      const { report } = await ask<{ report: QualityReport }>(`/photos/${encodeURIComponent(photo.file)}`, { job: 'assess', shape: photo.shape });
      outcomes.push({ photo, found: report.issues });
    }
    const score = (half: LabelledPhoto['half']) => scoreChecks(outcomes.filter((o) => o.photo.half === half).map((o) => ({ labelled: o.photo.issues, found: o.found })));
    const heldOut = score('held-out');
    for (const s of heldOut) log(`  held out: ${s.check.padEnd(10)} precision ${s.precision.toFixed(2)}, recall ${s.recall.toFixed(2)} (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`);

    log(`  12 MP, ${RUNS_12MP} runs`);
    const runs: Array<{ ms: number; greyMs: number; window: [number, number]; width: number }> = [];
    const cpuMs: number[] = [];
    const windows: Array<[number, number]> = [];
    for (let run = 0; run < RUNS_12MP; run += 1) {
      await waitForQuiet();
      const sampling = startCpuSampling();
      const pageStart = await page.evaluate(() => performance.now());
      const result = await ask<{ ms: number; greyMs: number; window: [number, number]; width: number }>('/12mp.jpg', { job: 'time' });
      const pageEnd = await page.evaluate(() => performance.now());
      const samples = sampling.stop();
      runs.push(result);
      cpuMs.push(cpuTimeIn(samples, result.window));
      windows.push([pageStart, pageEnd]);
    }
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: Array<{ start: number; duration: number }> }).longTasks);
    const longTaskMaxMs = Math.max(0, ...windows.map(([from, to]) => longTasks.filter((t) => t.start < to && t.start + t.duration > from).reduce((sum, t) => sum + t.duration, 0)));
    const twelve = {
      width: 4000, height: 3000,
      runsMs: runs.map((r) => r.ms), medianMs: median(runs.map((r) => r.ms)),
      cpuMs, medianCpuMs: median(cpuMs),
      greyCopyMedianMs: median(runs.map((r) => r.greyMs)),
      longTaskMaxMs,
    };
    log(`  12 MP: all checks ${twelve.medianMs.toFixed(1)} ms median (grey copy ${twelve.greyCopyMedianMs.toFixed(1)} ms), CPU ${twelve.medianCpuMs.toFixed(0)} ms, long tasks ${longTaskMaxMs} ms`);

    await waitForQuiet();
    const original = set.photos.find((p) => p.kind === 'original' && p.shape === 'card')!;
    const live = await ask<{ frames: number; ms: number; times: number[] }>(`/photos/${encodeURIComponent(original.file)}`, { job: 'live', forMs: LIVE_MS, ...LIVE_FRAME });
    const liveResult = { frames: live.frames, seconds: live.ms / 1000, framesPerSecond: live.frames / (live.ms / 1000), medianFrameMs: median(live.times) };
    log(`  live: ${liveResult.framesPerSecond.toFixed(0)} frames/s on ${LIVE_FRAME.width}×${LIVE_FRAME.height} (median ${liveResult.medianFrameMs.toFixed(1)} ms a frame)`);

    const mistakes = outcomes.filter((o) => o.photo.half === 'held-out' && o.found.join() !== o.photo.issues.join());
    return {
      photos: { tuning: set.photos.filter((p) => p.half === 'tuning').length, heldOut: set.photos.filter((p) => p.half === 'held-out').length },
      heldOut,
      tuning: score('tuning'),
      heldOutMistakes: mistakes.map((o) => ({ file: o.photo.file, labelled: o.photo.issues, found: o.found })),
      twelve,
      live: liveResult,
    };
  } finally {
    await context.close();
  }
}

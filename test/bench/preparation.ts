// Image preparation, ours against the bare baseline, on the same photo in the same bench run.
//
// Ours: the photo is chosen through the widget on the demo page and goes all the way to storage;
// the time is the pipeline's own User Timing measure `kyc-upload:prepare` (reading the header,
// starting the compressor worker, decode + encode attempts, result back on the page), so
// inspection, presign and the upload are not counted. The measure's detail says which JPEG
// quality the last encode used; the stored object, read back with sharp, says at what size.
// Baseline: baseline.ts with that quality and size, so both sides do the same final encode: the
// platform's decode for a JPEG, heic-to's for a HEIC.
// Long tasks: the page's PerformanceObserver('longtask') entries overlapping each window.
//
// For time, ours and the baseline share a fresh page (a fresh context) per run, the order
// alternating between runs so neither always runs on a page the other just used. For memory, each
// side gets a browser of its own per run, so one's leftovers never count against the other (their
// times are recorded too, but vary more: a fresh browser's first big encode is erratic).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Browser } from 'playwright';
import sharp from 'sharp';
import type { Demo } from '../../demo/server.js';
import { storedObject } from '../e2e/demo-page.js';
import { runBaseline, runHeicBaseline } from './baseline.js';
import { type DemoPage, launchOwnedChromium, longTaskTime, loadFileIntoPage, openDemoPage, pageTimeOrigin, readMeasures, uploadThroughWidget } from './browser.js';
import type { BenchFile } from './inputs.js';
import type { PhoneCpuCheck } from './phone-cpu.js';
import { type CpuSample, cpuTimeIn, startCpuSampling } from './cpu-time.js';
import { type MemoryUse, type RssSample, memoryUse, startSampling } from './memory.js';
import { type Busy, type Quiet, type QuietOptions, busyMeter, quietForSlowedBrowser, waitForQuiet } from './quiet.js';
import { median, sleep } from './stats.js';

/** How long the browser is watched at rest before the operation, for the idle memory level. */
const IDLE_MS = 500;

interface LongTasks {
  total: number;
  count: number;
  longest: number;
}

export interface OursRun {
  prepareMs: number;
  /** CPU time of all the browser's processes (and the idle servers) during the prepare measure(s). */
  prepareCpuMs: number;
  /** More than one when the signed policy was tighter than max-size and the image was fitted again. */
  prepareMeasures: number;
  quality: number;
  attempts: number;
  /** Decodes of the file behind those encodes (one for a HEIC, whatever the attempts). */
  decodes?: number;
  transformations: string[];
  size: number;
  width: number;
  height: number;
  longTasks: LongTasks;
  /** From `kyc-upload-select` to `kyc-upload-success`: inspection, presign and upload included. */
  wholeUploadMs: number;
  longTasksWholeUpload: LongTasks;
  memory?: MemoryUse;
  memoryWholeUpload?: MemoryUse;
  /** How long the bench waited for a quiet machine, and how busy all cores were during the upload. */
  quietBefore: Quiet;
  machineBusy: Busy;
}

export interface BaselineRun {
  durationMs: number;
  cpuMs: number;
  quality: number;
  size: number;
  width: number;
  height: number;
  longTasks: LongTasks;
  memory?: MemoryUse;
  quietBefore: Quiet;
  machineBusy: Busy;
}

export interface PreparationRun {
  run: number;
  order: 'ours first' | 'baseline first';
  ours: OursRun;
  baseline: BaselineRun;
  /** Whether the baseline encoded at the quality and size ours used in this very run. */
  sameEncode: boolean;
}

export interface PreparationResult {
  photo: { name: string; bytes: number; width: number; height: number };
  /** Absent in older results: 'bare'. */
  baseline?: BaselineKind;
  limit: number;
  memorySampled: boolean;
  runs: PreparationRun[];
  oursMedianMs: number;
  baselineMedianMs: number;
  ratio: number;
  /** CPU time beside wall time: what the work cost, whatever else the machine was doing. */
  oursMedianCpuMs: number;
  baselineMedianCpuMs: number;
  cpuRatio: number;
  /** Each thread of the browser had 1/`cpuSlowdown` of one core (phone-cpu.ts), and how much slower a loop measured in it. */
  phone?: { cpuSlowdown: number; measured: PhoneCpuCheck };
  /** The worst run, against a target of 0 ms. */
  oursLongTaskMaxMs: number;
  baselineLongTaskMaxMs: number;
  memory?: { oursMedianPeakAboveIdle: number; baselineMedianPeakAboveIdle: number; ratio: number };
}

interface EncodeTarget {
  quality: number;
  width: number;
  height: number;
}

const LIMIT = 4_500_000; // the element's default max-size, which the demo page keeps

/**
 * Runs one timed operation the same way for both sides: after the machine goes quiet, with the
 * other processes' CPU use metered and, when a browser PID is given, its memory sampled from an
 * idle stretch before the operation to its end.
 */
async function observed<T>(memoryRoot: number | undefined, quiet: QuietOptions, work: () => Promise<T>) {
  const quietBefore = await waitForQuiet(quiet);
  const sampler = memoryRoot === undefined ? undefined : startSampling(memoryRoot);
  const cpu = startCpuSampling();
  const idleFrom = performance.timeOrigin + performance.now();
  if (sampler) await sleep(IDLE_MS);
  const idle: [number, number] = [idleFrom, performance.timeOrigin + performance.now()];
  const meter = busyMeter();
  let samples: RssSample[] | undefined;
  let cpuSamples: CpuSample[];
  let result: T;
  try {
    result = await work();
  } finally {
    samples = sampler?.stop();
    cpuSamples = cpu.stop();
  }
  return { result, quietBefore, idle, samples, cpuSamples, machineBusy: meter.stop() };
}

async function oursOnce(demo: Demo, dp: DemoPage, photo: BenchFile, quiet: QuietOptions, memoryRoot?: number): Promise<OursRun> {
  const { result: outcome, quietBefore, idle, samples, cpuSamples, machineBusy } = await observed(memoryRoot, quiet, () => uploadThroughWidget(dp.page, photo));
  if (outcome.type !== 'kyc-upload-success') throw new Error(`our pipeline ended with ${outcome.type}: ${JSON.stringify(outcome.detail)}`);
  const measures = await readMeasures(dp.page, 'kyc-upload:prepare');
  const last = measures.at(-1);
  const encoding = (last?.detail as { encoding?: { quality: number; attempts: number; decodes?: number } } | undefined)?.encoding;
  if (!last || !encoding) throw new Error(`no kyc-upload:prepare measure with an encoding: ${JSON.stringify(measures)}`);
  const detail = last.detail as { transformations: string[]; size: number };

  let longTasks: LongTasks = { total: 0, count: 0, longest: 0 };
  for (const measure of measures) {
    const tasks = await longTaskTime(dp.page, measure.start, measure.start + measure.duration);
    longTasks = { total: longTasks.total + tasks.total, count: longTasks.count + tasks.count, longest: Math.max(longTasks.longest, tasks.longest) };
  }
  const stored = await storedObject(demo, String(outcome.detail.documentId));
  const { width, height } = await sharp(stored.bytes).metadata();
  if (stored.bytes.length !== detail.size) throw new Error(`stored ${stored.bytes.length} bytes, prepared ${detail.size}`);

  const origin = await pageTimeOrigin(dp.page);
  const run: OursRun = {
    prepareMs: measures.reduce((sum, m) => sum + m.duration, 0),
    prepareCpuMs: measures.reduce((sum, m) => sum + cpuTimeIn(cpuSamples, [origin + m.start, origin + m.start + m.duration]), 0),
    prepareMeasures: measures.length,
    quality: encoding.quality,
    attempts: encoding.attempts,
    ...(encoding.decodes === undefined ? {} : { decodes: encoding.decodes }),
    transformations: detail.transformations,
    size: detail.size,
    width: width!,
    height: height!,
    longTasks,
    wholeUploadMs: outcome.endedAt - outcome.selectedAt,
    longTasksWholeUpload: await longTaskTime(dp.page, outcome.selectedAt, outcome.endedAt),
    quietBefore,
    machineBusy,
  };
  if (samples) {
    const first = measures[0]!;
    run.memory = memoryUse(samples, idle, [origin + first.start, origin + last.start + last.duration]);
    run.memoryWholeUpload = memoryUse(samples, idle, [origin + outcome.selectedAt, origin + outcome.endedAt]);
  }
  return run;
}

/** heic-to's `csp` build as npm publishes it, for the HEIC baseline (read once). */
let heicTo: string | undefined;
const heicToSource = () => (heicTo ??= readFileSync(createRequire(import.meta.url).resolve('heic-to/csp'), 'utf8'));

async function baselineOnce(dp: DemoPage, photo: BenchFile, target: EncodeTarget, kind: BaselineKind, quiet: QuietOptions, memoryRoot?: number): Promise<BaselineRun> {
  await loadFileIntoPage(dp.page, photo);
  const encode = kind === 'heic-to' ? () => runHeicBaseline(dp.page, target, heicToSource()) : () => runBaseline(dp.page, target);
  const { result, quietBefore, idle, samples, cpuSamples, machineBusy } = await observed(memoryRoot, quiet, encode);
  const origin = await pageTimeOrigin(dp.page);
  const run: BaselineRun = {
    durationMs: result.duration,
    cpuMs: cpuTimeIn(cpuSamples, [origin + result.start, origin + result.end]),
    quality: target.quality,
    size: result.size,
    width: result.width,
    height: result.height,
    longTasks: await longTaskTime(dp.page, result.start, result.end),
    quietBefore,
    machineBusy,
  };
  if (samples) {
    run.memory = memoryUse(samples, idle, [origin + result.start, origin + result.end]);
  }
  return run;
}

/** 'bare': the platform's decode in a worker; 'heic-to': heic-to's decode (for a HEIC). */
export type BaselineKind = 'bare' | 'heic-to';

export interface PreparationOptions {
  demo: Demo;
  photo: BenchFile;
  /** 'bare' unless said. */
  baseline?: BaselineKind;
  runs: number;
  /** Shared browser for the runs; ignored when sampling memory (each side gets its own). */
  browser?: Browser;
  sampleMemory: boolean;
  label: string;
  /** `browser` is a phone browser (phone-cpu.ts): recorded with the result. */
  phone?: PreparationResult['phone'];
  log: (line: string) => void;
}

export async function comparePreparation(options: PreparationOptions): Promise<PreparationResult> {
  const { demo, photo, sampleMemory, label, log } = options;
  const kind = options.baseline ?? 'bare';
  const meta = await sharp(photo.path).metadata();
  const open = (browser: Browser) => openDemoPage(browser, demo.url, demo.storage.endpoint);
  const quiet = options.phone ? quietForSlowedBrowser(options.phone.cpuSlowdown, availableParallelism()) : {};

  /** Runs `work` on a page: the shared browser's, or a fresh browser whose memory is sampled. */
  async function onPage<T>(shared: DemoPage | undefined, work: (dp: DemoPage, memoryRoot?: number) => Promise<T>): Promise<T> {
    if (shared) return work(shared);
    const owned = await launchOwnedChromium();
    try {
      const dp = await open(owned.browser);
      const result = await work(dp, owned.pid);
      await dp.close();
      return result;
    } finally {
      await owned.close();
    }
  }

  const runs: PreparationRun[] = [];
  let known: EncodeTarget | undefined;
  for (let i = 0; i < options.runs; i++) {
    // The first run must be ours: the baseline needs the quality and size ours chose.
    const oursFirst = i % 2 === 0 || !known;
    let shared: DemoPage | undefined;
    if (!sampleMemory) {
      if (!options.browser) throw new Error('comparePreparation needs a browser when memory is not sampled');
      shared = await open(options.browser);
    }
    let ours: OursRun;
    let baseline: BaselineRun;
    if (oursFirst) {
      ours = await onPage(shared, (dp, root) => oursOnce(demo, dp, photo, quiet, root));
      known = { quality: ours.quality, width: ours.width, height: ours.height };
      baseline = await onPage(shared, (dp, root) => baselineOnce(dp, photo, known!, kind, quiet, root));
    } else {
      baseline = await onPage(shared, (dp, root) => baselineOnce(dp, photo, known!, kind, quiet, root));
      ours = await onPage(shared, (dp, root) => oursOnce(demo, dp, photo, quiet, root));
    }
    await shared?.close();
    const sameEncode = ours.quality === baseline.quality && ours.width === baseline.width && ours.height === baseline.height;
    known = { quality: ours.quality, width: ours.width, height: ours.height };
    runs.push({ run: i + 1, order: oursFirst ? 'ours first' : 'baseline first', ours, baseline, sameEncode });
    const memory = ours.memory && baseline.memory
      ? `, memory +${mib(ours.memory.peakAboveIdle)} / +${mib(baseline.memory.peakAboveIdle)} MiB`
      : '';
    const busy = `other processes ${percent(ours.machineBusy.others)} / ${percent(baseline.machineBusy.others)} of the CPUs`;
    const mismatch = sameEncode ? '' : ` (NOT the same encode: baseline q ${baseline.quality.toFixed(3)} ${baseline.width}×${baseline.height})`;
    const decodes = ours.decodes === undefined ? '' : ` of ${ours.decodes} decode${ours.decodes > 1 ? 's' : ''}`;
    log(`  ${label} run ${i + 1}/${options.runs}: ours ${Math.round(ours.prepareMs)} ms, CPU ${Math.round(ours.prepareCpuMs)} ms (q ${ours.quality.toFixed(3)}, ${ours.attempts} encode${ours.attempts > 1 ? 's' : ''}${decodes}, ${ours.width}×${ours.height}), baseline ${Math.round(baseline.durationMs)} ms, CPU ${Math.round(baseline.cpuMs)} ms${mismatch}${memory}; ${busy}`);
  }

  const oursMedianMs = median(runs.map((r) => r.ours.prepareMs));
  const baselineMedianMs = median(runs.map((r) => r.baseline.durationMs));
  const oursMedianCpuMs = median(runs.map((r) => r.ours.prepareCpuMs));
  const baselineMedianCpuMs = median(runs.map((r) => r.baseline.cpuMs));
  const result: PreparationResult = {
    photo: { name: photo.name, bytes: photo.size, width: meta.width!, height: meta.height! },
    baseline: kind,
    limit: LIMIT,
    memorySampled: sampleMemory,
    runs,
    oursMedianMs,
    baselineMedianMs,
    ratio: oursMedianMs / baselineMedianMs,
    oursMedianCpuMs,
    baselineMedianCpuMs,
    cpuRatio: oursMedianCpuMs / baselineMedianCpuMs,
    ...(options.phone ? { phone: options.phone } : {}),
    oursLongTaskMaxMs: Math.max(...runs.map((r) => r.ours.longTasks.total)),
    baselineLongTaskMaxMs: Math.max(...runs.map((r) => r.baseline.longTasks.total)),
  };
  if (sampleMemory) {
    const ours = median(runs.map((r) => r.ours.memory!.peakAboveIdle));
    const baseline = median(runs.map((r) => r.baseline.memory!.peakAboveIdle));
    result.memory = { oursMedianPeakAboveIdle: ours, baselineMedianPeakAboveIdle: baseline, ratio: ours / baseline };
  }
  return result;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

// `npm run bench:one -- <row> [runs]`: one comparison of `npm run bench` alone, to check a change to
// a path without the whole bench: `12mp`, `48mp`, `heic`, `phone` (the 12 MP photo in a browser
// whose every thread has a quarter of one core), `phone-one-core` (the whole browser on a quarter
// of one core, which the bench does not run), `12mp-memory` or `48mp-memory` (peak memory above idle; 3 runs unless
// told), or `pdf` (the 4 MB PDF end to end on loopback, 9 runs unless told). Prints the figures;
// writes nothing (results.json and the README's tables come from the whole bench).
//
// `npm run bench:one -- quality` runs the quality checks' rows alone and does write them: they
// share no page, build or input with the other rows, so results.json keeps the other rows' numbers
// and gets these, and the README's tables are rendered again from it.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright';
import { type Demo, startDemo } from '../../demo/server.js';
import { checkLongTaskProbe, launchChromium } from './browser.js';
import { build, runBench } from './harness.js';
import { compareEndToEnd } from './end-to-end.js';
import { type BenchFile, PDF_BYTES, largeHeic, largePhoto, paddedPdf } from './inputs.js';
import { comparePreparation } from './preparation.js';
import { machineFacts } from './machine.js';
import { PHONE_SLOWDOWN, checkPhoneCpu, launchPhoneBrowser } from './phone-cpu.js';
import { QUALITY_METHOD, measureQuality } from './quality.js';
import { RESULTS_JSON, writeReadmeBenchTable } from './readme-table.js';
import { qualityRows } from './table.js';

const log = (line: string) => console.log(line);

interface Row {
  label: string;
  input: () => Promise<BenchFile>;
  heic?: boolean;
  phone?: boolean;
  /** On the phone's CPU, the whole browser on one quarter of one core rather than each thread. */
  oneCore?: boolean;
  /** Peak memory above idle instead of time: a fresh browser per side and run, as the bench's 48 MP memory row. */
  memory?: boolean;
}

const ROWS: Record<string, Row> = {
  '12mp': { label: '12 MP', input: () => largePhoto() },
  '48mp': { label: '48 MP', input: () => largePhoto({ width: 8000, height: 6000 }) },
  '12mp-memory': { label: '12 MP memory', input: () => largePhoto(), memory: true },
  '48mp-memory': { label: '48 MP memory', input: () => largePhoto({ width: 8000, height: 6000 }), memory: true },
  heic: { label: '12 MP HEIC', input: () => largeHeic(), heic: true },
  phone: { label: '12 MP, phone CPU', input: () => largePhoto(), phone: true },
  'phone-one-core': { label: '12 MP, one slow core', input: () => largePhoto(), phone: true, oneCore: true },
};

async function qualityOnly(): Promise<void> {
  const browser = await launchChromium();
  try {
    // Measured alone, at another time and commit than the rest of results.json: it says so.
    const quality = { ...(await measureQuality({ browser, log })), machine: machineFacts(browser.version()) };
    const recorded = JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as { method: Record<string, string> };
    writeFileSync(RESULTS_JSON, `${JSON.stringify({ ...recorded, method: { ...recorded.method, quality: QUALITY_METHOD }, quality }, null, 2)}\n`);
    const readme = writeReadmeBenchTable();
    for (const row of qualityRows(quality)) log(`${row.metric}: ${row.ours} (target ${row.target}${row.pass === undefined ? '' : row.pass ? ', pass' : ', FAIL'})`);
    log(`results.json: quality rows written; README.md's tables ${readme ? 'rewritten' : 'unchanged'}`);
  } finally {
    await browser.close();
  }
}

function positiveInteger(count: string): number {
  const runs = Number(count);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs: a positive integer, not ${count}`);
  return runs;
}

async function pdfOnly(runs: number): Promise<void> {
  build(log);
  const pdf = await paddedPdf(PDF_BYTES);
  const demo = await startDemo({ port: 0, env: {} });
  const browser = await launchChromium();
  try {
    const result = await compareEndToEnd({ demo, browser, file: pdf, runs, log });
    log(`\nPDF ${pdf.size} B on loopback: ours ${Math.round(result.oursMedianMs)} ms, raw ${Math.round(result.rawMedianMs)} ms: ${result.ratio.toFixed(2)}×`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

async function main(): Promise<void> {
  const [name = '', count = '3'] = process.argv.slice(2);
  if (name === 'quality') return qualityOnly();
  if (name === 'pdf') return pdfOnly(positiveInteger(process.argv[3] ?? '9'));
  const row = ROWS[name];
  if (!row) throw new Error(`which row: ${[...Object.keys(ROWS), 'pdf', 'quality'].join(', ')}, not ${name || 'nothing'}`);
  const runs = positiveInteger(count);
  build(log);
  const photo = await row.input();
  log(`input: ${photo.name} ${photo.size} B (cached in the OS temp folder)`);
  const demo = await startDemo({ port: 0, env: {} });
  try {
    const browser = await launchChromium();
    try {
      await measureRow(row, runs, photo, demo, browser);
    } finally {
      await browser.close();
    }
  } finally {
    await demo.close();
  }
}

/** One row's comparison; for the phone rows, in a browser on quarter-core quotas, closed after. */
async function measureRow(row: Row, runs: number, photo: BenchFile, demo: Demo, browser: Browser): Promise<void> {
  const phone = row.phone ? await launchPhoneBrowser(PHONE_SLOWDOWN, { oneCore: row.oneCore ?? false }) : undefined;
  if (phone && 'unavailable' in phone) throw new Error(`no phone's CPU here: ${phone.unavailable}`);
  try {
    const measuring = phone?.browser ?? browser;
    await checkLongTaskProbe(measuring, demo.url, demo.storage.endpoint);
    const measured = phone ? await checkPhoneCpu(browser, phone.browser, PHONE_SLOWDOWN, { oneCore: row.oneCore ?? false }) : undefined;
    if (measured) log(`a fixed loop runs ${measured.worker.toFixed(1)}× slower in a worker, ${measured.main.toFixed(1)}× on the main thread, ${measured.together.toFixed(2)}× as long in both at once`);
    const result = await comparePreparation({
      demo, browser: measuring, photo, ...(row.heic ? { baseline: 'heic-to' as const } : {}), runs, sampleMemory: row.memory ?? false, label: row.label, log,
      ...(measured ? { phone: { cpuSlowdown: PHONE_SLOWDOWN, measured } } : {}),
    });
    const ms = (value: number) => `${Math.round(value)} ms`;
    const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
    if (result.memory) log(`\n${row.label}: peak above idle, ours ${mib(result.memory.oursMedianPeakAboveIdle)}, baseline ${mib(result.memory.baselineMedianPeakAboveIdle)}: ${result.memory.ratio.toFixed(2)}×`);
    else log(`\n${row.label}: ours ${ms(result.oursMedianMs)}, baseline ${ms(result.baselineMedianMs)}: ${result.ratio.toFixed(2)}×; CPU ${ms(result.oursMedianCpuMs)} vs ${ms(result.baselineMedianCpuMs)}: ${result.cpuRatio.toFixed(2)}×; long tasks ${ms(result.oursLongTaskMaxMs)} (worst run)`);
  } finally {
    await phone?.close();
  }
}

runBench(main);

// `npm run bench:one -- <row> [runs]`: one preparation comparison of `npm run bench` alone, to check
// a change to a path without the whole bench: `12mp`, `48mp`, `heic` (3 runs unless told). Prints
// the figures; writes nothing (results.json and the README's tables come from the whole bench).
//
// `npm run bench:one -- quality` runs the quality checks' rows alone and does write them: they
// share no page, build or input with the other rows, so results.json keeps the other rows' numbers
// and gets these, and the README's tables are rendered again from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { startDemo } from '../../demo/server.js';
import { checkLongTaskProbe, launchChromium } from './browser.js';
import { build, runBench } from './harness.js';
import { type BenchFile, largeHeic, largePhoto } from './inputs.js';
import { comparePreparation } from './preparation.js';
import { machineFacts } from './machine.js';
import { QUALITY_METHOD, measureQuality } from './quality.js';
import { RESULTS_JSON, writeReadmeBenchTable } from './readme-table.js';
import { qualityRows } from './table.js';

const log = (line: string) => console.log(line);

const ROWS: Record<string, { label: string; input: () => Promise<BenchFile>; heic?: boolean }> = {
  '12mp': { label: '12 MP', input: () => largePhoto() },
  '48mp': { label: '48 MP', input: () => largePhoto({ width: 8000, height: 6000 }) },
  heic: { label: '12 MP HEIC', input: () => largeHeic(), heic: true },
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

async function main(): Promise<void> {
  const [name = '', count = '3'] = process.argv.slice(2);
  if (name === 'quality') return qualityOnly();
  const row = ROWS[name];
  if (!row) throw new Error(`which row: ${[...Object.keys(ROWS), 'quality'].join(', ')}, not ${name || 'nothing'}`);
  const runs = Number(count);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs: a positive integer, not ${count}`);
  build(log);
  const photo = await row.input();
  log(`input: ${photo.name} ${photo.size} B (cached in the OS temp folder)`);
  const demo = await startDemo({ port: 0, env: {} });
  const browser = await launchChromium();
  try {
    await checkLongTaskProbe(browser, demo.url, demo.storage.endpoint);
    const result = await comparePreparation({ demo, browser, photo, ...(row.heic ? { baseline: 'heic-to' as const } : {}), runs, sampleMemory: false, label: row.label, log });
    const ms = (value: number) => `${Math.round(value)} ms`;
    log(`\n${row.label}: ours ${ms(result.oursMedianMs)}, baseline ${ms(result.baselineMedianMs)}: ${result.ratio.toFixed(2)}×; CPU ${ms(result.oursMedianCpuMs)} vs ${ms(result.baselineMedianCpuMs)}: ${result.cpuRatio.toFixed(2)}×; long tasks ${ms(result.oursLongTaskMaxMs)} (worst run)`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

runBench(main);

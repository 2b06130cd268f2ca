// `npm run bench:one -- <row> [runs]`: one preparation comparison of `npm run bench` alone, to check
// a change to a path without the whole bench: `12mp`, `48mp`, `heic` (3 runs unless told). Prints
// the figures; writes nothing (results.json and the README's tables come from the whole bench).
import { startDemo } from '../../demo/server.js';
import { checkLongTaskProbe, launchChromium } from './browser.js';
import { build, runBench } from './harness.js';
import { type BenchFile, largeHeic, largePhoto } from './inputs.js';
import { comparePreparation } from './preparation.js';

const log = (line: string) => console.log(line);

const ROWS: Record<string, { label: string; input: () => Promise<BenchFile>; heic?: boolean }> = {
  '12mp': { label: '12 MP', input: () => largePhoto() },
  '48mp': { label: '48 MP', input: () => largePhoto({ width: 8000, height: 6000 }) },
  heic: { label: '12 MP HEIC', input: () => largeHeic(), heic: true },
};

async function main(): Promise<void> {
  const [name = '', count = '3'] = process.argv.slice(2);
  const row = ROWS[name];
  if (!row) throw new Error(`which row: ${Object.keys(ROWS).join(', ')}, not ${name || 'nothing'}`);
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

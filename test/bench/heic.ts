// `npm run bench:heic [-- runs]`: the HEIC row of `npm run bench` alone (3 runs unless told), to
// check the HEIC path without the whole bench. Prints the rows; writes nothing (results.json and
// the README's table come from the whole bench only).
import { startDemo } from '../../demo/server.js';
import { checkLongTaskProbe, launchChromium } from './browser.js';
import { build, runBench } from './harness.js';
import { largeHeic } from './inputs.js';
import { comparePreparation } from './preparation.js';
import { heicRows } from './table.js';

const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs: a positive integer, not ${process.argv[2]}`);
  build(log);
  const photo = await largeHeic();
  log(`input: ${photo.name} ${photo.size} B (cached in the OS temp folder)`);
  const demo = await startDemo({ port: 0, env: {} });
  const browser = await launchChromium();
  try {
    await checkLongTaskProbe(browser, demo.url, demo.storage.endpoint);
    const result = await comparePreparation({ demo, browser, photo, baseline: 'heic-to', runs, sampleMemory: false, label: '12 MP HEIC', log });
    log('');
    for (const row of heicRows(result)) log(`${row.metric}: ours ${row.ours}, heic-to ${row.baseline}, ratio ${row.ratio}, target ${row.target}: ${row.pass ? 'pass' : 'FAIL'}`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

runBench(main);

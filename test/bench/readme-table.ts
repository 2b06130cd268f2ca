// The README's performance tables, rendered from test/bench/results.json: the rows of table.ts
// (the one definition of each metric and its target) over the raw numbers of the JSON, and a
// footnote from the machine it recorded. Written between the markers below in README.md by
// `npm run bench` once the JSON is written; `npx tsx test/bench/readme-table.ts` writes them again
// from the JSON at hand (after a change to table.ts). test/package/bench-table.test.ts fails when
// the README's copy differs, so the table is never edited by hand nor left stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readmeBlock, withReadmeBlock } from '../support/readme-block.js';
import type { MachineFacts } from './machine.js';
import { type BenchResults, markdownTables, summaryRows } from './table.js';

export const TABLE_START = '<!-- bench-table:start -->';
export const TABLE_END = '<!-- bench-table:end -->';

export const RESULTS_JSON = new URL('./results.json', import.meta.url);
export const README = new URL('../../README.md', import.meta.url);

/** What results.json holds besides the raw results. Older runs may lack the optional facts. */
export interface RecordedBench extends BenchResults {
  machine: Pick<MachineFacts, 'date' | 'chromium' | 'node' | 'cpus'> & Partial<Pick<MachineFacts, 'cpuModel' | 'commit' | 'dirty'>>;
  /** Timed operations that ran while other processes were busy: see run.ts. */
  contention?: { runs: number; of: number; threshold: number };
}

/** Where and when the numbers were taken; the CPU model only when the run recorded one. */
export function benchFootnote({ machine, contention }: Pick<RecordedBench, 'machine' | 'contention'>): string {
  const cpuModel = machine.cpuModel && machine.cpuModel !== 'unknown' ? ` (${machine.cpuModel})` : '';
  const commit = machine.commit ? `, commit ${machine.commit}${machine.dirty ? ' with local changes' : ''}` : '';
  const busy = contention?.runs
    ? ` ${contention.runs} of ${contention.of} timed operations ran while other processes used more than ${contention.threshold * 100} % of the CPUs.`
    : '';
  return `Measured by \`npm run bench\` on ${machine.date.slice(0, 10)}: Chromium ${machine.chromium} headless, Node ${machine.node}, ${machine.cpus} CPUs${cpuModel}${commit}.${busy}`;
}

/** The Markdown that goes between the markers: the summary, the files, the footnote. */
export function renderBenchTable(recorded: RecordedBench): string {
  return markdownTables(summaryRows(recorded), recorded.sizes, benchFootnote(recorded));
}

export function readRecordedBench(url: URL = RESULTS_JSON): RecordedBench {
  return JSON.parse(readFileSync(url, 'utf8')) as RecordedBench;
}

const BLOCK = 'bench-table';

/** The README's current table (between the markers), or an error saying what is wrong with them. */
export const readmeBenchTable = (readme: string): string => readmeBlock(readme, BLOCK);

/** `readme` with `table` between the markers; the rest untouched. */
export const withBenchTable = (readme: string, table: string): string => withReadmeBlock(readme, BLOCK, table);

/** Renders results.json into README.md; true when the README changed. */
export function writeReadmeBenchTable(results: URL = RESULTS_JSON, readme: URL = README): boolean {
  const before = readFileSync(readme, 'utf8');
  const after = withBenchTable(before, renderBenchTable(readRecordedBench(results)));
  if (after === before) return false;
  writeFileSync(readme, after);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(writeReadmeBenchTable() ? 'README.md: bench table rewritten from test/bench/results.json' : 'README.md: bench table already matches test/bench/results.json');
}

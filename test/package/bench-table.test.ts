// The README's performance tables are what test/bench/results.json renders to, through the rows
// of test/bench/table.ts: a hand edit, a table left from an older run, or a row definition changed
// without writing the README again fails here. To write it again from the JSON at hand:
// `npx tsx test/bench/readme-table.ts` (`npm run bench` does it after each run).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  README,
  TABLE_END,
  TABLE_START,
  benchFootnote,
  readRecordedBench,
  readmeBenchTable,
  renderBenchTable,
  withBenchTable,
} from '../bench/readme-table.js';

const readme = readFileSync(README, 'utf8');
const recorded = readRecordedBench();

describe('README performance tables', () => {
  it('are what test/bench/results.json renders to (else: npx tsx test/bench/readme-table.ts)', () => {
    assert.equal(readmeBenchTable(readme), renderBenchTable(recorded));
  });

  it('name the CPU model only when the run recorded one', () => {
    const { cpuModel: _dropped, ...withoutModel } = recorded.machine;
    assert.ok(recorded.machine.cpuModel, 'results.json records the CPU model');
    assert.ok(benchFootnote(recorded).includes(`CPUs (${recorded.machine.cpuModel})`));
    const footnote = benchFootnote({ machine: withoutModel });
    assert.match(footnote, new RegExp(`${recorded.machine.cpus} CPUs[,.]`));
    assert.doesNotMatch(footnote, /undefined|\(\)/);
  });

  it('are rewritten between the markers only, and refused without them', () => {
    const page = `# Title\n\nbefore\n\n${TABLE_START}\nold\n${TABLE_END}\n\nafter\n`;
    assert.equal(withBenchTable(page, 'new\n'), `# Title\n\nbefore\n\n${TABLE_START}\nnew\n${TABLE_END}\n\nafter\n`);
    assert.throws(() => withBenchTable('# no markers\n', 'new\n'), /no <!-- bench-table:start -->/);
    assert.throws(() => readmeBenchTable(`${page}${TABLE_START}\n`), /twice/);
  });
});

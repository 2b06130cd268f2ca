// The quick loop (`npm run test:unit`) loads its test files a few pages at a time instead of one page
// per file: a page costs Chromium about 2 s before its first test (a fresh browser context fetching
// and compiling the test libraries again), more than most files' tests take. Each group is one
// generated entry that imports its files; mocha runs them in order in one page, as it would one file.
// The full run (`npm test`, CI) keeps one page per file, so a test leaking state into the next
// file still fails there.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TEST_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Dot-named, so neither git (see .gitignore) nor the TypeScript projects pick it up. */
const ENTRY_DIR = '.quick';

/** The quick files: core and element tests but those slow by design (`*.slow.test.ts`). */
export const QUICK_DIRS = ['core', 'element'];
const isQuick = (name) => name.endsWith('.test.ts') && !name.endsWith('.slow.test.ts');

/**
 * Writes `groups` entry files (paths relative to the project) balancing the files' sizes, the
 * best cheap guess of their running time: longest first, each to the lightest group so far.
 */
export function writeQuickEntries(groups) {
  const files = QUICK_DIRS.flatMap((dir) =>
    readdirSync(`${TEST_ROOT}${dir}`).filter(isQuick).map((name) => ({ path: `${dir}/${name}`, size: statSync(`${TEST_ROOT}${dir}/${name}`).size })),
  ).sort((a, b) => b.size - a.size);
  const buckets = Array.from({ length: Math.min(groups, files.length) }, () => ({ size: 0, paths: [] }));
  for (const file of files) {
    const lightest = buckets.reduce((min, bucket) => (bucket.size < min.size ? bucket : min));
    lightest.size += file.size;
    lightest.paths.push(file.path);
  }
  rmSync(`${TEST_ROOT}${ENTRY_DIR}`, { recursive: true, force: true });
  mkdirSync(`${TEST_ROOT}${ENTRY_DIR}`);
  return buckets.map((bucket, index) => {
    const entry = `${ENTRY_DIR}/group-${index + 1}.test.ts`;
    const imports = bucket.paths.sort().map((path) => `import '../${path}';`);
    writeFileSync(`${TEST_ROOT}${entry}`, `// Written by test/runner/quick-entries.mjs for one run of test:unit.\n${imports.join('\n')}\n`);
    return `test/${entry}`;
  });
}

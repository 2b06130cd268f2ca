// `npm test`: typecheck, build (the e2e tests load the built script-tag bundle), browser tests in
// Chromium, Firefox and WebKit, story rendering, node and end-to-end tests; then one closing line `N passed, N failed` for the whole run.
//
// `node test/run.mjs <layer>…` runs some layers only, each with just what it needs first (the
// `test:*` scripts): `unit` (core and element in Chromium, without `*.slow.test.ts`), `browsers` (the same in all three
// engines), `package`, `server`, `stories`, `e2e`. No layer named: all of them, as CI runs.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { ensureDependencies } from './support/ensure-dependencies.mjs';
import { startThrowawayPostgres } from './support/throwaway-postgres.mjs';
import { writeQuickEntries } from './runner/quick-entries.mjs';

/**
 * Pages of the quick loop, one per core. Measured on 2 cores: one page per file took 79 s; two
 * groups 27 s, three 32 s, four 38 s (a page costs more than the imbalance it evens out).
 */
const QUICK_GROUPS = 2;

ensureDependencies();

const testFiles = (dir) =>
  readdirSync(new URL(`./${dir}/`, import.meta.url)).filter((f) => f.endsWith('.test.ts')).map((f) => `test/${dir}/${f}`);

/** Runs a command with its output passed through, and returns that output for counting. */
function run(label, command, args, env = process.env) {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    // A missing command (xvfb-run on a machine set up by hand) fails its suite, with the reason.
    child.on('error', (error) => {
      console.error(`${label}: ${error.message} (.ci/run lists what to install)`);
      resolve({ code: 1, output });
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

const bin = (name) => `node_modules/.bin/${name}`;
let passed = 0;
let failed = 0;
const count = (output, passPattern, failPattern) => {
  const last = (pattern) => [...output.matchAll(pattern)].map((m) => Number(m[1])).at(-1) ?? 0;
  return [last(passPattern), last(failPattern)];
};

const LAYERS = ['unit', 'browsers', 'package', 'server', 'stories', 'e2e'];
const asked = process.argv.slice(2);
const unknown = asked.filter((layer) => !LAYERS.includes(layer));
if (unknown.length) {
  console.error(`unknown layer ${unknown.join(', ')}; the layers are ${LAYERS.join(', ')}`);
  process.exit(2);
}
// All layers but `unit`, which `browsers` contains.
const layers = new Set(asked.length ? asked : LAYERS.filter((layer) => layer !== 'unit'));
const needs = (...names) => names.some((name) => layers.has(name));

// Prerequisites, each only for the layers that need it: a type error or a broken build fails the
// run before any test. The browser tests compile the sources themselves.
const prerequisites = [
  ['typecheck (browser)', [bin('tsc'), '-p', 'tsconfig.json'], needs('browsers', 'package', 'stories', 'e2e')],
  ['typecheck (node)', [bin('tsc'), '-p', 'tsconfig.node.json'], needs('package', 'server', 'e2e')],
  ['build', ['npm', 'run', '--silent', 'build'], needs('package', 'e2e')],
  ['build storybook', ['npm', 'run', '--silent', 'build-storybook'], needs('stories')],
];
for (const [label, args] of prerequisites.filter(([, , needed]) => needed)) {
  const [command, ...rest] = args;
  const { code } = await run(label, command, rest);
  if (code !== 0) {
    console.log(`\n${label} failed`);
    console.log(`0 passed, 1 failed`);
    process.exit(1);
  }
}

// Every database test runs on the embedded SQLite and on PostgreSQL: a throwaway cluster for this
// run. Without one the PostgreSQL half cannot run, and the run says so and fails.
let postgres;
if (needs('server', 'e2e')) {
  try {
    postgres = await startThrowawayPostgres();
    console.log(`\n── PostgreSQL for this run: ${postgres.url}`);
  } catch (error) {
    console.error(`\n!! PostgreSQL could not be started: ${error.message}\n!! The PostgreSQL half of the server and end-to-end tests will NOT run, and this run fails.`);
    failed += 1;
  }
}
process.on('exit', () => postgres?.stop());
// Stopped by a signal (Ctrl-C, a CI timeout), the run takes its cluster down with it too.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
const withDatabase = postgres ? { ...process.env, KYC_TEST_DATABASE_URL: postgres.url } : process.env;

const wtrCounts = [/wtr: (\d+) passed/g, /wtr: \d+ passed, (\d+) failed/g];
const inBrowser = (name) => ({ ...process.env, KYC_TEST_BROWSER: name });
const chromium = ['browser tests (core, element) in Chromium', bin('wtr'), [], ...wtrCounts, inBrowser('chromium')];
// The quick loop leaves out the files slow by design (`*.slow.test.ts`: whole hostile corpora,
// megabytes of crafted bytes, HEIC decodes, the HEIC opt-out build), which `browsers` and CI run,
// and runs the rest a few files to a page (see quick-entries.mjs).
const quickChromium = () => [
  'quick browser tests (core, element) in Chromium, a few files to a page',
  bin('wtr'),
  ['--concurrency', String(QUICK_GROUPS), '--files', ...writeQuickEntries(QUICK_GROUPS)],
  ...wtrCounts,
  inBrowser('chromium'),
];
const suites = [
  ...(layers.has('unit') && !layers.has('browsers') ? [quickChromium()] : []),
  ...(layers.has('browsers')
    ? [
        chromium,
        ['browser tests (core, element) in Firefox ESR', bin('wtr'), [], ...wtrCounts, inBrowser('firefox')],
        // MiniBrowser (WebKitGTK) has no headless mode: it gets a virtual display of its own.
        ['browser tests (core, element) in WebKitGTK', 'xvfb-run', ['-a', bin('wtr')], ...wtrCounts, inBrowser('webkit')],
      ]
    : []),
  ...(layers.has('package') ? [['package checks (publint, attw, manifest, size budget)', 'node', ['--import', 'tsx', '--test', ...testFiles('package')], /^# pass (\d+)/gm, /^# fail (\d+)/gm]] : []),
  ...(layers.has('server') ? [['server tests', 'node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('server')], /^# pass (\d+)/gm, /^# fail (\d+)/gm, withDatabase]] : []),
  ...(layers.has('stories')
    ? [['stories (render, play, axe, screenshots vs baselines in Chromium)', 'node', ['test/runner/story-tests.mjs', 'storybook-static'], /storybook: (\d+) passed/g, /storybook: \d+ passed, (\d+) failed/g]]
    : []),
  // A hang fails instead of holding up the run. Node's runner gives each test FILE this budget (a
  // file runs as one test in its own process), so it is sized for the longest file on a loaded
  // 2-core machine, not for one test.
  ...(layers.has('e2e')
    ? [['end-to-end tests', 'node', ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=300000', ...testFiles('e2e')], /^# pass (\d+)/gm, /^# fail (\d+)/gm, withDatabase]]
    : []),
];
for (const [label, command, args, passPattern, failPattern, env] of suites) {
  const { code, output } = await run(label, command, args, env);
  const [p, f] = count(output, passPattern, failPattern);
  passed += p;
  // A runner that died without counting a failure still failed.
  failed += f || (code !== 0 ? 1 : 0);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// Story tests: every story of a built storybook-static, in headless Debian Chromium, checked three ways.
//
//   node test/runner/story-tests.mjs [storybook-static] [--build] [--update-baselines] [--only=<part of a story id>] [--workers=N]
//
// --build runs `storybook build` into that folder first, so the baselines update is one command:
//   node test/runner/story-tests.mjs --build --update-baselines
//
// 1. render: the story renders and its play function passes (no exception, no page error, no
//    request leaving 127.0.0.1: the stories use stub uploaders and need no backend);
// 2. a11y: axe-core (node_modules/axe-core, the engine of @storybook/addon-a11y) on #storybook-root with
//    the story's own `a11y` parameters (preview.ts: WCAG 2.0/2.1 A and AA plus best practices), zero
//    violations; the addon's own run, reported when the story finishes, must be clean too;
// 3. visual: a screenshot of #storybook-root (640 px wide, reduced motion, animations stopped, caret
//    hidden, fonts loaded, two frames) against test/stories/baselines/<story id>.png: more than 0.1 %
//    of pixels off by more than a few levels fails, and the actual image, the baseline and a diff land
//    in test-results/stories/. A missing baseline fails; --update-baselines (re)writes the baselines
//    that differ, creates the missing ones and removes those of stories that no longer exist.
//
// A story's `parameters.storyTests.page` screenshots the whole viewport instead, for a modal dialog.
// A story's `parameters.storyTests.mask` lists selectors (Playwright's, through shadow roots) of parts
// the browser animates by itself, such as an indeterminate <progress>: masked in the screenshot.
// Tags read from index.json: `prefers-dark` emulates prefers-color-scheme: dark, `forced-colors`
// emulates forced-colors: active. One line per story, then `storybook: N passed, N failed`.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { launchChromium } from './chromium.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const flagValue = (name) => flag(name)?.split('=').slice(1).join('=');
const update = Boolean(flag('update-baselines'));
const only = flagValue('only');
const workers = Math.max(1, Number(flagValue('workers')) || Math.min(3, os.availableParallelism()));
const root = path.resolve(argv.find((a) => !a.startsWith('--')) ?? path.join(repo, 'storybook-static'));
const baselineDir = path.join(repo, 'test/stories/baselines');
const outDir = path.join(repo, 'test-results/stories');
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const VIEWPORT = { width: 640, height: 480 };
const STORY_TIMEOUT_MS = 15_000;
/** A pixel differs when one of its channels moved by more than this (of 255): below is noise. */
const CHANNEL_THRESHOLD = 8;
/** A story fails when more than this share of its pixels differ. */
const MAX_DIFF_RATIO = 0.001;
/** What the a11y addon runs by default in preview.ts, if a story's parameters cannot be read. */
const DEFAULT_A11Y = { options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }, config: {} };

if (flag('build')) {
  const build = spawnSync(path.join(repo, 'node_modules/.bin/storybook'), ['build', '--quiet', '-o', root], {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  if (build.status !== 0) {
    console.error('storybook build failed');
    console.log('storybook: 0 passed, 1 failed');
    process.exit(1);
  }
}
if (!fs.existsSync(path.join(root, 'index.json'))) {
  console.error(`${root}/index.json not found: run npm run build-storybook first`);
  console.log('storybook: 0 passed, 1 failed');
  process.exit(1);
}
fs.mkdirSync(baselineDir, { recursive: true });
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

// ── static server for storybook-static ──
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png' };
const server = http.createServer((req, res) => {
  const p = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!p.startsWith(root) || !fs.existsSync(p) || fs.statSync(p).isDirectory()) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { 'content-type': types[path.extname(p)] || 'application/octet-stream', 'cache-control': 'max-age=600' });
  fs.createReadStream(p).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(fs.readFileSync(path.join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && (!only || e.id.includes(only)));

// Runs in the story's page before Storybook: collects what its channel says about the render.
function listenToStorybook() {
  const errors = [];
  window.__storyTest = { errors };
  window.__storyTest.finished = new Promise((resolve) => {
    const hook = () => {
      const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
      if (!channel) return setTimeout(hook, 5);
      const message = (e) => e?.message ?? e?.description ?? String(e);
      channel.on('storyFinished', ({ status, reporters = [] }) => {
        const a11y = reporters.find((r) => r.type === 'a11y');
        const violations = (a11y?.result?.violations ?? []).map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
        resolve({ status, a11y: a11y ? { status: a11y.status, error: a11y.result?.error && message(a11y.result.error), violations } : undefined });
      });
      channel.on('playFunctionThrewException', (e) => errors.push(`play: ${message(e)}`));
      channel.on('unhandledErrorsWhilePlaying', (list) => errors.push(...list.map((e) => `unhandled while playing: ${message(e)}`)));
      channel.on('storyThrewException', (e) => errors.push(`render: ${message(e)}`));
      channel.on('storyErrored', (e) => {
        errors.push(`errored: ${e?.title ?? ''} ${e?.description ?? ''}`.trim());
        resolve({ status: 'error' });
      });
      channel.on('storyMissing', () => {
        errors.push('story missing');
        resolve({ status: 'error' });
      });
    };
    hook();
  });
}

// Runs in the page once the story finished: every Lit element done updating, fonts in, two frames.
async function settle() {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const litElements = () => [...document.querySelectorAll('*')].filter((el) => 'updateComplete' in el);
  for (let round = 0; round < 20; round++) {
    await Promise.all(litElements().map((el) => el.updateComplete));
    await document.fonts.ready;
    await frame();
    if (litElements().every((el) => !el.isUpdatePending) && document.fonts.status === 'loaded') break;
  }
  const story = window.__STORYBOOK_PREVIEW__?.currentRender?.story;
  return { a11y: story?.parameters?.a11y ?? null, storyTests: story?.parameters?.storyTests ?? {} };
}

// Runs in the page: axe-core as the addon configures it (a11yRunner.ts: `region` off, the story's
// config and options), on the story root only.
async function runAxe(a11y) {
  const { config = {}, options = {} } = a11y;
  const rules = [{ id: 'region', enabled: false }, ...(config.rules ?? [])];
  const disabled = Object.fromEntries(rules.filter((r) => r.enabled === false).map((r) => [r.id, { enabled: false }]));
  window.axe.reset();
  window.axe.configure({ ...config, rules });
  const result = await window.axe.run(
    { include: [['#storybook-root']] },
    { ...options, ...(options.runOnly ? { rules: { ...disabled, ...options.rules } } : {}), resultTypes: ['violations'] },
  );
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target) }));
}

const describeTarget = (target) => target.map((part) => (Array.isArray(part) ? part.join(' ▸ ') : part)).join(' ▸ ');
const describeViolations = (violations) =>
  violations.map((v) => `${v.id}${v.impact ? ` (${v.impact})` : ''} at ${v.targets.map(describeTarget).join(', ')}`).join('; ');

async function rawRgba(input) {
  const { data, info } = await sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Pixels of `actual` off from `expected` beyond the channel threshold, and a diff image: baseline faded, differences red. */
async function compare(actualPng, expectedPng) {
  const [actual, expected] = await Promise.all([rawRgba(actualPng), rawRgba(expectedPng)]);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return { sizeMismatch: `${actual.width}×${actual.height}, baseline ${expected.width}×${expected.height}` };
  }
  const { width, height } = actual;
  const diff = Buffer.alloc(width * height * 4);
  let differing = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    let delta = 0;
    for (let c = 0; c < 4; c++) delta = Math.max(delta, Math.abs(actual.data[i + c] - expected.data[i + c]));
    if (delta > CHANNEL_THRESHOLD) {
      differing++;
      diff[i] = 255, diff[i + 1] = 0, diff[i + 2] = 0;
    } else {
      const grey = 190 + Math.round((expected.data[i] * 0.299 + expected.data[i + 1] * 0.587 + expected.data[i + 2] * 0.114) / 4);
      diff[i] = diff[i + 1] = diff[i + 2] = grey;
    }
    diff[i + 3] = 255;
  }
  const identical = actual.data.equals(expected.data);
  return { differing, ratio: differing / (width * height), identical, diff: () => sharp(diff, { raw: { width, height, channels: 4 } }).png().toBuffer() };
}

const timeout = (ms) => new Promise((resolve) => setTimeout(() => resolve({ status: 'timeout' }), ms));

async function testStory(context, story) {
  const failures = [];
  const notes = [];
  const tags = story.tags ?? [];
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => r.status() >= 400 && pageErrors.push(`HTTP ${r.status()} ${r.url().replace(base, '')}`));
  page.on('requestfailed', (r) => pageErrors.push(`request failed (${r.failure()?.errorText}): ${r.url().replace(base, '').slice(0, 120)}`));
  try {
    await page.emulateMedia({
      reducedMotion: 'reduce',
      colorScheme: tags.includes('prefers-dark') ? 'dark' : 'light',
      forcedColors: tags.includes('forced-colors') ? 'active' : 'none',
    });
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
    const finished = await Promise.race([page.evaluate(() => window.__storyTest.finished), timeout(STORY_TIMEOUT_MS)]);
    const errors = await page.evaluate(() => window.__storyTest.errors);
    if (finished.status === 'timeout') failures.push(`render: not finished after ${STORY_TIMEOUT_MS / 1000} s`);
    failures.push(...errors, ...pageErrors.map((e) => `page: ${e}`));
    if (finished.status === 'error' && !errors.length && !finished.a11y?.violations?.length) failures.push('render: story finished with status error');
    const rendered = !failures.length;

    const { a11y: a11yParameters, storyTests } = await page.evaluate(settle);

    // ── visual ──
    let screenshot;
    if (rendered) {
      // `parameters.storyTests.mask`: selectors of what the browser animates on its own (an
      // indeterminate <progress>), painted over in one colour.
      const mask = (storyTests.mask ?? []).map((selector) => page.locator(selector));
      // `parameters.storyTests.page`: the whole viewport, for what the top layer shows (a modal dialog).
      const target = storyTests.page ? page : page.locator('#storybook-root');
      screenshot = await target.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css', mask, maskColor: '#c026d3' });
      const baseline = path.join(baselineDir, `${story.id}.png`);
      const keep = async (name, data) => fs.promises.writeFile(path.join(outDir, `${story.id}.${name}.png`), data);
      if (!fs.existsSync(baseline)) {
        if (update) {
          await fs.promises.writeFile(baseline, screenshot);
          notes.push('baseline created');
        } else {
          await keep('actual', screenshot);
          failures.push(`visual: no baseline ${path.relative(repo, baseline)} (run with --update-baselines)`);
        }
      } else {
        const result = await compare(screenshot, baseline);
        const failed = result.sizeMismatch || result.ratio > MAX_DIFF_RATIO;
        if (update) {
          if (!result.identical) {
            await fs.promises.writeFile(baseline, screenshot);
            notes.push(`baseline updated (${result.sizeMismatch ?? `${result.differing} px differed`})`);
          }
        } else if (failed) {
          await keep('actual', screenshot);
          await fs.promises.copyFile(baseline, path.join(outDir, `${story.id}.baseline.png`));
          if (result.sizeMismatch) {
            failures.push(`visual: size ${result.sizeMismatch} (test-results/stories/${story.id}.actual.png)`);
          } else {
            await keep('diff', await result.diff());
            failures.push(`visual: ${(result.ratio * 100).toFixed(2)} % of pixels differ (${result.differing} px; test-results/stories/${story.id}.diff.png)`);
          }
        } else if (result.differing) {
          notes.push(`${result.differing} px within tolerance`);
        }
      }
    }

    // ── a11y ──
    const a11y = a11yParameters ?? DEFAULT_A11Y;
    const mode = a11y.disable === true || a11y.test === 'off' ? 'off' : a11y.test === 'todo' ? 'todo' : 'error';
    if (!a11yParameters) notes.push('a11y parameters not readable: default rules');
    if (mode !== 'off' && rendered) {
      await page.addScriptTag({ path: axeSource });
      const violations = await page.evaluate(runAxe, JSON.parse(JSON.stringify(a11y)));
      if (violations.length) (mode === 'todo' ? notes : failures).push(`axe: ${describeViolations(violations)}`);
      // The addon ran on its own when the story finished (same engine, whole body): it must agree.
      const addon = finished.a11y;
      if (!addon) failures.push('a11y addon: no report (is @storybook/addon-a11y registered in .storybook/main.ts?)');
      else if (addon.error) failures.push(`a11y addon: ${addon.error}`);
      else if (addon.violations.length && mode === 'error') {
        const extra = addon.violations.filter((v) => !violations.some((w) => w.id === v.id));
        if (extra.length) failures.push(`a11y addon: ${describeViolations(extra)}`);
      }
    }
  } catch (error) {
    failures.push(`runner: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return { failures, notes };
}

const browser = await launchChromium();
const started = Date.now();
const queue = [...stories];
let passed = 0;
let failed = 0;

async function worker() {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce' });
  // The stories need no backend: anything that would leave the static server is refused, and fails the story.
  await context.route((url) => !url.href.startsWith(base), (route) => route.abort('blockedbyclient'));
  await context.addInitScript(listenToStorybook);
  for (let story = queue.shift(); story; story = queue.shift()) {
    const { failures, notes } = await testStory(context, story);
    failures.length ? failed++ : passed++;
    const extra = [...failures, ...notes.map((n) => `(${n})`)];
    console.log(`${failures.length ? 'FAIL' : 'ok  '} ${story.id}${extra.length ? ' — ' + extra.join('; ') : ''}`);
  }
  await context.close();
}
await Promise.all(Array.from({ length: Math.min(workers, stories.length || 1) }, worker));
await browser.close();
server.close();

// Baselines of stories that no longer exist.
if (!only) {
  const ids = new Set(stories.map((s) => s.id));
  for (const file of fs.readdirSync(baselineDir).filter((f) => f.endsWith('.png') && !ids.has(f.slice(0, -4)))) {
    if (update) {
      fs.rmSync(path.join(baselineDir, file));
      console.log(`removed baseline of a story that no longer exists: ${file}`);
    } else {
      console.log(`note: baseline without a story: test/stories/baselines/${file} (--update-baselines removes it)`);
    }
  }
}

console.log(`\n${stories.length} stories in ${((Date.now() - started) / 1000).toFixed(1)} s${update ? ' (baselines updated)' : ''}`);
console.log(`storybook: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

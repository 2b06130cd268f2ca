// The bench's view of the demo page: Debian Chromium through Playwright, a fresh context per page
// (so nothing is cached between runs: every run pays the first-use cost a real visitor pays), every
// request the page and its workers make, the widget's events with their page-clock time, and the
// main thread's long tasks.
//
// Functions handed to page.evaluate run as their source text in the page. tsx (esbuild, keepNames)
// wraps named inner functions in a `__name(…)` helper the page does not have, so those functions
// declare no named inner functions (`const f = () => …`); inline callbacks are fine.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, chromiumPath, launchChromium } from '../runner/chromium.mjs';
import type { BenchFile } from './inputs.js';

export interface RecordedRequest {
  url: string;
  resourceType: string;
  /** What the bench was doing when the request left (a label set with `DemoPage.phase`). */
  phase: string;
}

export interface DemoPage {
  page: Page;
  context: BrowserContext;
  requests: RecordedRequest[];
  /** Requests to any host but the demo and its storage: an error for the bench (there is no network to reach them anyway). */
  foreign: string[];
  /** Labels the requests made from now on. */
  phase(label: string): void;
  close(): Promise<void>;
}

/** The outcome events of the widget, seen by the host page. */
const OUTCOMES = ['kyc-upload-success', 'kyc-upload-error', 'kyc-upload-reject'] as const;

export interface WidgetOutcome {
  type: string;
  detail: Record<string, unknown>;
  /** performance.now() of the page when `kyc-upload-select` and the outcome were dispatched. */
  selectedAt: number;
  endedAt: number;
}

export interface LongTask {
  start: number;
  duration: number;
}

export interface PageMeasure {
  name: string;
  start: number;
  duration: number;
  detail: unknown;
}

declare global {
  interface Window {
    __bench: {
      longTasks: LongTask[];
      selectedAt: number[];
      /** The File the hidden input holds, for the baselines. */
      file?: File;
    };
  }
}

/**
 * Runs in the page before any of its scripts: the long-task observer must exist before the work
 * it watches (and `buffered` catches anything queued before it), and the select listener records
 * the moment the widget announces the file, which is where end-to-end time starts.
 */
function pageProbe() {
  window.__bench = { longTasks: [], selectedAt: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('kyc-upload-select', () => window.__bench.selectedAt.push(performance.now()), true);
}

/**
 * Resolves once no request of the context has been in flight for `quietMs`. Playwright's
 * 'networkidle' is reached once per page and stays reached, so requests the page makes after it
 * were counted as the upload's (one whole bench stopped when a fresh page had loaded two of the
 * four files the page before it had). The count is kept here, from before the page opens.
 */
export function trackNetworkQuiet(context: BrowserContext, quietMs = 500): () => Promise<void> {
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waiting = new Set<() => void>();
  const armTimer = () => {
    clearTimeout(timer);
    if (inFlight === 0) timer = setTimeout(() => waiting.forEach((resolve) => resolve()), quietMs);
  };
  const change = (delta: number) => {
    inFlight += delta;
    armTimer();
  };
  context.on('request', () => change(1));
  context.on('requestfinished', () => change(-1));
  context.on('requestfailed', () => change(-1));
  return () =>
    new Promise<void>((resolve, reject) => {
      const giveUp = setTimeout(() => {
        waiting.delete(done);
        reject(new Error(`the page's network never went quiet (${inFlight} request(s) in flight)`));
      }, 30_000);
      const done = () => {
        clearTimeout(giveUp);
        waiting.delete(done);
        resolve();
      };
      waiting.add(done);
      armTimer();
    });
}

export async function openDemoPage(browser: Browser, demoUrl: string, storageEndpoint: string): Promise<DemoPage> {
  // The baselines run a bare blob: worker, which the demo page's strict policy forbids, as it
  // should: this measures work, not policy, so both sides run with the page's CSP switched off
  // (the end-to-end tests prove the widget under it).
  const context = await browser.newContext({ bypassCSP: true });
  const own = [new URL(demoUrl).origin, new URL(storageEndpoint).origin];
  const foreign: string[] = [];
  const requests: RecordedRequest[] = [];
  const networkQuiet = trackNetworkQuiet(context);
  let phase = 'page load';
  // Watched, not intercepted: routing would hold every request (a 4 MB POST included) until Node
  // answers, which would add to exactly what is being timed. The context sees the page's requests
  // and its dedicated workers' (importScripts included).
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!own.includes(url.origin) && url.protocol !== 'blob:' && url.protocol !== 'data:') foreign.push(request.url());
    requests.push({ url: request.url(), resourceType: request.resourceType(), phase });
  });
  await context.addInitScript(pageProbe);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Console errors (a 404, say) only explain a page that never got ready; they are not failures.
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(demoUrl);
  try {
    await page.waitForFunction(() => customElements.get('kyc-upload') !== undefined, undefined, { timeout: 10_000 });
  } catch (error) {
    const seen = [...pageErrors, ...consoleErrors.map((text) => `console: ${text}`)];
    throw new Error(`<kyc-upload> was never defined (${seen.join('; ') || 'no page error'})`, { cause: error });
  }
  // The applicant's page is a document set: a passport leaves one upload on it, as before sets.
  await page.waitForFunction(() => document.body.dataset['requirements'] === 'loaded', undefined, { timeout: 10_000 });
  await page.getByRole('radio', { name: 'Passport', exact: true }).check();
  // The demo page lists the user's documents once at start, and the chosen set's slots load what
  // they need: let that settle before measuring.
  await networkQuiet();
  if (pageErrors.length) throw new Error(`page error: ${pageErrors.join('; ')}`);
  return {
    page,
    context,
    requests,
    foreign,
    phase(label) {
      phase = label;
    },
    async close() {
      await context.close();
      if (pageErrors.length) throw new Error(`page error: ${pageErrors.join('; ')}`);
      if (foreign.length) throw new Error(`requests left the demo's origin: ${foreign.join(', ')}`);
    },
  };
}

/**
 * How long the "person" spends in the native file dialog. Playwright answers it at once, which no
 * person does; a widget may use that time (it starts loading its pipeline when the pointer
 * reaches it), so the bench lets 300 ms pass, well under what a real pick takes. Nothing the
 * bench times starts before the selection.
 */
export const PICKING_MS = 300;

/**
 * Chooses a file through the widget's own button and native file chooser, as a person would
 * (the same way as test/e2e), and resolves with how the upload ended.
 */
export async function uploadThroughWidget(page: Page, file: BenchFile): Promise<WidgetOutcome> {
  // Listening before choosing: the promise lives in the page, no polling on its main thread.
  const outcome = page.evaluate(
    (types) =>
      new Promise<{ type: string; detail: Record<string, unknown>; endedAt: number }>((resolve) => {
        // The set's slots send their events retargeted to the set.
        const upload = document.querySelector('kyc-document-set') ?? document.querySelector('kyc-upload')!;
        for (const type of types) {
          upload.addEventListener(type, (event) => {
            const endedAt = performance.now();
            const { detail } = event as CustomEvent<Record<string, unknown>>;
            resolve({ type, detail: JSON.parse(JSON.stringify(detail)) as Record<string, unknown>, endedAt });
          }, { once: true });
        }
      }),
    OUTCOMES,
  );
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Choose (a|another) file$/ }).click();
  const dialog = await chooser;
  await page.waitForTimeout(PICKING_MS);
  await dialog.setFiles(file.path);
  const ended = await outcome;
  const selectedAt = await page.evaluate(() => window.__bench.selectedAt.at(-1) ?? Number.NaN);
  return { ...ended, selectedAt };
}

/** Puts a file into a hidden input of the bench's own and keeps it as `window.__bench.file`. */
export async function loadFileIntoPage(page: Page, file: BenchFile): Promise<void> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    input.hidden = true;
    input.addEventListener('change', () => {
      window.__bench.file = input.files![0];
    });
    document.getElementById('bench-file')?.remove();
    document.body.append(input);
  });
  await page.setInputFiles('#bench-file', file.path);
  await page.waitForFunction(() => window.__bench.file !== undefined);
}

/** The User Timing measures the pipeline recorded (`kyc-upload:prepare`…), oldest first. */
export function readMeasures(page: Page, name: string): Promise<PageMeasure[]> {
  return page.evaluate((measureName) => performance.getEntriesByName(measureName, 'measure').map((entry) => ({
    name: entry.name,
    start: entry.startTime,
    duration: entry.duration,
    detail: (entry as PerformanceMeasure).detail as unknown,
  })), name);
}

/** Main-thread long-task time that falls inside [start, end] of the page clock (overlap only). */
export async function longTaskTime(page: Page, start: number, end: number): Promise<{ total: number; count: number; longest: number }> {
  const tasks = await page.evaluate(() => window.__bench.longTasks);
  let total = 0;
  let count = 0;
  let longest = 0;
  for (const task of tasks) {
    const overlap = Math.min(end, task.start + task.duration) - Math.max(start, task.start);
    if (overlap <= 0) continue;
    total += overlap;
    count += 1;
    longest = Math.max(longest, task.duration);
  }
  return { total, count, longest };
}

/**
 * The page's clock origin on this process's clock (`performance.timeOrigin + now()`, which the CPU
 * and memory samples are taken on), to line page times up with them. Not the page's own
 * `timeOrigin`: each process anchors its monotonic clock to the wall clock when it starts, and the
 * two anchors differed by more than a window's last sample allows (a HEIC baseline's window ended
 * "after" the sample taken once it had returned). Read across the shortest of a few round trips,
 * within half of it: one round trip waited behind the page's own work (its request queued, its
 * answer quick) and put a 12 MP baseline's start before the first CPU sample.
 */
export async function pageTimeOrigin(page: Page, trips = 5): Promise<number> {
  let best = { roundTrip: Infinity, origin: 0 };
  for (let trip = 0; trip < trips; trip++) {
    const before = performance.timeOrigin + performance.now();
    const pageNow = await page.evaluate(() => performance.now());
    const after = performance.timeOrigin + performance.now();
    if (after - before < best.roundTrip) best = { roundTrip: after - before, origin: (before + after) / 2 - pageNow };
  }
  return best.origin;
}

export { launchChromium };

export interface OwnedBrowser {
  browser: Browser;
  /** The PID Chromium was started as: the root of the process tree whose memory is sampled. */
  pid: number;
  close(): Promise<void>;
}

/**
 * A browser whose process we know. `chromium.launch` does not expose its process, while
 * `launchServer` does (`process().pid`); we then connect to it like to any browser. Same binary,
 * same flags as launchChromium.
 */
export async function launchOwnedChromium(): Promise<OwnedBrowser> {
  const server = await chromium.launchServer({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  const pid = server.process().pid;
  if (pid === undefined) {
    await server.close();
    throw new Error('Chromium started without a PID');
  }
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    pid,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * "0 ms of long tasks" only means something if the probe can see one: block a page's main thread
 * for 150 ms and expect the observer to report it.
 */
export async function checkLongTaskProbe(browser: Browser, demoUrl: string, storageEndpoint: string): Promise<void> {
  const dp = await openDemoPage(browser, demoUrl, storageEndpoint);
  try {
    const seen = await dp.page.evaluate(async () => {
      await new Promise<void>((done) => setTimeout(() => {
        const until = performance.now() + 150;
        while (performance.now() < until) { /* block the main thread */ }
        done();
      }, 0));
      await new Promise((done) => setTimeout(done, 200));
      return Math.max(0, ...window.__bench.longTasks.map((t) => t.duration));
    });
    if (seen < 140) throw new Error(`the long-task probe did not see a 150 ms task (longest seen: ${seen} ms)`);
  } finally {
    await dp.close();
  }
}

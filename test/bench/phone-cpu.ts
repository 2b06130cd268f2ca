// A phone's CPU on this machine: every thread of the browser (its main threads, its workers, its
// thread pools, every process) runs at most a quarter of the time on a core, through Linux cgroup
// CPU quotas, so ours and the baseline are slowed alike, thread by thread.
//
// Why not Chromium's own CPU throttling (Emulation.setCPUThrottlingRate)? It slows a page's main
// thread only: sent to a dedicated worker's target, Chromium 156 answers "Operation is only
// supported for pages, not workers", and a loop in a worker runs as fast as before. The image
// work runs in workers, so that throttling would leave exactly the part under test at full speed.
//
// What the issue asked for is that throttling applied to every target: each thread 4× slower,
// threads still running side by side, as on a phone's 4–8 slower cores. A quota per thread is that:
// a watcher gives every new thread of the browser a cgroup of its own, allowed a quarter of one
// core (cgroup v1 `tasks`, or v2's threaded mode and `cgroup.threads`). A new thread starts in its
// creator's group, so it shares a quarter of a core until the watcher's next look (10 ms).
// `oneCore: true` puts the whole browser in one group instead, allowed a quarter of one core: one
// slow core for everything, where work done beside the encode adds up (`bench:one -- phone-one-core`).
//
// The browser is started through a small wrapper that joins a group and then becomes Chromium,
// so every process it forks is in the group from its first instruction. Needs root and a cgroup
// CPU controller; `checkPhoneCpu` measures that the quota took effect.
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright';
import { CHROMIUM_ARGS, chromiumPath } from '../runner/chromium.mjs';
import { processTree } from './memory.js';

export interface PhoneBrowser {
  browser: Browser;
  /** Each thread's share of one core (or, with oneCore, the whole browser's): 1 / slowdown. */
  slowdown: number;
  /** How many threads got a quota of their own (0 with oneCore). */
  threadsThrottled(): number;
  close(): Promise<void>;
}

/** A phone's CPU against this machine's cores: a quarter of one, per thread. */
export const PHONE_SLOWDOWN = 4;

// A short period slices the time finely, as DevTools throttling does: a 100 ms task is slowed 4×, not let run
// a quarter of a 100 ms period at full speed.
const PERIOD_US = 10_000;
/** How often the watcher looks for new threads. */
const WATCH_MS = 10;

/** One cgroup hierarchy's way to make groups with a CPU quota and put one thread into each. */
interface Cgroups {
  base: string;
  /** Makes `dir`, the browser's group, under which its threads get groups of their own. */
  makeDomain(dir: string): void;
  /** Makes `dir` a group allowed `share` of one core that single threads can be moved into. */
  makeGroup(dir: string, share: number): void;
  /** The file a thread's id is written to, to move that thread alone. */
  threadsFile: string;
  /** The files the wrapper writes its process id to, in order, to start in `start`. */
  wrapperJoins(domain: string, start: string): string[];
}

function cgroups(): Cgroups | undefined {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) {
    return {
      base: '/sys/fs/cgroup',
      // v2 moves single threads only inside a threaded subtree: the browser's group is its domain
      // (no quota), each group under it is threaded, with the CPU controller enabled for them.
      makeDomain(dir) {
        mkdirSync(dir);
        const parent = join('/sys/fs/cgroup', 'cgroup.subtree_control');
        if (!readFileSync(parent, 'utf8').split(/\s+/).includes('cpu')) writeFileSync(parent, '+cpu');
        writeFileSync(join(dir, 'cgroup.subtree_control'), '+cpu');
      },
      makeGroup(dir, share) {
        mkdirSync(dir);
        writeFileSync(join(dir, 'cgroup.type'), 'threaded');
        writeFileSync(join(dir, 'cpu.max'), `${Math.round(PERIOD_US * share)} ${PERIOD_US}`);
      },
      threadsFile: 'cgroup.threads',
      // A thread may move only inside its threaded subtree: the wrapper joins the domain first.
      wrapperJoins: (domain, start) => [join(domain, 'cgroup.procs'), join(start, 'cgroup.threads')],
    };
  }
  if (existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')) {
    return {
      base: '/sys/fs/cgroup/cpu',
      makeDomain: (dir) => mkdirSync(dir),
      makeGroup(dir, share) {
        mkdirSync(dir);
        writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
        writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(Math.round(PERIOD_US * share)));
      },
      threadsFile: 'tasks',
      wrapperJoins: (_domain, start) => [join(start, 'cgroup.procs')],
    };
  }
  return undefined;
}

/** The ids of a process's threads; none once it is gone. */
function threadsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [];
  }
}

/** Chromium allowed 1/`slowdown` of one core per thread (or in all, with oneCore); undefined (and why) when this machine cannot. */
export async function launchPhoneBrowser(slowdown: number, { oneCore = false } = {}): Promise<PhoneBrowser | { unavailable: string }> {
  if (process.getuid?.() !== 0) return { unavailable: 'needs root, for cgroup CPU quotas' };
  const groups = cgroups();
  if (!groups) return { unavailable: 'no cgroup CPU controller' };
  const domain = join(groups.base, `kyc-upload-bench-${process.pid}`);
  const share = 1 / slowdown;
  const made: string[] = [];
  const group = (name: string) => {
    const dir = join(domain, name);
    groups.makeGroup(dir, share);
    made.push(dir);
    return dir;
  };
  const scratch = mkdtempSync(join(tmpdir(), 'kyc-bench-phone-'));
  const removeGroups = () => {
    // A process of the browser still exiting keeps its group busy: the kernel frees empty groups on reboot anyway.
    for (const dir of [...made].reverse().concat(domain)) {
      try {
        rmdirSync(dir);
      } catch {
        // busy or gone
      }
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  let watcher: ReturnType<typeof setInterval> | undefined;
  try {
    groups.makeDomain(domain);
    // Where the browser starts: each of its threads is then moved to a group of its own.
    const start = group('start');
    const pidFile = join(scratch, 'pid');
    const wrapper = join(scratch, 'chromium-in-cgroup');
    const joins = groups.wrapperJoins(domain, start).map((file) => `echo $$ > '${file}'`);
    writeFileSync(wrapper, ['#!/bin/sh', `echo $$ > '${pidFile}'`, ...joins, `exec '${chromiumPath()}' "$@"`, ''].join('\n'));
    chmodSync(wrapper, 0o755);
    const browser = await chromium.launch({ executablePath: wrapper, headless: true, args: CHROMIUM_ARGS });
    const root = Number(readFileSync(pidFile, 'utf8'));
    const placed = new Set<number>();
    if (!oneCore) {
      let tree = processTree(root);
      let looks = 0;
      const placeNewThreads = () => {
        // New processes (a page's renderer) are found by a walk of /proc every 10th look.
        if (++looks % 10 === 0) tree = processTree(root);
        for (const pid of tree) {
          for (const tid of threadsOf(pid)) {
            if (placed.has(tid)) continue;
            placed.add(tid);
            try {
              appendFileSync(join(group(`thread-${tid}`), groups.threadsFile), String(tid));
            } catch {
              // the thread ended meanwhile
            }
          }
        }
      };
      placeNewThreads();
      watcher = setInterval(placeNewThreads, WATCH_MS);
    }
    return {
      browser,
      slowdown,
      threadsThrottled: () => placed.size,
      async close() {
        clearInterval(watcher);
        await browser.close();
        removeGroups();
      },
    };
  } catch (error) {
    clearInterval(watcher);
    removeGroups();
    return { unavailable: `cgroup CPU quotas could not be set: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const LOOP = `let x = 0; for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;`;

/**
 * How long a fixed loop takes in a fresh dedicated worker of the page, on its main thread, and
 * both at once (the longer of the two): where threads have quotas of their own, at once is no slower.
 */
export function loopTimes(page: Page): Promise<{ workerMs: number; mainMs: number; togetherMs: number }> {
  return page.evaluate(async (loop) => {
    const source = `self.onmessage = () => { const start = performance.now(); ${loop} self.postMessage({ ms: performance.now() - start, x }); };`;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    // No named functions in here: the bench's TypeScript loader would wrap them in a helper the page lacks.
    worker.onmessage = (event) => answers.shift()?.((event.data as { ms: number }).ms);
    const answers: Array<(ms: number) => void> = [];
    // eslint-disable-next-line no-new-func -- the bench page runs with CSP bypassed
    const onMain = new Function(`const start = performance.now(); ${loop} return performance.now() - start + (x < 0 ? 1 : 0);`) as () => number;
    try {
      const workerMs = await new Promise<number>((resolve) => {
        answers.push(resolve);
        worker.postMessage(null);
      });
      const mainMs = onMain();
      const workerTogether = new Promise<number>((resolve) => {
        answers.push(resolve);
        worker.postMessage(null);
      });
      const mainTogether = onMain();
      const togetherMs = Math.max(mainTogether, await workerTogether);
      return { workerMs, mainMs, togetherMs };
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  }, LOOP);
}

export interface PhoneCpuCheck {
  /** How much slower the loop ran in a worker, and on the main thread, than in a normal browser. */
  worker: number;
  main: number;
  /** Both at once against the slower alone, in the phone browser: ~1 with a quota per thread, ~2 on one core. */
  together: number;
}

/**
 * The same loop in a normal browser and in the phone browser: how much slower each thread really
 * is, and whether two threads share a quota. Throws where either thread is not slowed most of
 * `slowdown`, or where threads meant to have quotas of their own slow each other down: a quota
 * that did not take (or a machine too busy to tell) would make the row lie.
 */
export async function checkPhoneCpu(normal: Browser, phone: Browser, slowdown: number, { oneCore = false } = {}): Promise<PhoneCpuCheck> {
  const timed = async (browser: Browser) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<title>loop</title>');
    await loopTimes(page); // warm the JIT
    // The fastest of three: a loop can only be slowed by whatever else ran, never sped up.
    const runs = [await loopTimes(page), await loopTimes(page), await loopTimes(page)];
    await context.close();
    const fastest = (key: keyof (typeof runs)[number]) => Math.min(...runs.map((run) => run[key]));
    return { workerMs: fastest('workerMs'), mainMs: fastest('mainMs'), togetherMs: fastest('togetherMs') };
  };
  const fast = await timed(normal);
  const slow = await timed(phone);
  const measured = { worker: slow.workerMs / fast.workerMs, main: slow.mainMs / fast.mainMs, together: slow.togetherMs / Math.max(slow.workerMs, slow.mainMs) };
  if (measured.worker < slowdown * 0.6 || measured.main < slowdown * 0.6) throw new Error(`the CPU quota did not slow the browser ${slowdown}×: ${JSON.stringify(measured)}`);
  if (!oneCore && measured.together > 1.5) throw new Error(`two threads of the phone browser share a quota: ${JSON.stringify(measured)}`);
  return measured;
}

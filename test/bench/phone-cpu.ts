// A phone's CPU on this machine: the whole browser (its main threads, its workers, every process)
// gets a quarter of one core, through a Linux cgroup CPU quota, so ours and the baseline are
// slowed alike.
//
// Why not Chromium's own CPU throttling (Emulation.setCPUThrottlingRate)? It slows a page's main
// thread only: sent to a dedicated worker's target, Chromium 156 answers "Operation is only
// supported for pages, not workers", and a loop in a worker runs as fast as before. The image
// work runs in workers, so that throttling would leave exactly the part under test at full speed.
//
// The browser is started through a small wrapper that joins the cgroup and then becomes Chromium,
// so every process it forks is in the group from its first instruction. Needs root and a cgroup
// CPU controller (v1 `cpu` or v2 `cpu.max`); `checkPhoneCpu` measures that the quota took effect.
import { mkdirSync, rmdirSync, writeFileSync, chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright';
import { CHROMIUM_ARGS, chromiumPath } from '../runner/chromium.mjs';

export interface PhoneBrowser {
  browser: Browser;
  /** The share of one core the browser may use: 1 / slowdown. */
  slowdown: number;
  close(): Promise<void>;
}

/** A phone's CPU against this machine's cores: the browser gets a quarter of one. */
export const PHONE_SLOWDOWN = 4;

const PERIOD_US = 100_000;

/** The cgroup directory to create and the file that sets its quota, v2 first. */
function cgroupFor(name: string): { dir: string; quota: (share: number) => [file: string, value: string] } | undefined {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) {
    return { dir: join('/sys/fs/cgroup', name), quota: (share) => ['cpu.max', `${Math.round(PERIOD_US * share)} ${PERIOD_US}`] };
  }
  if (existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')) {
    return { dir: join('/sys/fs/cgroup/cpu', name), quota: (share) => ['cpu.cfs_quota_us', String(Math.round(PERIOD_US * share))] };
  }
  return undefined;
}

/** Chromium in a cgroup allowed 1/`slowdown` of one core; undefined (and why) when this machine cannot. */
export async function launchPhoneBrowser(slowdown: number): Promise<PhoneBrowser | { unavailable: string }> {
  if (process.getuid?.() !== 0) return { unavailable: 'needs root, for a cgroup CPU quota' };
  const group = cgroupFor(`kyc-upload-bench-${process.pid}`);
  if (!group) return { unavailable: 'no cgroup CPU controller' };
  mkdirSync(group.dir, { recursive: true });
  const [file, value] = group.quota(1 / slowdown);
  if (file === 'cpu.cfs_quota_us') writeFileSync(join(group.dir, 'cpu.cfs_period_us'), String(PERIOD_US));
  writeFileSync(join(group.dir, file), value);
  const scratch = mkdtempSync(join(tmpdir(), 'kyc-bench-phone-'));
  const wrapper = join(scratch, 'chromium-in-cgroup');
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${join(group.dir, 'cgroup.procs')}'\nexec '${chromiumPath()}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({ executablePath: wrapper, headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    slowdown,
    async close() {
      await browser.close();
      rmSync(scratch, { recursive: true, force: true });
      try {
        rmdirSync(group.dir);
      } catch {
        // a process of the browser still exiting: the kernel frees an empty group anyway on reboot
      }
    },
  };
}

const LOOP = `let x = 0; for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;`;

/** How long a fixed loop takes in a fresh dedicated worker of the page, and on its main thread. */
export function loopTimes(page: Page): Promise<{ workerMs: number; mainMs: number }> {
  return page.evaluate(async (loop) => {
    const source = `self.onmessage = () => { const start = performance.now(); ${loop} self.postMessage({ ms: performance.now() - start, x }); };`;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    try {
      const workerMs = await new Promise<number>((resolve) => {
        worker.onmessage = (event) => resolve((event.data as { ms: number }).ms);
        worker.postMessage(null);
      });
      // eslint-disable-next-line no-new-func -- the bench page runs with CSP bypassed
      const mainMs = new Function(`const start = performance.now(); ${loop} return performance.now() - start + (x < 0 ? 1 : 0);`)() as number;
      return { workerMs, mainMs };
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  }, LOOP);
}

/**
 * The same loop in a normal browser and in the phone browser: how much slower each thread really
 * is. Throws where either is not slowed most of `slowdown`: a quota that did not take (or a machine
 * too busy to tell) would make the row lie.
 */
export async function checkPhoneCpu(normal: Browser, phone: Browser, slowdown: number): Promise<{ worker: number; main: number }> {
  const timed = async (browser: Browser) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<title>loop</title>');
    await loopTimes(page); // warm the JIT
    const times = await loopTimes(page);
    await context.close();
    return times;
  };
  const fast = await timed(normal);
  const slow = await timed(phone);
  const measured = { worker: slow.workerMs / fast.workerMs, main: slow.mainMs / fast.mainMs };
  if (measured.worker < slowdown * 0.6 || measured.main < slowdown * 0.6) throw new Error(`the CPU quota did not slow the browser ${slowdown}×: ${JSON.stringify(measured)}`);
  return measured;
}

// This machine has 2 cores, and other work (a build, a test run) may share them with the bench.
// An encode uses one core, so another busy core is contention that no median fully hides. Before
// each timed operation the bench waits (a few seconds at most) for the machine to be quiet, and it
// records how much CPU went to processes that are not the bench's during the operation, so a
// contended run shows in the JSON instead of passing for the product's own slowness.
//
// Sources: /proc/stat (all cores' busy and total time) and /proc/<pid>/stat (utime + stime) of
// this Node process and its descendants: the demo server and embedded S3 run in it, and every
// Chromium Playwright starts is its child. "Others" is the machine's busy time minus ours.
import { readFileSync } from 'node:fs';
import { cpuTicksOf } from './cpu-time.js';
import { processTree } from './memory.js';
import { sleep } from './stats.js';

interface CpuTimes {
  busy: number;
  total: number;
  ours: number;
}

function cpuTimes(): CpuTimes {
  const fields = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = fields[3]! + fields[4]!;
  return { busy: total - idle, total, ours: processTree(process.pid).reduce((sum, pid) => sum + cpuTicksOf(pid), 0) };
}

export interface Busy {
  /** Fraction of all cores' time spent busy (0..1). */
  machine: number;
  /** The part of it spent by processes other than the bench, its servers and its browsers. */
  others: number;
}

/** Starts a measurement; `stop()` says how busy the machine was since, and how much of it was others. */
export function busyMeter(): { stop(): Busy } {
  const from = cpuTimes();
  return {
    stop() {
      const to = cpuTimes();
      const total = to.total - from.total;
      if (total <= 0) return { machine: 0, others: 0 };
      const busy = to.busy - from.busy;
      // A browser process that exits inside the window takes its ticks along: clamp at 0.
      return { machine: busy / total, others: Math.max(0, busy - (to.ours - from.ours)) / total };
    },
  };
}

export interface Quiet extends Busy {
  waitedMs: number;
}

export interface QuietOptions {
  threshold?: number;
  windowMs?: number;
  timeoutMs?: number;
}

/**
 * Quiet for a browser whose threads each have 1/`slowdown` of one core (phone-cpu.ts): it can hardly make the machine
 * look busy by the usual measure, yet a fresh page's leftover work (parsing, compiling, its first
 * worker) goes on for seconds at that speed and slowed whichever side ran first on it by 2–3 s. So
 * a fifth of what the browser could use, over a second (the kernel counts in 10 ms ticks).
 */
export function quietForSlowedBrowser(slowdown: number, cpus: number): QuietOptions {
  return { threshold: 1 / (5 * slowdown * cpus), windowMs: 1000, timeoutMs: 30_000 };
}

/**
 * Waits until the whole machine (the browser finishing a previous run included) is below
 * `threshold` busy over `windowMs`, or gives up after `timeoutMs` and says how busy it was.
 */
export async function waitForQuiet({ threshold = 0.2, windowMs = 300, timeoutMs = 8000 }: QuietOptions = {}): Promise<Quiet> {
  const start = performance.now();
  for (;;) {
    const meter = busyMeter();
    await sleep(windowMs);
    const busy = meter.stop();
    const waitedMs = performance.now() - start;
    if (busy.machine < threshold || waitedMs >= timeoutMs) return { waitedMs, ...busy };
  }
}

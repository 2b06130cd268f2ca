// Resident memory of one Chromium, all its processes together, sampled from Linux's /proc.
//
// Method: the browser is started with a PID we know (launchOwnedChromium). A walk of /proc reads
// each process's parent from /proc/<pid>/stat, so the browser's whole tree (zygotes, renderers,
// GPU and utility processes, whatever it spawns meanwhile) is the set of its descendants; each
// sample sums their VmRSS lines from /proc/<pid>/status. Walking by parent needs no guess from
// command lines. A walk reads every process's stat (~5 ms here), so it is redone every 10th
// sample (~200 ms), which still catches a process started mid-operation; the ~10 RSS reads of a
// sample take ~0.2 ms, so the browser is sampled every ~20 ms.
// RSS counts a page shared by two processes twice, which inflates the level but not much the
// difference we report: the peak during an operation minus the idle level just before it.
import { readdirSync, readFileSync } from 'node:fs';
import { median } from './stats.js';

export interface RssSample {
  /** Unix time, ms (sub-ms resolution), on the same clock as the page's timeOrigin + now(). */
  t: number;
  rss: number;
  processes: number;
}

const now = () => performance.timeOrigin + performance.now();

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // gone between listing and reading
  }
}

function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The root and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(entry);
    if (parent === undefined) continue;
    const list = children.get(parent) ?? [];
    list.push(Number(entry));
    children.set(parent, list);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/**
 * Measures the process tree under `root` every `intervalMs` until stopped, walking the tree again
 * every `rewalkEvery` samples; each sample is stamped with the time it was taken.
 */
export function sampleProcessTree<T>(root: number, measure: (tree: number[]) => T, intervalMs = 20, rewalkEvery = 10): { stop(): Array<T & { t: number }> } {
  let tree = processTree(root);
  let count = 0;
  const sample = () => {
    if (++count % rewalkEvery === 0) tree = processTree(root);
    return { t: now(), ...measure(tree) };
  };
  const samples = [sample()];
  const timer = setInterval(() => samples.push(sample()), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(sample());
      return samples;
    },
  };
}

/** Resident memory of the tree under `root`, sampled until stopped. */
export const startSampling = (root: number): { stop(): RssSample[] } =>
  sampleProcessTree(root, (tree) => ({ rss: tree.reduce((sum, pid) => sum + rssOf(pid), 0), processes: tree.length }));

export interface MemoryUse {
  /** Median RSS over the idle window before the operation. */
  idle: number;
  /** Highest RSS inside the window, and that minus idle. */
  peak: number;
  peakAboveIdle: number;
  samplesInWindow: number;
  /** Largest gap between two samples in the window: the sampling really ran every ~20 ms. */
  longestGapMs: number;
}

/** Peak minus idle: idle is [idleFrom, idleTo], the peak is looked for in [from, to] (Unix ms). */
export function memoryUse(samples: RssSample[], idle: [number, number], window: [number, number]): MemoryUse {
  const idleSamples = samples.filter((s) => s.t >= idle[0] && s.t <= idle[1]);
  const inWindow = samples.filter((s) => s.t >= window[0] && s.t <= window[1]);
  if (idleSamples.length === 0) throw new Error('no memory sample in the idle window');
  if (inWindow.length === 0) throw new Error('no memory sample in the measured window');
  const idleLevel = median(idleSamples.map((s) => s.rss));
  const peak = Math.max(...inWindow.map((s) => s.rss));
  let longestGapMs = 0;
  for (let i = 1; i < inWindow.length; i++) longestGapMs = Math.max(longestGapMs, inWindow[i]!.t - inWindow[i - 1]!.t);
  return { idle: idleLevel, peak, peakAboveIdle: peak - idleLevel, samplesInWindow: inWindow.length, longestGapMs };
}

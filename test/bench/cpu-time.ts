// CPU time beside wall time: on a noisy 2-core machine a run that waited for a core takes longer
// but costs the same CPU, so the CPU time of a window says what the work cost whatever else ran.
//
// Method: every ~20 ms, the utime + stime of this process and all its descendants (the demo and
// its storage run in it; every Chromium process is its child) from /proc/<pid>/stat, tree walked
// again every 10th sample. The CPU of a window is the difference between the two samples around
// its ends, interpolated; the kernel counts in ticks of 10 ms, so a window's figure is within a
// few ticks. During a preparation nothing but the browser works (the servers wait for the upload).
import { readFileSync } from 'node:fs';
import { sampleProcessTree } from './memory.js';

export interface CpuSample {
  /** Unix time, ms, on the page's timeOrigin + now() clock. */
  t: number;
  /** CPU time of the whole tree so far, ms. */
  cpuMs: number;
}

/** Linux's USER_HZ: /proc counts CPU time in ticks of 1/100 s. */
const TICK_MS = 10;


/** utime + stime of one process, in ticks (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // exited meanwhile
  }
}

/**
 * Samples until stopped. A process that exits takes its CPU time along (to its parent's
 * cumulative counters, which we do not read), so a window is measured only while its processes live.
 */
export const startCpuSampling = (root = process.pid): { stop(): CpuSample[] } =>
  sampleProcessTree(root, (tree) => ({ cpuMs: tree.reduce((sum, pid) => sum + cpuTicksOf(pid), 0) * TICK_MS }));

/** The tree's CPU time at `t`, interpolated between the samples around it. */
function cpuAt(samples: CpuSample[], t: number): number {
  const after = samples.findIndex((s) => s.t >= t);
  if (after <= 0) return samples[Math.max(0, after)]!.cpuMs;
  const a = samples[after - 1]!;
  const b = samples[after]!;
  return a.cpuMs + ((b.cpuMs - a.cpuMs) * (t - a.t)) / Math.max(1e-9, b.t - a.t);
}

/** CPU time (ms, all cores) the tree spent in [from, to] (Unix ms). */
export function cpuTimeIn(samples: CpuSample[], [from, to]: [number, number]): number {
  if (!samples.length || samples[0]!.t > from || samples.at(-1)!.t < to) throw new Error('the CPU samples do not cover the window');
  return Math.max(0, cpuAt(samples, to) - cpuAt(samples, from));
}

// Where the numbers were taken: they mean little without the machine, the browser and the code.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface MachineFacts {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  chromium: string;
  playwright: string;
  /** The commit measured; `dirty` when files outside test/bench/ differ from it (untracked files are not built unless a tracked one imports them). */
  commit?: string;
  dirty?: boolean;
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function machineFacts(chromiumVersion: string): MachineFacts {
  const playwright = JSON.parse(readFileSync(new URL('../../node_modules/playwright/package.json', import.meta.url), 'utf8')) as { version: string };
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const changes = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)test/bench']);
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    chromium: chromiumVersion,
    playwright: playwright.version,
    ...(commit ? { commit } : {}),
    ...(changes !== undefined ? { dirty: changes.length > 0 } : {}),
  };
}

// The size budget of each file a page can download: test/package/size-budgets.json, checked by
// package.test.ts against dist/ and rendered into README.md (between the size-budgets markers).
import { readFileSync } from 'node:fs';
import { HASH_DIGITS } from '../../src/build/runtime-assets.mjs';

export interface SizeBudget {
  /** gzip -9 bytes. */
  gzip: number;
  /** How far over `gzip` the file may grow before the test fails; 0.05 unless said. */
  tolerance?: number;
  /** Why the budget is what it is: required once a file was allowed to grow past its tolerance. */
  note?: string;
}

export interface SizeBudgets {
  about: string;
  files: Record<string, SizeBudget>;
}

export const DEFAULT_TOLERANCE = 0.05;
export const README_BLOCK = 'size-budgets';

export const readSizeBudgets = (): SizeBudgets =>
  JSON.parse(readFileSync(new URL('./size-budgets.json', import.meta.url), 'utf8')) as SizeBudgets;

/**
 * `kyc-upload-core-CWGsilkm.js` (the bundler's hash) or `kyc-upload-pipeline-5c6935.js` (ours,
 * HASH_DIGITS hex digits) → `kyc-upload-core.js`: a file's name without its content hash.
 */
export const withoutHash = (file: string): string => file.replace(new RegExp(`-(?:[0-9a-f]{${HASH_DIGITS}}|[\\w-]{8})\\.js$`), '.js');

/**
 * The files a page downloads through the script tag: the two scripts, the hashed files they load
 * by name (runtime-files.json), and the chunks the pipeline imports (`kyc-upload-<name>-<hash>.js`).
 */
export function scriptTagFiles(distFiles: readonly string[], named: readonly string[]): string[] {
  const chunk = /^kyc-upload-[a-z][\w-]*-[\w-]{8}\.js$/;
  return distFiles.filter((file) => /^kyc-(upload|document-set)\.iife\.js$/.test(file) || named.includes(file) || chunk.test(file)).sort();
}

/** The largest size a file may have. */
export const ceiling = ({ gzip, tolerance = DEFAULT_TOLERANCE }: SizeBudget): number => Math.floor(gzip * (1 + tolerance));

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The README's table: each file, its budget, how far it may grow, and why. */
export function renderSizeBudgets({ files }: SizeBudgets): string {
  const rows = Object.entries(files).map(([file, budget]) => {
    const tolerance = budget.tolerance ?? DEFAULT_TOLERANCE;
    return `| ${file} | ${kib(budget.gzip)} | ${tolerance ? `+${tolerance * 100} %` : 'none'} | ${budget.note ?? ''} |`;
  });
  return ['| file (gzip) | budget | may grow | note |', '|---|---:|---:|---|', ...rows, ''].join('\n');
}

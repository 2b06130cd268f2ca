// What every bench entry does around its measurements (run.ts, one.ts).
import { spawnSync } from 'node:child_process';

/** Always a fresh build: a stale dist/ would measure code that is no longer there (~3 s). */
export function build(log: (line: string) => void): void {
  log('build: npm run build');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    throw new Error(`npm run build exited with ${result.status}`);
  }
}

/** Runs `main` and exits: 0 when it resolved, 1 (with the stack) when a measurement went wrong. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

// Build-time only (Vite config and the browser tests' server), never shipped.
//
// The photo quality checks (src/core/quality) as one classic script: the worker of their own that
// the widget starts beside the compressor's (it also defines the global `kycQuality`). Bundled by
// esbuild, synchronously, so the run-time files stay one plain list built in one pass.
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../core/quality/worker-script.ts', import.meta.url));

/** The checks as a minified classic script. */
export function qualityChecksScript() {
  const { outputFiles } = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
  });
  return outputFiles[0].text;
}

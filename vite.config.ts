import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Plugin, defineConfig } from 'vite';

// Files loaded at run time by URL, shipped next to ours so every request stays on the host's
// origin: browser-image-compression's worker `importScripts` its own UMD build (its default is a
// public CDN), and the 3 MB HEIC decoder is too big to bundle.
const require = createRequire(import.meta.url);
const RUNTIME_ASSETS: Record<string, string> = {
  'browser-image-compression.js': 'browser-image-compression/dist/browser-image-compression.js',
  'heic-to.js': 'heic-to/csp',
};
const runtimeAssets = (): Plugin => ({
  name: 'kyc-upload:runtime-assets',
  generateBundle() {
    for (const [fileName, specifier] of Object.entries(RUNTIME_ASSETS)) {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(require.resolve(specifier)) });
    }
  },
});

export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    plugins: [runtimeAssets()],
    build: {
      target: 'es2022',
      emptyOutDir: !iife, // the second build must not wipe the first
      sourcemap: true,
      lib: iife
        ? { entry: 'src/iife.ts', name: 'KycUpload', formats: ['iife'], fileName: () => 'kyc-upload.iife.js' }
        : { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es'] },
      rolldownOptions: {
        external: iife ? [] : [/^lit(\/.*)?$/, /^@lit\//, /^zod(\/.*)?$/, 'file-type', 'browser-image-compression', 'image-size'],
      },
      // The ESM output stays readable for the app's own minifier; the IIFE ships as is.
      minify: iife,
    },
  };
});

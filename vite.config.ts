import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';

// Files loaded at run time by URL, shipped next to ours so every request stays on the host's
// origin: the compressor's worker and the browser-image-compression build it `importScripts`
// (the library's default is a public CDN), and the 3 MB HEIC decoder, too big to bundle.
const require = createRequire(import.meta.url);
const RUNTIME_ASSETS: Record<string, string> = {
  'kyc-upload-compressor.js': './src/core/prepare/compressor.worker.js',
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

// In the script-tag build, the element loads the pipeline by URL (see load-pipeline.script-tag.ts).
const scriptTagPipeline = (): Plugin => ({
  name: 'kyc-upload:script-tag-pipeline',
  enforce: 'pre',
  resolveId(source) {
    if (source === './load-pipeline.js') return fileURLToPath(new URL('src/element/load-pipeline.script-tag.ts', import.meta.url));
  },
});

const EXTERNAL = [/^lit(\/.*)?$/, /^@lit\//, /^zod(\/.*)?$/, 'file-type', 'browser-image-compression', 'image-size'];

// Three builds into dist/ (see package.json "build"):
// `vite build`                 → index.js, define.js: ESM for apps, dependencies left to their bundler
// `vite build --mode pipeline` → kyc-upload-pipeline.js + chunks: the pipeline, self-contained, for the script tag
// `vite build --mode iife`     → kyc-upload.iife.js: the element for <script src>, loads the pipeline on first use
export default defineConfig(({ mode }) => {
  const build = {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: mode !== 'iife' && mode !== 'pipeline', // later builds must not wipe the first
  };
  if (mode === 'iife') {
    return {
      plugins: [scriptTagPipeline()],
      build: {
        ...build,
        lib: { entry: 'src/iife.ts', name: 'KycUpload', formats: ['iife'], fileName: () => 'kyc-upload.iife.js' },
        minify: true,
      },
    };
  }
  if (mode === 'pipeline') {
    return {
      resolve: { alias: { debug: fileURLToPath(new URL('src/core/silent-debug.ts', import.meta.url)) } },
      build: {
        ...build,
        lib: { entry: 'src/core/pipeline.ts', formats: ['es'], fileName: () => 'kyc-upload-pipeline.js' },
        rolldownOptions: { output: { chunkFileNames: 'kyc-upload-[name]-[hash].js' } },
        minify: true,
      },
    };
  }
  return {
    plugins: [runtimeAssets()],
    build: {
      ...build,
      lib: { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es'] },
      rolldownOptions: { external: EXTERNAL },
      // Left readable: the app's own bundler minifies.
      minify: false,
    },
  };
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import { splitHeicTo } from './src/build/split-heic-to.mjs';

// Files loaded at run time by URL, shipped next to ours so every request stays on the host's
// origin: the compressor's worker and the browser-image-compression build it `importScripts`
// (the library's default is a public CDN), and the 3 MB HEIC decoder, too big to bundle, split
// from heic-to so that its worker is a file of the page's origin (see src/build/split-heic-to.mjs).
const require = createRequire(import.meta.url);
const read = (specifier: string) => readFileSync(require.resolve(specifier), 'utf8');
const runtimeAssets = (): Plugin => ({
  name: 'kyc-upload:runtime-assets',
  generateBundle() {
    const heic = splitHeicTo(read('heic-to/csp'));
    const assets: Record<string, string> = {
      'kyc-upload-compressor.js': read('./src/core/prepare/compressor.worker.js'),
      'browser-image-compression.js': read('browser-image-compression/dist/browser-image-compression.js'),
      'heic-to.js': heic.library,
      'heic-to-decoder.js': heic.worker,
    };
    for (const [fileName, source] of Object.entries(assets)) this.emitFile({ type: 'asset', fileName, source });
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

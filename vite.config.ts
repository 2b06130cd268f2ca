import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import { runtimeAssetSources } from './src/build/runtime-assets.mjs';

// The files loaded at run time by URL (workers, the HEIC decoder), shipped next to ours so every
// request stays on the host's origin: see src/build/runtime-assets.mjs.
const runtimeAssets = (): Plugin => ({
  name: 'kyc-upload:runtime-assets',
  generateBundle() {
    for (const [fileName, source] of Object.entries(runtimeAssetSources())) this.emitFile({ type: 'asset', fileName, source });
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

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

// In the script-tag build, the element loads the pipeline and the catalogues by URL (see
// load-pipeline.script-tag.ts and translations/load-translation.script-tag.ts).
const SCRIPT_TAG_SWAPS: Record<string, string> = {
  './load-pipeline.js': 'src/element/load-pipeline.script-tag.ts',
  './load-translation.js': 'src/element/translations/load-translation.script-tag.ts',
};
const scriptTagPipeline = (): Plugin => ({
  name: 'kyc-upload:script-tag-pipeline',
  enforce: 'pre',
  resolveId(source) {
    const swap = SCRIPT_TAG_SWAPS[source];
    if (swap) return fileURLToPath(new URL(swap, import.meta.url));
  },
});

// The catalogues besides English, as modules of their own next to the script-tag bundle.
const LANGUAGE_MODULES = Object.fromEntries(
  ['fr', 'de', 'es', 'it', 'nl'].map((code) => [`kyc-upload-lang-${code}`, `src/element/translations/${code}.ts`]),
);

const EXTERNAL = [/^lit(\/.*)?$/, /^@lit\//, /^react(\/.*)?$/, /^zod(\/.*)?$/, 'file-type', 'browser-image-compression', 'image-size', 'saxes'];

// Three builds into dist/ (see package.json "build"):
// `vite build`                 → index.js, define.js, react.js: ESM for apps, dependencies left to their bundler
// `vite build --mode pipeline` → kyc-upload-pipeline.js + chunks, kyc-upload-lang-*.js: the pipeline and the
//                                 catalogues, self-contained, for the script tag
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
        lib: { entry: { 'kyc-upload-pipeline': 'src/core/pipeline.ts', ...LANGUAGE_MODULES }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
        rolldownOptions: { output: { chunkFileNames: 'kyc-upload-[name]-[hash].js' } },
        minify: true,
      },
    };
  }
  return {
    plugins: [runtimeAssets()],
    build: {
      ...build,
      lib: { entry: { index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts' }, formats: ['es'] },
      rolldownOptions: { external: EXTERNAL },
      // Left readable: the app's own bundler minifies.
      minify: false,
    },
  };
});

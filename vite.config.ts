import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import { minifyStyleLiterals } from './src/build/minify-style-literals.mjs';
import { collapseTemplateWhitespace } from './src/build/collapse-template-whitespace.mjs';
import { MANIFEST, SCRIPT_TAG_FILES, hashedName, hashedRuntimeAssets, runtimeFilesModule } from './src/build/runtime-assets.mjs';
import type { RuntimeFilesManifest } from './src/core/runtime-files.js';

// The files loaded at run time by URL (workers, the HEIC decoder), shipped next to ours so every
// request stays on the host's origin, under content-hashed names: see src/build/runtime-assets.mjs.
const runtime = hashedRuntimeAssets();
const runtimeAssets = (): Plugin => ({
  name: 'kyc-upload:runtime-assets',
  // Storybook's dev server, which runs this config: the same files, by the same names.
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      const source = runtime.files[req.url?.split('?')[0]?.slice(1) ?? ''];
      if (source === undefined) return next();
      res.setHeader('content-type', 'text/javascript; charset=utf-8');
      res.end(source);
    });
  },
  generateBundle() {
    for (const [fileName, source] of Object.entries(runtime.files)) this.emitFile({ type: 'asset', fileName, source });
  },
});

// Every build bakes the hashed names into the widget in place of src/core/runtime-files.js's plain
// ones; the script-tag build's names come from the manifest the pipeline build wrote.
const RUNTIME_FILES_MODULE = fileURLToPath(new URL('src/core/runtime-files.js', import.meta.url));
const bakeRuntimeFiles = (scriptTagFiles: (outDir: string) => typeof SCRIPT_TAG_FILES = () => SCRIPT_TAG_FILES): Plugin => {
  let outDir = 'dist';
  return {
    name: 'kyc-upload:bake-runtime-files',
    enforce: 'pre',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    load(id) {
      if (id === RUNTIME_FILES_MODULE) return runtimeFilesModule(runtime.names, scriptTagFiles(outDir));
    },
  };
};
const fromManifest = (outDir: string) => {
  try {
    return (JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8')) as RuntimeFilesManifest).scriptTagFiles;
  } catch (error) {
    throw new Error(`kyc-upload: the script-tag build needs ${MANIFEST} from the pipeline build (vite build --mode pipeline)`, { cause: error });
  }
};

// The script tag's lazy modules, by their role in SCRIPT_TAG_FILES: the source each is built from,
// and the loader the script-tag build swaps in for the module build's (see load-pipeline.script-tag.ts).
// One row per role (the compiler checks that every role has one); the catalogues are below.
type ScriptTagRole = Exclude<keyof typeof SCRIPT_TAG_FILES, 'languages'>;
const SCRIPT_TAG_MODULES: Record<ScriptTagRole, { entry: string; loader: string; swap: string }> = {
  pipeline: { entry: 'src/core/pipeline.ts', loader: './load-pipeline.js', swap: 'src/element/load-pipeline.script-tag.ts' },
  camera: { entry: 'src/element/camera/camera-dialog.ts', loader: './camera/load-camera.js', swap: 'src/element/camera/load-camera.script-tag.ts' },
  errorMessage: { entry: 'src/element/error-message.ts', loader: './load-error-message.js', swap: 'src/element/load-error-message.script-tag.ts' },
  resume: { entry: 'src/core/resume/resume-session.ts', loader: './load-resume.js', swap: 'src/element/load-resume.script-tag.ts' },
  handoff: { entry: 'src/element/handoff/handoff.ts', loader: './handoff/load-handoff.js', swap: 'src/element/handoff/load-handoff.script-tag.ts' },
};
const SCRIPT_TAG_ROLES = Object.keys(SCRIPT_TAG_MODULES) as ScriptTagRole[];

// The pipeline's and the catalogues' modules renamed after their content, as the runtime files are
// (the hash is of the code; the source-map comment that follows names the file, so it cannot be in
// it), and the manifest of every hashed name written beside them.
const hashEntries = (): Plugin => ({
  name: 'kyc-upload:hash-script-tag-entries',
  generateBundle(_options, bundle) {
    const plainNames = [...SCRIPT_TAG_ROLES.map((role) => SCRIPT_TAG_FILES[role]), ...Object.values(SCRIPT_TAG_FILES.languages)];
    const renamed: Record<string, string> = {};
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !plainNames.includes(chunk.fileName)) continue;
      const code = chunk.code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      const fileName = hashedName(chunk.fileName, code);
      renamed[chunk.fileName] = fileName;
      delete bundle[chunk.fileName];
      delete bundle[`${chunk.fileName}.map`];
      const map = chunk.map ? `//# sourceMappingURL=${fileName}.map\n` : '';
      this.emitFile({ type: 'asset', fileName, source: code + map });
      if (chunk.map) this.emitFile({ type: 'asset', fileName: `${fileName}.map`, source: JSON.stringify({ ...chunk.map, file: fileName }) });
    }
    const named = (plain: string) => renamed[plain] ?? missing(plain);
    const scriptTagFiles = {
      ...(Object.fromEntries(SCRIPT_TAG_ROLES.map((role) => [role, named(SCRIPT_TAG_FILES[role])])) as Record<ScriptTagRole, string>),
      languages: Object.fromEntries(Object.entries(SCRIPT_TAG_FILES.languages).map(([code, plain]) => [code, named(plain)])) as typeof SCRIPT_TAG_FILES.languages,
    };
    const manifest: RuntimeFilesManifest = { runtimeFiles: runtime.names, scriptTagFiles };
    this.emitFile({ type: 'asset', fileName: MANIFEST, source: `${JSON.stringify(manifest, null, 2)}\n` });
  },
});
const missing = (plain: string): never => {
  throw new Error(`kyc-upload: the pipeline build made no ${plain}`);
};

// In the script-tag build, the element loads the pipeline and the catalogues by URL (see
// load-pipeline.script-tag.ts and translations/load-translation.script-tag.ts).
const SCRIPT_TAG_SWAPS: Record<string, string> = {
  ...Object.fromEntries(Object.values(SCRIPT_TAG_MODULES).map(({ loader, swap }) => [loader, swap])),
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
  Object.entries(SCRIPT_TAG_FILES.languages).map(([code, plain]) => [plain.replace(/\.js$/, ''), `src/element/translations/${code}.ts`]),
);

const EXTERNAL = [/^lit(\/.*)?$/, /^@lit\//, /^react(\/.*)?$/, /^zod(\/.*)?$/, 'file-type', 'browser-image-compression', 'image-size', 'saxes'];

// The two classic scripts: `<kyc-upload>` alone, and `<kyc-document-set>` with it. A page loads one.
const SCRIPT_TAG_BUILDS: Record<string, { entry: string; fileName: string }> = {
  iife: { entry: 'src/iife.ts', fileName: 'kyc-upload.iife.js' },
  'iife-document-set': { entry: 'src/iife-document-set.ts', fileName: 'kyc-document-set.iife.js' },
};

// Four builds into dist/ (see package.json "build"), the pipeline's first: it writes the manifest.
// `vite build --mode pipeline` → kyc-upload-pipeline-<hash>.js + chunks, kyc-upload-camera-<hash>.js,
//                                 kyc-upload-lang-*-<hash>.js: the pipeline, the in-page camera and the
//                                 catalogues, self-contained, for the script tag; runtime-files.json
// `vite build`                 → index.js, define.js, define-document-set.js, react.js: ESM for apps, dependencies left to their bundler;
//                                 the runtime files (kyc-upload-compressor-<hash>.js…)
// `vite build --mode iife`     → kyc-upload.iife.js: the element for <script src>, loads the pipeline on first use
// `vite build --mode iife-document-set` → kyc-document-set.iife.js: the same with <kyc-document-set>
export default defineConfig(({ mode }) => {
  const build = {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: mode === 'pipeline', // later builds must not wipe the first
  };
  const scriptTag = SCRIPT_TAG_BUILDS[mode];
  if (scriptTag) {
    return {
      // A classic script has no import.meta: say so, rather than let the bundler warn and guess.
      // The element then finds its files from its <script src> (src/core/assets.ts).
      define: { 'import.meta.url': 'undefined' },
      plugins: [scriptTagPipeline(), bakeRuntimeFiles(fromManifest), minifyStyleLiterals(), collapseTemplateWhitespace()],
      build: {
        ...build,
        lib: { entry: scriptTag.entry, name: 'KycUpload', formats: ['iife'], fileName: () => scriptTag.fileName },
        minify: true,
      },
    };
  }
  if (mode === 'pipeline') {
    return {
      plugins: [bakeRuntimeFiles(), hashEntries()],
      resolve: { alias: { debug: fileURLToPath(new URL('src/core/silent-debug.ts', import.meta.url)) } },
      build: {
        ...build,
        lib: {
          entry: {
            ...Object.fromEntries(SCRIPT_TAG_ROLES.map((role) => [SCRIPT_TAG_FILES[role].replace(/\.js$/, ''), SCRIPT_TAG_MODULES[role].entry])),
            ...LANGUAGE_MODULES,
          },
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
        rolldownOptions: { output: { chunkFileNames: 'kyc-upload-[name]-[hash].js' } },
        minify: true,
      },
    };
  }
  return {
    plugins: [bakeRuntimeFiles(), runtimeAssets(), minifyStyleLiterals(), collapseTemplateWhitespace()],
    build: {
      ...build,
      lib: { entry: { index: 'src/index.ts', define: 'src/define.ts', 'define-document-set': 'src/define-document-set.ts', react: 'src/react.ts' }, formats: ['es'] },
      rolldownOptions: { external: EXTERNAL },
      // Left readable: the app's own bundler minifies.
      minify: false,
    },
  };
});

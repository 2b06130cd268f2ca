// `kyc-upload/vite`: for apps built with Vite. The widget loads a few files by URL at run time
// (the compressor's worker and its library, the quality checks, the HEIC decoder); a bundler cannot see those, so this
// plugin writes them next to the app's chunks, where the widget looks by default. Their names
// carry a hash of their content (listed in runtime-files.json, next to this file), so a host may
// cache its assets folder as immutable. Node only.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

export interface KycUploadPluginOptions {
  /**
   * Ship the HEIC decoder (~3 MB, 750 kB gzip; iPhone photos): on by default. With `false` its
   * file is not emitted and the widget refuses a HEIC with a translated `type-not-allowed`
   * (`details.reason: 'heic-not-included'`) instead of converting it to JPEG.
   */
  heic?: boolean;
}

// The roles of src/core/runtime-files.js, named here because this file's published types must
// stand alone; test/package/runtime-files.test.ts fails the type check if the two part.
interface RuntimeFilesManifest {
  runtimeFiles: Record<'compressorWorker' | 'imageLibrary' | 'heicDecoder' | 'qualityChecks', string>;
}

/** The file names the widget's build baked in, by role. */
export function runtimeFileNames(): RuntimeFilesManifest['runtimeFiles'] {
  const manifest = JSON.parse(readFileSync(new URL('./runtime-files.json', import.meta.url), 'utf8')) as RuntimeFilesManifest;
  return manifest.runtimeFiles;
}

export function kycUpload(options: KycUploadPluginOptions = {}): Plugin {
  const heic = options.heic ?? true;
  const { heicDecoder, ...always } = runtimeFileNames();
  const files = [...Object.values(always), ...(heic ? [heicDecoder] : [])];
  let assetsDir = 'assets';
  const source = (name: string) => readFile(new URL(`./${name}`, import.meta.url));
  return {
    name: 'kyc-upload:runtime-files',
    // The widget reads this flag (a define, in a build; a global set by Vite's client, in dev).
    config: () => (heic ? {} : { define: { __KYC_UPLOAD_HEIC__: 'false' } }),
    configResolved(config) {
      assetsDir = config.build.assetsDir;
    },
    // In dev the widget's modules are served from node_modules (or Vite's pre-bundled copy) and
    // look for these next to themselves: the names are the widget's own, so the ending suffices.
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const name = files.find((file) => req.url?.split('?')[0]?.endsWith(`/${file}`));
        if (!name) return next();
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.end(await source(name));
      });
    },
    async generateBundle() {
      for (const name of files) {
        this.emitFile({ type: 'asset', fileName: `${assetsDir}/${name}`, source: await source(name) });
      }
    },
  };
}

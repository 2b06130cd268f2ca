// `kyc-upload/vite`: for apps built with Vite. The widget loads a few files by URL at run time
// (the compressor's worker and its library, the HEIC decoder); a bundler cannot see those, so this
// plugin writes them next to the app's chunks, where the widget looks by default. Node only.
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

/** The files the widget fetches by URL; the rest of it is bundled with the app. */
export const RUNTIME_FILES = ['kyc-upload-compressor.js', 'browser-image-compression.js', 'heic-to.js', 'heic-to-decoder.js'] as const;

export function kycUpload(): Plugin {
  let assetsDir = 'assets';
  const source = (name: string) => readFile(new URL(`./${name}`, import.meta.url));
  return {
    name: 'kyc-upload:runtime-files',
    configResolved(config) {
      assetsDir = config.build.assetsDir;
    },
    // In dev the widget's modules are served from node_modules (or Vite's pre-bundled copy) and
    // look for these next to themselves: the names are the widget's own, so the ending suffices.
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const name = RUNTIME_FILES.find((file) => req.url?.split('?')[0]?.endsWith(`/${file}`));
        if (!name) return next();
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.end(await source(name));
      });
    },
    async generateBundle() {
      for (const name of RUNTIME_FILES) {
        this.emitFile({ type: 'asset', fileName: `${assetsDir}/${name}`, source: await source(name) });
      }
    },
  };
}

// Build-time only (Vite config and the browser tests' server), never shipped.
//
// The files the widget loads by URL at run time, by the name it asks for them: the compressor's
// worker and the scripts it `importScripts` (the browser-image-compression build, whose default is
// a public CDN, and, for a HEIC, libheif, the 3 MB decoder, too big to bundle), and the photo
// quality checks' worker. The build writes them next to the widget under content-hashed
// names (a host may cache them as immutable); the tests' server answers them under their plain
// names, where the sources look for them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as runtimeFiles from '../core/runtime-files.js';
import { libheifScript } from './libheif.mjs';
import { qualityChecksScript } from './quality-checks.mjs';

/** `{ role: plainName }` of the files the module builds load: all runtime-files.js names but the script tag's. */
export const { SCRIPT_TAG_FILES, ...RUNTIME_FILES } = runtimeFiles;

const require = createRequire(import.meta.url);
const read = (specifier) => readFileSync(require.resolve(specifier), 'utf8');

/** The manifest every build after the pipeline's reads, shipped as `kyc-upload/runtime-files.json`. */
export const MANIFEST = 'runtime-files.json';

/** How many hex digits of a file's SHA-256 its name carries: 16.7 million names for each file. */
export const HASH_DIGITS = 6;

/**
 * The first HASH_DIGITS hex digits of the SHA-256 of a file's text, what its name carries; a
 * source-map comment that ends the file is left out, since it names the file (and so the hash)
 * itself. Six are plenty to tell two builds of a file apart, and fewer is smaller: the page-load
 * script, at its 15 KiB, names ten of these files, whose random digits gzip cannot shrink (eight
 * digits cost it 12 bytes more).
 */
export const contentHash = (source) =>
  createHash('sha256').update(source.replace(/\/\/# sourceMappingURL=\S+\s*$/, '')).digest('hex').slice(0, HASH_DIGITS);

/** `kyc-upload-compressor.js` → `kyc-upload-compressor-012345.js`. */
export const hashedName = (plainName, source) => plainName.replace(/\.js$/, `-${contentHash(source)}.js`);

/** `{ role: source }` under the sources' own names: the compressor imports the plain names. */
export function runtimeSources() {
  return {
    compressorWorker: read('../core/prepare/compressor.worker.js'),
    imageLibrary: read('browser-image-compression/dist/browser-image-compression.js'),
    heicDecoder: libheifScript(),
    qualityChecks: qualityChecksScript(),
  };
}

/** `{ plainName: source }`, for the browser tests' server. */
export function plainRuntimeAssets() {
  const sources = runtimeSources();
  return Object.fromEntries(Object.entries(sources).map(([role, source]) => [RUNTIME_FILES[role], source]));
}

/**
 * The shipped files: `names` (`{ role: hashedName }`) and `files` (`{ hashedName: source }`). The
 * compressor is renamed after its imports are, so a new library or decoder renames it too.
 */
export function hashedRuntimeAssets() {
  const sources = runtimeSources();
  const names = {};
  const files = {};
  const add = (role, source) => {
    names[role] = hashedName(RUNTIME_FILES[role], source);
    files[names[role]] = source;
  };
  add('imageLibrary', sources.imageLibrary);
  add('heicDecoder', sources.heicDecoder);
  add('qualityChecks', sources.qualityChecks);
  let compressor = sources.compressorWorker;
  for (const role of ['imageLibrary', 'heicDecoder']) compressor = replaceOnce(compressor, `'${RUNTIME_FILES[role]}'`, `'${names[role]}'`);
  add('compressorWorker', compressor);
  return { names, files };
}

/** The text of `src/core/runtime-files.js` as a build bakes it: the hashed names in place of the plain ones. */
export function runtimeFilesModule(runtimeFiles, scriptTagFiles = SCRIPT_TAG_FILES) {
  const constants = Object.entries(runtimeFiles).map(([role, name]) => `export const ${role} = ${JSON.stringify(name)};\n`);
  return `${constants.join('')}export const SCRIPT_TAG_FILES = ${JSON.stringify(scriptTagFiles)};\n`;
}

function replaceOnce(source, from, to) {
  const at = source.indexOf(from);
  if (at === -1 || source.indexOf(from, at + 1) !== -1) throw new Error(`expected ${from} exactly once: update src/build/runtime-assets.mjs`);
  return source.slice(0, at) + to + source.slice(at + from.length);
}

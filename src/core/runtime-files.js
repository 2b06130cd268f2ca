// The files the widget loads by URL at run time, by role: the one list of their names.
//
// These are the plain names, under which the browser tests serve the sources. Every build replaces
// this module with the same roles mapped to content-hashed names (src/build/runtime-assets.mjs), so
// a host may cache those files forever: an upgrade changes the names. Plain JavaScript, so that
// the build scripts (Node, no TypeScript) read the very same list; its types: runtime-files.d.ts.
// One constant each, not an object: a build that uses none of them (the script tag) drops them.
/** Our image compressor's worker (compressor.worker.js). */
export const compressorWorker = 'kyc-upload-compressor.js';
/** browser-image-compression, which that worker `importScripts`. */
export const imageLibrary = 'browser-image-compression.js';
/** libheif, the HEIC decoder, which that worker `importScripts` when a HEIC is chosen (src/build/libheif.mjs). */
export const heicDecoder = 'libheif.js';
/** The photo quality checks' worker (src/core/quality/worker-script.ts, bundled), beside the compressor's. */
export const qualityChecks = 'kyc-upload-quality.js';

/**
 * The script-tag build only: the upload pipeline, the in-page camera, the failure sentences, resume
 * after a closed tab, the phone handoff and the catalogues besides English, which the classic script imports by URL. Only the script tag's loaders import it.
 */
export const SCRIPT_TAG_FILES = {
  pipeline: 'kyc-upload-pipeline.js',
  camera: 'kyc-upload-camera.js',
  errorMessage: 'kyc-upload-error-message.js',
  resume: 'kyc-upload-resume.js',
  handoff: 'kyc-upload-handoff.js',
  languages: {
    fr: 'kyc-upload-lang-fr.js',
    de: 'kyc-upload-lang-de.js',
    es: 'kyc-upload-lang-es.js',
    it: 'kyc-upload-lang-it.js',
    nl: 'kyc-upload-lang-nl.js',
  },
};

import { assetUrl } from '../core/assets.js';
import { SCRIPT_TAG_FILES } from '../core/runtime-files.js';

/**
 * The script-tag build swaps this in for `load-pipeline.ts`: a classic script cannot split into
 * chunks, so the pipeline is built as its own module, shipped next to the script, and imported
 * by URL relative to it, under the content-hashed name the build bakes in.
 */
export const loadPipeline = () =>
  import(/* @vite-ignore */ assetUrl(SCRIPT_TAG_FILES.pipeline)) as Promise<typeof import('../core/pipeline.js')>;

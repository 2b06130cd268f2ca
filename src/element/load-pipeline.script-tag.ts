import { assetUrl } from '../core/assets.js';

/**
 * The script-tag build swaps this in for `load-pipeline.ts`: a classic script cannot split into
 * chunks, so the pipeline is built as its own module, shipped next to the script, and imported
 * by URL relative to it.
 */
export const loadPipeline = () =>
  import(/* @vite-ignore */ assetUrl('kyc-upload-pipeline.js')) as Promise<typeof import('../core/pipeline.js')>;

import { assetUrl } from '../core/assets.js';
import { SCRIPT_TAG_FILES } from '../core/runtime-files.js';

/** The script-tag build swaps this in for `load-error-message.ts`: a module next to the script, by URL. */
export const loadErrorMessage = () =>
  import(/* @vite-ignore */ assetUrl(SCRIPT_TAG_FILES.errorMessage)) as Promise<typeof import('./error-message.js')>;

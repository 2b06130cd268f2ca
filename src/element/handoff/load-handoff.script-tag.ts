import { assetUrl } from '../../core/assets.js';
import { SCRIPT_TAG_FILES } from '../../core/runtime-files.js';

/** The script-tag build swaps this in for `load-handoff.ts`: a module next to the script, by URL. */
export const loadHandoff = () => import(/* @vite-ignore */ assetUrl(SCRIPT_TAG_FILES.handoff)) as Promise<typeof import('./handoff.js')>;

import { assetUrl } from '../core/assets.js';
import { SCRIPT_TAG_FILES } from '../core/runtime-files.js';

/** The script-tag build swaps this in for `load-resume.ts`: a module next to the script, by URL. */
export const loadResume = () => import(/* @vite-ignore */ assetUrl(SCRIPT_TAG_FILES.resume)) as Promise<typeof import('../core/resume/resume-session.js')>;

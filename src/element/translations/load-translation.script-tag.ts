import { assetUrl } from '../../core/assets.js';
import { SCRIPT_TAG_FILES } from '../../core/runtime-files.js';
import type { Translation } from './translation.js';

/**
 * The script-tag build swaps this in for `load-translation.ts`: a classic script cannot split into
 * chunks, so each catalogue is built as a module of its own (`kyc-upload-lang-fr-<hash>.js`…),
 * shipped next to the script and imported by URL relative to it, under the name the build bakes in.
 */
const byUrl = (code: keyof typeof SCRIPT_TAG_FILES.languages) => async () =>
  ((await import(/* @vite-ignore */ assetUrl(SCRIPT_TAG_FILES.languages[code]))) as Record<string, Translation>)[code]!;

export const loadBuiltInTranslation: Record<string, () => Promise<Translation>> = Object.fromEntries(
  (Object.keys(SCRIPT_TAG_FILES.languages) as Array<keyof typeof SCRIPT_TAG_FILES.languages>).map((code) => [code, byUrl(code)]),
);

import { assetUrl } from '../../core/assets.js';
import { SCRIPT_TAG_FILES } from '../../core/runtime-files.js';

/**
 * The script-tag build swaps this in for `load-camera.ts`, as it does for the pipeline: the camera
 * is a module of its own next to the script, imported by URL under its content-hashed name.
 */
export const loadCamera = () => import(/* @vite-ignore */ assetUrl(SCRIPT_TAG_FILES.camera)) as Promise<typeof import('./camera-dialog.js')>;

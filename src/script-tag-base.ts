// Run by both script-tag builds as they load.
import { NO_ASSET_BASE, scriptAssetBase, setAssetBase } from './core/assets.js';

// Files loaded later (the pipeline, the compressor's worker) sit next to this script, wherever the
// host serves it from; `currentScript` is only set while the script first runs. Read so page HTML
// cannot point it elsewhere (see scriptAssetBase). Without a real <script src> (a bundler inlined
// this file, say), nothing is guessed: the host names the folder with KycUpload.setAssetBase.
const base = scriptAssetBase(document);
if (base) setAssetBase(base);
else console.error(NO_ASSET_BASE);

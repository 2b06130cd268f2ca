import { compressorWorker, qualityChecks } from './runtime-files.js';

/**
 * Where the files the widget loads at run time live (the pipeline of the script-tag build, the
 * compressor's worker, the HEIC decoder): always the page's own origin, never a CDN. The
 * script-tag bundle sets this from its own <script> element (scriptAssetBase); module builds
 * default to the folder of the module itself, where the build puts those files.
 */
// Kept on the global object: the script-tag build carries this module twice (in the script and in
// the pipeline it loads), and both must agree.
const BASE = Symbol.for('kyc-upload.asset-base');
const shared = globalThis as { [BASE]?: string };

/**
 * The explicit override: the folder holding the widget's files (its pipeline, the compressor's
 * worker…), when the host serves them elsewhere than next to the script or
 * module, or when the script-tag build cannot tell where it was loaded from.
 * `KycUpload.setAssetBase('/static/kyc/')` in the script-tag build.
 */
export function setAssetBase(base: string | URL): void {
  shared[BASE] = new URL(base, realBaseUri(document)).href;
}

/** Said when the script-tag build cannot tell where its files are (the host must). */
export const NO_ASSET_BASE = 'kyc-upload: unknown asset folder; call KycUpload.setAssetBase(url)';

/** An absolute URL, so it means the same wherever it is used (a worker, a dynamic import). */
export function assetUrl(name: string): string {
  // Read through a variable so bundlers leave it alone: this is a folder, not an asset to inline.
  // In the script-tag build it is empty: there the base must have been set.
  const moduleUrl = import.meta.url;
  const base = shared[BASE] ?? (moduleUrl ? new URL('./', moduleUrl).href : undefined);
  if (!base) throw new Error(NO_ASSET_BASE);
  return new URL(name, base).href;
}

/**
 * The folder of the classic script running now, or undefined. Page HTML can shadow
 * `document.currentScript` (`<img name="currentScript" src=…>`: named elements override
 * Document's own properties), so the value is read through Document.prototype's getter, which
 * no element can shadow, and must pass HTMLScriptElement's own `src` getter, which throws for
 * anything that is not a real script element (a forged object with its prototype included).
 */
export function scriptAssetBase(document: Document): string | undefined {
  try {
    const script = getter(Document.prototype, 'currentScript').call(document);
    if (script === null) return undefined;
    const src = getter(HTMLScriptElement.prototype, 'src').call(script) as string;
    return src ? new URL('./', src).href : undefined;
  } catch {
    return undefined;
  }
}

/** `document.baseURI`, which page HTML can also shadow (`<img name="baseURI">`). */
const realBaseUri = (document: Document) => getter(Node.prototype, 'baseURI').call(document) as string;

const getter = (prototype: object, name: string) => Object.getOwnPropertyDescriptor(prototype, name)!.get!;

// Content-hashed in a build (see runtime-files.js).
// The worker finds the scripts it imports (the image library, the HEIC decoder) next to itself.
export const COMPRESSOR_WORKER: string = compressorWorker;
/** The photo quality checks' worker. */
export const QUALITY_WORKER: string = qualityChecks;

// Defined by `kycUpload({ heic: false })` (kyc-upload/vite), the way Vue's feature flags are: a
// bundler's `define` replaces it in a build, and Vite's dev client sets it on the global object.
declare const __KYC_UPLOAD_HEIC__: boolean | undefined;

/** False when the app's build left the HEIC decoder out: a HEIC is then refused, not decoded. */
export const heicDecoderShipped = (): boolean => typeof __KYC_UPLOAD_HEIC__ === 'undefined' || __KYC_UPLOAD_HEIC__ !== false;

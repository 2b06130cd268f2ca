import { COMPRESSOR_WORKER, HEIC_DECODER_WORKER, assetUrl } from './assets.js';

/**
 * Pages that enforce Trusted Types (`require-trusted-types-for 'script'`) refuse plain strings at
 * DOM sinks. The widget meets two: DOMParser (to read SVG and S3's XML errors into inert
 * documents: no script runs, nothing loads) and the Worker constructor (its compressor and the
 * HEIC decoder). One policy, `kyc-upload`, covers both and nothing more: it creates script URLs for
 * the widget's own two worker files only. Hosts allow it next to Lit's: `trusted-types lit-html kyc-upload`.
 */
export function parseInert(text: string, type: DOMParserSupportedType): Document {
  const policy = widgetPolicy();
  return new DOMParser().parseFromString((policy ? policy.createHTML(text) : text) as string, type);
}

/** The URL of one of the widget's own worker scripts, as the Worker constructor accepts it. */
export function workerUrl(name: typeof COMPRESSOR_WORKER | typeof HEIC_DECODER_WORKER): string | URL {
  const url = assetUrl(name);
  const policy = widgetPolicy();
  return (policy ? policy.createScriptURL(url) : url) as string;
}

interface WidgetPolicy {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML(input: string): string; createScriptURL(input: string): string }): WidgetPolicy;
}

// Shared through the global object: a policy name can be created only once per page, and the
// script-tag build may carry this module twice.
const POLICY = Symbol.for('kyc-upload.trusted-types-policy');

function widgetPolicy(): WidgetPolicy | undefined {
  const scope = globalThis as { trustedTypes?: TrustedTypesFactory; [POLICY]?: WidgetPolicy };
  if (!scope.trustedTypes) return undefined;
  return (scope[POLICY] ??= scope.trustedTypes.createPolicy('kyc-upload', {
    createHTML: (input) => input,
    createScriptURL: (input) => {
      if (input !== assetUrl(COMPRESSOR_WORKER) && input !== assetUrl(HEIC_DECODER_WORKER)) throw new TypeError(`kyc-upload creates no script URL for ${input}`);
      return input;
    },
  }));
}

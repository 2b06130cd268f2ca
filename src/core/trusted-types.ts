import { COMPRESSOR_WORKER, QUALITY_WORKER, assetUrl } from './assets.js';

/**
 * Pages that enforce Trusted Types (`require-trusted-types-for 'script'`) refuse plain strings at
 * DOM sinks. The widget meets one: the Worker constructor (its compressor, which also decodes HEIC,
 * and its quality checks). Its policy, `kyc-upload`, creates a script URL for those two files of
 * the page's own origin and
 * nothing else, and no HTML at all (SVG and S3's XML errors are read by a pure-JS XML reader, not
 * DOMParser). Any script of the page can reach the policy (see below), so that is all it must be
 * worth. Hosts allow it next to Lit's: `trusted-types lit-html kyc-upload`.
 */
export function workerUrl(name: string): string | URL {
  const url = assetUrl(name);
  const policy = widgetPolicy();
  return (policy ? policy.createScriptURL(url) : url) as string;
}

interface WidgetPolicy {
  createScriptURL(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): WidgetPolicy;
}

// Shared through the global object: a policy name can be created only once per page, and the
// script-tag build may carry this module twice.
const POLICY = Symbol.for('kyc-upload.trusted-types-policy');

function widgetPolicy(): WidgetPolicy | undefined {
  const scope = globalThis as { trustedTypes?: TrustedTypesFactory; [POLICY]?: WidgetPolicy };
  if (!scope.trustedTypes) return undefined;
  return (scope[POLICY] ??= scope.trustedTypes.createPolicy('kyc-upload', { createScriptURL: ownWorkerOnly }));
}

/**
 * The asset base can be moved by any script (`setAssetBase` is public), so a matching file name
 * is not enough: the URL must also be on the page's origin, where a worker must come from anyway.
 */
function ownWorkerOnly(input: string): string {
  const own = input === assetUrl(COMPRESSOR_WORKER) || input === assetUrl(QUALITY_WORKER);
  if (!own || new URL(input).origin !== globalThis.location.origin) throw new TypeError(`kyc-upload creates no script URL for ${input}`);
  return input;
}

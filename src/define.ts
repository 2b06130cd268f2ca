import { KycUpload } from './element/kyc-upload.js';

export const tagName = 'kyc-upload';

/**
 * Registers `<kyc-upload>`. Safe to call twice (two bundles on one page, hot reload): the first
 * definition wins instead of throwing. `<kyc-document-set>` has an entry of its own
 * (`define-document-set`), so a page with uploads alone does not download the set.
 */
export function defineKycUpload(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(tagName)) registry.define(tagName, KycUpload);
}

defineKycUpload();

declare global {
  interface HTMLElementTagNameMap {
    'kyc-upload': KycUpload;
  }
}

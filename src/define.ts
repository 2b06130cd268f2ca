import { KycUpload } from './element/kyc-upload.js';

export const tagName = 'kyc-upload';

/**
 * Registers `<kyc-upload>`. Safe to call twice (two bundles on one page, hot reload): the first
 * definition wins instead of throwing.
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

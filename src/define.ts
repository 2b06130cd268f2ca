import { KycDocumentSet } from './element/document-set/kyc-document-set.js';
import { KycUpload } from './element/kyc-upload.js';

export const tagName = 'kyc-upload';
export const documentSetTagName = 'kyc-document-set';

/**
 * Registers `<kyc-upload>`. Safe to call twice (two bundles on one page, hot reload): the first
 * definition wins instead of throwing.
 */
export function defineKycUpload(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(tagName)) registry.define(tagName, KycUpload);
}

/** Registers `<kyc-document-set>`, and `<kyc-upload>` for its slots. Safe to call twice. */
export function defineKycDocumentSet(registry: CustomElementRegistry = customElements): void {
  defineKycUpload(registry);
  if (!registry.get(documentSetTagName)) registry.define(documentSetTagName, KycDocumentSet);
}

defineKycDocumentSet();

declare global {
  interface HTMLElementTagNameMap {
    'kyc-upload': KycUpload;
    'kyc-document-set': KycDocumentSet;
  }
}

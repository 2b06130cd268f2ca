import { KycDocumentSet } from './element/document-set/kyc-document-set.js';
import { defineKycUpload } from './define.js';

export { tagName, defineKycUpload } from './define.js';
export const documentSetTagName = 'kyc-document-set';

/** Registers `<kyc-document-set>`, and `<kyc-upload>` for its slots. Safe to call twice. */
export function defineKycDocumentSet(registry: CustomElementRegistry = customElements): void {
  defineKycUpload(registry);
  if (!registry.get(documentSetTagName)) registry.define(documentSetTagName, KycDocumentSet);
}

defineKycDocumentSet();

declare global {
  interface HTMLElementTagNameMap {
    'kyc-document-set': KycDocumentSet;
  }
}

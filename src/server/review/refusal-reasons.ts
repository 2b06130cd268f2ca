/**
 * Why a reviewer refuses a document: Rebilly's rejection types (`KycDocumentRejection.type`), one
 * list for the API's schema, the reviewer's page and the audit trail.
 */
export const REFUSAL_REASONS = ['document-unreadable', 'document-expired', 'document-not-matching', 'underage-person', 'other'] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

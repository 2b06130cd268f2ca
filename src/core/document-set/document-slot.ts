/**
 * Which piece of a document set a file is: the kind of proof, the document the person chose for
 * it, and the side. One list for the browser and the server (the presign request carries all three).
 */
export const DOCUMENT_SIDES = ['front', 'back'] as const;
export type DocumentSide = (typeof DOCUMENT_SIDES)[number];

/**
 * A kind or subtype: lower-case words joined by dashes (`identity-proof`, `id-card`, a host's own
 * `company-register`). They travel in form field names and storage metadata, so nothing else.
 */
export const SLOT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const isSlotName = (value: unknown): value is string => typeof value === 'string' && SLOT_NAME_PATTERN.test(value);
export const isDocumentSide = (value: unknown): value is DocumentSide => (DOCUMENT_SIDES as readonly unknown[]).includes(value);

/** Where an upload belongs in a set; every field is optional for a lone `<kyc-upload>`. */
export interface DocumentSlot {
  kind?: string;
  subtype?: string;
  side?: DocumentSide;
}

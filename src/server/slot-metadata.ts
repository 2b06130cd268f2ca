import { type DocumentSide, isDocumentSide, isSlotName } from '../core/document-set/document-slot.js';

/**
 * The storage metadata that says which piece of a document set an object is. A type, not an
 * interface: it then passes as the `Record<string, string>` that presignDocumentForm's `metadata` is.
 */
export type SlotMetadata = {
  kind?: string;
  subtype?: string;
  side?: DocumentSide;
};

/**
 * `kind`, `subtype` and `side` from any record (a provider request's metadata, an object's S3
 * metadata), each only when it is a slot name or a side; everything else is left behind. What
 * comes out can be signed into a form or written on a copy as it is.
 */
export function slotMetadata(source: object | undefined): SlotMetadata {
  if (!source) return {};
  const { kind, subtype, side } = source as Readonly<Record<string, unknown>>;
  return {
    ...(isSlotName(kind) ? { kind } : {}),
    ...(isSlotName(subtype) ? { subtype } : {}),
    ...(isDocumentSide(side) ? { side } : {}),
  };
}

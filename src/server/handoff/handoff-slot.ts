import * as z from 'zod';
import { DOCUMENT_SIDES, type DocumentSlot, SLOT_NAME_PATTERN } from '../../core/document-set/document-slot.js';

/**
 * The one piece of a document a handoff is for: a lone `<kyc-upload>`'s document type, or a slot of
 * `<kyc-document-set>` (kind, subtype, side) with its type. The same fields as the presign request.
 */
export interface HandoffSlot extends DocumentSlot {
  documentType: number;
}

/** The fields as the element endpoint checks them, so a slot a handoff takes is one a presign accepts. */
export const handoffSlotShape = {
  documentType: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  kind: z.string().regex(SLOT_NAME_PATTERN).optional(),
  subtype: z.string().regex(SLOT_NAME_PATTERN).optional(),
  side: z.enum(DOCUMENT_SIDES).optional(),
};

/**
 * Whether a presign request asks for exactly the handoff's slot: every field equal, an absent one
 * only matching an absent one, so a phone for a front side cannot presign the back, nor a lone
 * upload of the same type.
 */
export function sameSlot(slot: HandoffSlot, asked: HandoffSlot): boolean {
  return slot.documentType === asked.documentType && slot.kind === asked.kind && slot.subtype === asked.subtype && slot.side === asked.side;
}

/** The slot with its absent fields left out (never `undefined`), as JSON and the row types want. */
export function slotOf(fields: { documentType: number; kind?: string | null | undefined; subtype?: string | null | undefined; side?: DocumentSlot['side'] | null | undefined }): HandoffSlot {
  return {
    documentType: fields.documentType,
    ...(fields.kind ? { kind: fields.kind } : {}),
    ...(fields.subtype ? { subtype: fields.subtype } : {}),
    ...(fields.side ? { side: fields.side } : {}),
  };
}

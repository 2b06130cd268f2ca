import type { DocumentSide } from './document-slot.js';
import type { ResolvedRequirement } from './requirements.js';

/** One upload of a set: which document, which side, and the provider type it is sent as. */
export interface SetSlot {
  kind: string;
  subtype: string;
  side: DocumentSide;
  documentType: number | string;
}

/** A stored side, as the completion event and the form report it. */
export interface SetDocument extends SetSlot {
  documentId: string;
}

/** The subtype chosen per kind. */
export type SetChoices = Readonly<Record<string, string>>;

/** Identifies a slot among the set's stored documents; a different subtype is a different slot. */
export const slotKey = (slot: Pick<SetSlot, 'kind' | 'subtype' | 'side'>): string => `${slot.kind}/${slot.subtype}/${slot.side}`;

/** The uploads a requirement asks for with the subtype chosen; none before a choice. */
export function slotsOf(requirement: ResolvedRequirement, subtype: string | undefined): SetSlot[] {
  const option = requirement.subtypes.find((candidate) => candidate.subtype === subtype);
  if (!option) return [];
  return option.sides.map((side) => ({ kind: requirement.kind, subtype: option.subtype, side, documentType: option.documentType }));
}

/** Every slot of the set as chosen so far, in the order shown. */
export function chosenSlots(requirements: readonly ResolvedRequirement[], choices: SetChoices): SetSlot[] {
  return requirements.flatMap((requirement) => slotsOf(requirement, choices[requirement.kind]));
}

/**
 * "2 of 3 documents": the sides stored against the sides needed, counting a requirement whose
 * document is not chosen yet as one (its smallest possible count).
 */
export function setProgress(requirements: readonly ResolvedRequirement[], choices: SetChoices, stored: ReadonlyMap<string, unknown>) {
  let done = 0;
  let total = 0;
  for (const requirement of requirements) {
    const slots = slotsOf(requirement, choices[requirement.kind]);
    if (!slots.length) {
      total += Math.min(...requirement.subtypes.map((option) => option.sides.length));
      continue;
    }
    total += slots.length;
    done += slots.filter((slot) => stored.has(slotKey(slot))).length;
  }
  return { done, total };
}

/**
 * Every side of every requirement stored: the documents in order; otherwise undefined. A set
 * without requirements (not given yet, or refused) is never complete.
 */
export function completeDocuments(
  requirements: readonly ResolvedRequirement[],
  choices: SetChoices,
  stored: ReadonlyMap<string, { documentId: string }>,
): SetDocument[] | undefined {
  if (!requirements.length) return undefined;
  const documents: SetDocument[] = [];
  for (const requirement of requirements) {
    const slots = slotsOf(requirement, choices[requirement.kind]);
    if (!slots.length) return undefined;
    for (const slot of slots) {
      const file = stored.get(slotKey(slot));
      if (!file) return undefined;
      documents.push({ ...slot, documentId: file.documentId });
    }
  }
  return documents;
}

/**
 * The form entry of a stored side: `name[kind][side]`, the shape PHP, Rails and `qs` read as
 * nested fields. One per slot; the subtype is the host's to look up by documentId.
 */
export const formEntryName = (name: string, slot: Pick<SetSlot, 'kind' | 'side'>): string => `${name}[${slot.kind}][${slot.side}]`;

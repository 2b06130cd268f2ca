import { type DocumentSide, isDocumentSide, isSlotName } from './document-slot.js';

/** Text a host gives for its own kinds and subtypes: one string, or one per language code. */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** One document a person may choose to meet a requirement. */
export interface DocumentSubtypeOption {
  /** `passport`, `id-card`…, or the host's own. */
  subtype: string;
  /**
   * The provider's document type sent with each side (the presign request's `documentType`).
   * The host's configuration: the seeds name only Treezor's 9 (identity card).
   */
  documentType: number | string;
  /** The sides to upload, in order. Default: the built-in subtype's, else the front only. */
  sides?: readonly DocumentSide[];
  /** The name shown; built-in subtypes are translated already. */
  label?: LocalizedText;
}

/** One thing the step asks for (a proof of identity), met by any one of its subtypes. */
export interface DocumentRequirement {
  /** `identity-proof`, `address-proof`, or the host's own. */
  kind: string;
  subtypes: readonly DocumentSubtypeOption[];
  /** The heading shown; built-in kinds are translated already. */
  label?: LocalizedText;
}

/** The kinds with an attribute of their own on `<kyc-document-set>`, in the order they are shown. */
export const BUILT_IN_KINDS = ['identity-proof', 'address-proof'] as const;
export type BuiltInKind = (typeof BUILT_IN_KINDS)[number];

/**
 * The subtypes every catalogue names, with their usual sides: an identity card, a driving licence
 * and a residence permit are cards with a back; a passport's photo page and a letter are one side.
 */
export const BUILT_IN_SUBTYPES = {
  passport: ['front'],
  'id-card': ['front', 'back'],
  'driving-license': ['front', 'back'],
  'residence-permit': ['front', 'back'],
  'utility-bill': ['front'],
  'bank-statement': ['front'],
  'tax-notice': ['front'],
} as const satisfies Record<string, readonly DocumentSide[]>;
export type BuiltInSubtype = keyof typeof BUILT_IN_SUBTYPES;

export const isBuiltInSubtype = (subtype: string): subtype is BuiltInSubtype => Object.hasOwn(BUILT_IN_SUBTYPES, subtype);

/** A requirement checked and completed: every subtype has its sides. */
export interface ResolvedSubtype extends DocumentSubtypeOption {
  sides: readonly DocumentSide[];
}
export interface ResolvedRequirement extends DocumentRequirement {
  subtypes: readonly ResolvedSubtype[];
}

/** The requirements a host wrote, or why they cannot be used (said to the developer, not the person). */
export type RequirementsCheck = { ok: true; requirements: ResolvedRequirement[] } | { ok: false; problem: string };

/**
 * The simple case as an attribute: `identity-proof="passport:17 id-card:9"`, each token a subtype
 * and its provider document type; sides come from the built-in table.
 */
export function parseRequirementAttribute(kind: string, text: string | null | undefined): DocumentRequirement | undefined {
  const tokens = (text ?? '').split(/\s+/).filter(Boolean);
  if (!tokens.length) return undefined;
  return {
    kind,
    subtypes: tokens.map((token) => {
      const [subtype = '', documentType = ''] = token.split(':', 2);
      return { subtype, documentType: /^\d+$/.test(documentType) ? Number(documentType) : documentType };
    }),
  };
}

/**
 * Checks what the host declared: names the form and storage can carry, a provider type for every
 * subtype, sides front-then-back without repeats, no kind or subtype twice.
 */
export function resolveRequirements(requirements: readonly DocumentRequirement[]): RequirementsCheck {
  const problem = (text: string): RequirementsCheck => ({ ok: false, problem: text });
  const kinds = new Set<string>();
  const resolved: ResolvedRequirement[] = [];
  for (const requirement of requirements) {
    const { kind } = requirement;
    if (!isSlotName(kind)) return problem(`kind ${JSON.stringify(kind)} must be lower-case words joined by dashes`);
    if (kinds.has(kind)) return problem(`kind "${kind}" is required twice`);
    kinds.add(kind);
    if (!requirement.subtypes?.length) return problem(`kind "${kind}" has no subtype to choose`);
    const subtypes = new Set<string>();
    const options: ResolvedSubtype[] = [];
    for (const option of requirement.subtypes) {
      const { subtype, documentType } = option;
      const where = `"${kind}" subtype ${JSON.stringify(subtype)}`;
      if (!isSlotName(subtype)) return problem(`${where} must be lower-case words joined by dashes`);
      if (subtypes.has(subtype)) return problem(`${where} is listed twice`);
      subtypes.add(subtype);
      const validType = typeof documentType === 'number' ? Number.isSafeInteger(documentType) && documentType >= 0 : /^[\w.-]{1,64}$/.test(documentType ?? '');
      if (!validType) return problem(`${where} needs its provider documentType (a number such as 9, or a short name)`);
      const sides = option.sides ?? (isBuiltInSubtype(subtype) ? BUILT_IN_SUBTYPES[subtype] : ['front']);
      const inOrder = sides.length > 0 && sides.every(isDocumentSide) && sides[0] === 'front' && (sides.length === 1 || (sides.length === 2 && sides[1] === 'back'));
      if (!inOrder) return problem(`${where} sides must be ["front"] or ["front", "back"]`);
      options.push({ ...option, sides });
    }
    resolved.push({ ...requirement, subtypes: options });
  }
  return { ok: true, requirements: resolved };
}

/** `label` in the element's language: exact code, then its language, then the first given. */
export function localized(text: LocalizedText | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const code = lang.toLowerCase();
  const entries = Object.entries(text);
  return (
    entries.find(([key]) => key.toLowerCase() === code)?.[1] ??
    entries.find(([key]) => key.toLowerCase() === code.split('-')[0])?.[1] ??
    entries[0]?.[1]
  );
}

/** What an upload says it is: the presign request's fields. */
export interface SlotClaim {
  kind?: string | undefined;
  subtype?: string | undefined;
  side?: DocumentSide | undefined;
  documentType: number | string;
}

/**
 * Why a claim does not fit the requirements, or undefined when it does: the provider type must be
 * the one the requirements give that kind, subtype and side, so a file cannot be labelled an
 * address proof while the provider counts it as an identity card. A claim without a slot (a lone
 * `<kyc-upload>`) must still use a type the requirements name.
 */
export function slotClaimProblem(requirements: readonly ResolvedRequirement[], claim: SlotClaim): string | undefined {
  const { kind, subtype, side, documentType } = claim;
  if (kind === undefined && subtype === undefined && side === undefined) {
    const named = requirements.some((requirement) => requirement.subtypes.some((option) => option.documentType === documentType));
    return named ? undefined : `documentType ${documentType} is not one the requirements ask for`;
  }
  const requirement = requirements.find((candidate) => candidate.kind === kind);
  if (!requirement) return `kind ${JSON.stringify(kind)} is not required`;
  const option = requirement.subtypes.find((candidate) => candidate.subtype === subtype);
  if (!option) return `${kind} has no subtype ${JSON.stringify(subtype)}`;
  if (side === undefined || !option.sides.includes(side)) return `${option.subtype} has no side ${JSON.stringify(side)}`;
  if (option.documentType !== documentType) return `${option.subtype} is sent as documentType ${option.documentType}`;
  return undefined;
}

/**
 * Why a set of documents does not meet the requirements, or undefined when it does: every claim
 * fits, and each requirement has every side of one of its subtypes (the caller has already
 * refused a side or a kind given twice).
 */
export function setProblem(requirements: readonly ResolvedRequirement[], documents: readonly (SlotClaim & { side: DocumentSide })[]): string | undefined {
  for (const document of documents) {
    const problem = slotClaimProblem(requirements, document);
    if (problem) return problem;
  }
  for (const requirement of requirements) {
    const given = documents.filter((document) => document.kind === requirement.kind);
    const option = requirement.subtypes.find((candidate) => candidate.subtype === given[0]?.subtype);
    if (!option) return `${requirement.kind} is missing`;
    const missing = option.sides.find((side) => !given.some((document) => document.side === side));
    if (missing) return `${requirement.kind} ${option.subtype} has no ${missing}`;
  }
  return undefined;
}

/**
 * The kinds not yet met by `documents` (the validated ones, say): a requirement is met when every
 * side of one of its subtypes has a document claiming it. A document without a slot (a lone
 * `<kyc-upload>`, often one scan of the whole card) counts for every side of a subtype with its type.
 */
export function unmetRequirements(requirements: readonly ResolvedRequirement[], documents: readonly SlotClaim[]): string[] {
  const covers = (requirement: ResolvedRequirement, option: ResolvedSubtype, side: DocumentSide) =>
    documents.some((document) =>
      document.kind === undefined
        ? document.documentType === option.documentType
        : document.kind === requirement.kind && document.subtype === option.subtype && document.side === side && document.documentType === option.documentType,
    );
  return requirements
    .filter((requirement) => !requirement.subtypes.some((option) => option.sides.every((side) => covers(requirement, option, side))))
    .map((requirement) => requirement.kind);
}

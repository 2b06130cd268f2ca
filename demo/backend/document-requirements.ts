import { type DocumentRequirement, resolveRequirements } from '../../src/core/document-set/requirements.js';

/**
 * What the demo's onboarding asks for, one list for the page (`GET /api/kyc/requirements`) and
 * the emulated provider (which documents a KYC review needs): a proof of identity and a proof of
 * address, each met by any one of its subtypes. Sides come from the core's built-in table.
 *
 * Provider document types: 9 is Treezor's identity card, the only type the seeds give. The others
 * are NOT Treezor's: they are this demo emulator's own numbers, kept in the 900s so that nobody
 * mistakes them for the provider's. A real host takes each number from its provider's
 * documentation.
 */
export const DEMO_REQUIREMENTS: DocumentRequirement[] = [
  {
    kind: 'identity-proof',
    subtypes: [
      { subtype: 'passport', documentType: 901 }, // the demo emulator's
      { subtype: 'id-card', documentType: 9 }, // Treezor's identity card (the seeds)
      { subtype: 'driving-license', documentType: 902 }, // the demo emulator's
      { subtype: 'residence-permit', documentType: 903 }, // the demo emulator's
    ],
  },
  {
    kind: 'address-proof',
    subtypes: [
      { subtype: 'utility-bill', documentType: 911 }, // the demo emulator's
      { subtype: 'bank-statement', documentType: 912 }, // the demo emulator's
      { subtype: 'tax-notice', documentType: 913 }, // the demo emulator's
    ],
  },
];

/**
 * The provider's side of the same list: per requirement, the types any one of which meets it
 * (the emulator's `requiredDocumentTypes`). Checked as the element checks it, so a mistake in the
 * list stops the demo at start-up rather than at the first review.
 */
export function requiredDocumentGroups(requirements: readonly DocumentRequirement[]): number[][] {
  const checked = resolveRequirements(requirements);
  if (!checked.ok) throw new Error(`Document requirements: ${checked.problem}`);
  return checked.requirements.map((requirement) =>
    requirement.subtypes.map(({ subtype, documentType }) => {
      if (typeof documentType !== 'number') throw new Error(`Document requirements: "${subtype}" needs a numeric provider type.`);
      return documentType;
    }),
  );
}

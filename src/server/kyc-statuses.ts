/**
 * Treezor's KYC statuses (the new KYC life cycle's `kycStatus`, `codeStatus`, `informationStatus`),
 * from its "KYC Request" guide: one list for the provider emulation and the host.
 */
export const KYC_STATUSES = {
  NONE: { codeStatus: '110001', informationStatus: 'No request has been submitted for this user yet.' },
  PENDING: { codeStatus: '110002', informationStatus: 'The request for verification has been submitted and is currently awaiting review.' },
  INCOMPLETE: { codeStatus: '110003', informationStatus: 'Some documents or information are missing; action is required for this user.' },
  REFUSED: { codeStatus: '110004', informationStatus: 'Treezor refused to validate the user identity due to non-compliance, fraud suspicion, or ineligible documentation.' },
  // Spelt as in the guide's table (its prose says REVIEW_NEEDED).
  REVIEWNEEDED: { codeStatus: '110005', informationStatus: 'The user must be verified again (periodic review or review following an event).' },
  VALIDATED: { codeStatus: '110006', informationStatus: "The user's identity has been successfully verified, and all compliance requirements are met." },
  CANCELED: { codeStatus: '110007', informationStatus: 'The request was canceled after being refused for a certain amount of time.' },
} as const;

export type KycStatus = keyof typeof KYC_STATUSES;

/** What a compliance review can decide (the statuses a `kycreview.result` carries). */
export const KYC_DECISIONS = ['VALIDATED', 'REFUSED', 'INCOMPLETE'] as const satisfies readonly KycStatus[];

export type KycDecision = (typeof KYC_DECISIONS)[number];

export function isKycStatus(value: string): value is KycStatus {
  return Object.hasOwn(KYC_STATUSES, value);
}

/** The human-readable explanation of a status, or of a code the list does not know. */
export function informationStatus(kycStatus: string): string {
  return isKycStatus(kycStatus) ? KYC_STATUSES[kycStatus].informationStatus : `Unknown KYC status ${kycStatus}.`;
}

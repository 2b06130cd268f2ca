/** The legacy `kycReview` values (0 NONE, 1 PENDING, 2 VALIDATED, 3 REFUSED). */
export const KYC_REVIEW = { NONE: 0, PENDING: 1, VALIDATED: 2, REFUSED: 3 } as const;

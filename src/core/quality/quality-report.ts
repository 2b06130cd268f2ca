/**
 * What the on-device checks found in a photo. Advisory: the figures come from the applicant's
 * browser, which can say anything, so a host uses them to route a document to a closer review,
 * never to accept one.
 */
export interface QualityReport {
  /** How blurred the document is: 0 sharp … 1 no detail left. */
  blur: number;
  /** The share of the document's pixels washed out by glare, 0 … 1. */
  glare: number;
  /** The document's mean brightness, 0 black … 1 white. */
  exposure: number;
  /** The document's width in the photo's own pixels (≈ 1000 is 300 DPI across an ID card); 0 when not found. */
  resolution: number;
  /** How many of the document's four corners were found inside the photo (a side running on past one out of the photo: not found), 0 … 4. */
  corners: number;
  passed: boolean;
  /** What is wrong, the most useful to fix first; empty when passed. */
  issues: QualityIssue[];
}

/** What the checks can find wrong with a photo, each with its own advice to the person. */
export const QUALITY_ISSUES = ['document-not-found', 'cut-off', 'too-small', 'blurred', 'glare', 'too-dark', 'too-bright'] as const;
export type QualityIssue = (typeof QUALITY_ISSUES)[number];

/** What a photo's on-device checks can find wrong with it, each with its own advice. */
export const QUALITY_ISSUES = ['blurred', 'glare', 'too-dark', 'too-bright', 'too-small', 'document-not-found', 'cut-off'] as const;
export type QualityIssue = (typeof QUALITY_ISSUES)[number];

/** A shot's verdict as the camera acts on it: advisory, since the applicant's browser can say anything. */
export interface ShotVerdict {
  passed: boolean;
  /** The most useful thing to fix first, when not passed. */
  issue?: QualityIssue;
}

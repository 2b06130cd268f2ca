import type { QualityIssue, QualityReport } from './quality-report.js';

/** What a chosen photo may be sent back for: what taking it again fixes. */
export const RETAKE_ISSUES = ['too-small', 'blurred', 'glare', 'too-dark', 'too-bright'] as const satisfies readonly QualityIssue[];
export type RetakeIssue = (typeof RETAKE_ISSUES)[number];

/**
 * Why a photo the person chose (not one the in-page camera already judged) is worth taking
 * again, or nothing. A chosen file may be a scan, a screenshot or a tight crop: the checks find no
 * document in it, or one "cut off", and that is no reason to turn it away. Only a document found
 * whole, with background around it, is surely a photo of one, whose sharpness, light and size the
 * person can fix; the first such issue is the one said.
 */
export function retakeIssue(report: QualityReport): RetakeIssue | undefined {
  if (report.corners < 4) return undefined;
  return RETAKE_ISSUES.find((issue) => report.issues.includes(issue));
}

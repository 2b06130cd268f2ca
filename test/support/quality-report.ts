import type { QualityIssue, QualityReport } from '../../src/core/quality/quality-report.js';

/** A report that fails for `issue` (or passes, given none), for the camera's tests and stories. */
export const reportOf = (issue?: QualityIssue): QualityReport => ({
  blur: issue === 'blurred' ? 0.8 : 0.1,
  glare: issue === 'glare' ? 0.2 : 0,
  exposure: issue === 'too-dark' ? 0.1 : issue === 'too-bright' ? 0.95 : 0.55,
  resolution: issue === 'too-small' ? 400 : 1400,
  corners: issue === 'cut-off' ? 3 : issue === 'document-not-found' ? 0 : 4,
  passed: !issue,
  issues: issue ? [issue] : [],
});

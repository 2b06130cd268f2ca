// Which chosen photos are sent back for a retake: only a document found whole, with a fixable issue.
import { expect } from '@open-wc/testing';
import type { QualityIssue, QualityReport } from '../../src/core/quality/quality-report.js';
import { retakeIssue } from '../../src/core/quality/retake.js';

const report = (corners: number, ...issues: QualityIssue[]): QualityReport => ({
  blur: 0.1, glare: 0, exposure: 0.5, resolution: 1200, corners, passed: issues.length === 0, issues,
});

describe('retakeIssue', () => {
  it('names the first fixable issue of a document found whole', () => {
    expect(retakeIssue(report(4, 'blurred'))).to.equal('blurred');
    expect(retakeIssue(report(4, 'too-small', 'glare'))).to.equal('too-small');
    expect(retakeIssue(report(4, 'too-dark'))).to.equal('too-dark');
  });

  it('sends nothing back when the photo passed', () => {
    expect(retakeIssue(report(4))).to.equal(undefined);
  });

  it('never sends back a scan or a crop: no document found, or one cut off, whatever else is said', () => {
    expect(retakeIssue(report(0, 'document-not-found'))).to.equal(undefined);
    expect(retakeIssue(report(0, 'too-bright'))).to.equal(undefined);
    expect(retakeIssue(report(3, 'cut-off', 'blurred'))).to.equal(undefined);
  });
});

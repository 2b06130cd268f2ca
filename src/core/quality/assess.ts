// All the checks on one photo, in one order: find the document, then read inside it.
import type { DocumentShape } from '../capture/document-frame.js';
import { blurOf } from './blur.js';
import { findDocument } from './corners.js';
import { exposureIssue, exposureOf } from './exposure.js';
import { glareOf } from './glare.js';
import { type GreyImage, type GreySource, greyCopy, sourceSize } from './grey-image.js';
import { centralQuad, insetQuad, regionInside } from './quad.js';
import { QUALITY_ISSUES, type QualityIssue, type QualityReport } from './quality-report.js';
import { documentWidth, isTooSmall } from './resolution.js';
import { BLUR, GLARE, INSIDE_DOCUMENT } from './thresholds.js';

export interface AssessOptions {
  /** The photo's own size, which the grey copy was shrunk from. */
  sourceWidth: number;
  sourceHeight: number;
  /** The document asked for; an ID card's when not said. */
  shape?: DocumentShape;
}

export function assessGrey(grey: GreyImage, { sourceWidth, shape = 'card' }: AssessOptions): QualityReport {
  const found = findDocument(grey, shape);
  // Without an outline the figures describe the middle of the photo, where the person aimed.
  const region = regionInside(grey, found ? insetQuad(found.quad, INSIDE_DOCUMENT) : centralQuad(grey));
  const blur = blurOf(grey, region);
  const glare = glareOf(grey, region);
  const exposure = exposureOf(grey, region);
  const resolution = found ? Math.round(documentWidth(found.quad, shape, sourceWidth / grey.width)) : 0;
  const corners = found?.cornersInside ?? 0;
  const issues = new Set<QualityIssue>();
  if (!found) {
    // A washed-out photo loses the document's edges with its detail: the light is what to fix. A
    // dark one keeps them (edges are relative to the photo's contrast), so darkness is no excuse.
    // Otherwise the rest would describe whatever is in the middle: finding the document comes first.
    issues.add(exposureIssue(exposure) === 'too-bright' ? 'too-bright' : 'document-not-found');
  } else {
    const lit = exposureIssue(exposure);
    // A washed-out document's sides fade into a pale background, so its outline (and with it the
    // corners and the width) is unreliable: the light is what to fix first.
    const outlineTrusted = lit !== 'too-bright';
    // A cut-off document's width is only what shows: it says nothing about the pixels.
    if (outlineTrusted && corners < 4) issues.add('cut-off');
    else if (outlineTrusted && isTooSmall(resolution, shape)) issues.add('too-small');
    if (blur > BLUR.limit) issues.add('blurred');
    if (lit) issues.add(lit);
    // A document washed out as a whole is saturated everywhere: that is exposure, not a reflection.
    else if (glare > GLARE.limit) issues.add('glare');
  }
  const ordered = QUALITY_ISSUES.filter((issue) => issues.has(issue));
  return { blur, glare, exposure: exposure.mean, resolution, corners, passed: ordered.length === 0, issues: ordered };
}

export interface AssessImageOptions {
  shape?: DocumentShape;
  /** The size of the original when `source` is already a smaller copy of it. */
  sourceWidth?: number;
  sourceHeight?: number;
  /**
   * The caller hands `source` over (an ImageBitmap or a VideoFrame): it is closed as soon as its
   * grey copy is made, so a 12 MP decode's 48 MB go before the checks run instead of after.
   */
  handOver?: boolean;
}

/** The checks on a decoded photo or a camera frame: a grey copy, then assessGrey. Worker-safe. */
export function assessImage(source: GreySource, options: AssessImageOptions = {}): QualityReport {
  const size = sourceSize(source);
  const grey = greyCopy(source);
  if (options.handOver && 'close' in source) source.close();
  return assessGrey(grey, {
    sourceWidth: options.sourceWidth ?? size.width,
    sourceHeight: options.sourceHeight ?? size.height,
    ...(options.shape ? { shape: options.shape } : {}),
  });
}

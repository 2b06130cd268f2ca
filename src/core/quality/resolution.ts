// How many of the photo's own pixels span the document's width: what decides whether its small
// print can be read, whatever size the checks looked at.
import type { DocumentShape } from '../capture/document-frame.js';
import { type Quad, distance } from './quad.js';
import { MIN_DOCUMENT_WIDTH } from './thresholds.js';

/**
 * The document's width in source pixels: the mean of its two long sides for a card or a passport
 * page (landscape), of its two short sides for a page (portrait), whichever way it was held.
 * `scale` is source pixels per pixel of the copy the quad was found on.
 */
export function documentWidth(quad: Quad, shape: DocumentShape, scale: number): number {
  const [a, b, c, d] = quad;
  const one = (distance(a, b) + distance(c, d)) / 2;
  const other = (distance(b, c) + distance(d, a)) / 2;
  return (shape === 'page' ? Math.min(one, other) : Math.max(one, other)) * scale;
}

export const isTooSmall = (width: number, shape: DocumentShape) => width < MIN_DOCUMENT_WIDTH[shape];

// The document's outline in an image, and the pixels inside it.
import type { GreyImage } from './grey-image.js';

export interface Point {
  x: number;
  y: number;
}

/** Four corners in order around the outline (either direction). */
export type Quad = readonly [Point, Point, Point, Point];

export const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

export const scaleQuad = (quad: Quad, by: number): Quad => quad.map((p) => ({ x: p.x * by, y: p.y * by })) as unknown as Quad;

/** The quad shrunk towards its centre by `share` of its size: the document without its edges. */
export function insetQuad(quad: Quad, share: number): Quad {
  const cx = quad.reduce((sum, p) => sum + p.x, 0) / 4;
  const cy = quad.reduce((sum, p) => sum + p.y, 0) / 4;
  return quad.map((p) => ({ x: cx + (p.x - cx) * (1 - share), y: cy + (p.y - cy) * (1 - share) })) as unknown as Quad;
}

/** Twice the signed area (shoelace); its sign says which way the corners turn. */
export function signedArea2(quad: Quad): number {
  let sum = 0;
  for (let i = 0; i < 4; i += 1) {
    const a = quad[i]!;
    const b = quad[(i + 1) % 4]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum;
}

export function isConvex(quad: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i += 1) {
    const a = quad[i]!;
    const b = quad[(i + 1) % 4]!;
    const c = quad[(i + 2) % 4]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (cross === 0) return false;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/**
 * The pixels a check reads, as one span a row: `start[y] ≤ x < end[y]` (empty when equal).
 * Spans keep the checks to one pass over the rows, with no mask to allocate and fill.
 */
export interface Region {
  start: Int32Array;
  end: Int32Array;
  /** How many pixels the spans hold. */
  area: number;
}

/** The pixels inside a convex quad, clipped to the image. */
export function regionInside(image: Pick<GreyImage, 'width' | 'height'>, quad: Quad): Region {
  const start = new Int32Array(image.height);
  const end = new Int32Array(image.height);
  let area = 0;
  for (let y = 0; y < image.height; y += 1) {
    const cy = y + 0.5;
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < 4; i += 1) {
      const a = quad[i]!;
      const b = quad[(i + 1) % 4]!;
      if ((a.y <= cy && b.y > cy) || (b.y <= cy && a.y > cy)) {
        const x = a.x + ((cy - a.y) * (b.x - a.x)) / (b.y - a.y);
        low = Math.min(low, x);
        high = Math.max(high, x);
      }
    }
    const from = Math.max(0, Math.ceil(low - 0.5));
    const to = Math.min(image.width, Math.floor(high - 0.5) + 1);
    if (to > from) {
      start[y] = from;
      end[y] = to;
      area += to - from;
    }
  }
  return { start, end, area };
}

/** The middle of the image, for when no document was found: what the person most likely aimed at. */
export function centralQuad(image: Pick<GreyImage, 'width' | 'height'>, share = 0.6): Quad {
  const mx = (image.width * (1 - share)) / 2;
  const my = (image.height * (1 - share)) / 2;
  return [{ x: mx, y: my }, { x: image.width - mx, y: my }, { x: image.width - mx, y: image.height - my }, { x: mx, y: image.height - my }];
}

// Finds the document: the four straight lines around it (two roughly parallel pairs, allowing
// perspective) whose quadrilateral has the document's proportions and edges along its sides.
// A side the photo cut off has no edge: an image border may stand in for it (two borders, at a
// corner of the photo, when the document runs off that corner), and its corners then count as
// outside the photo. So does a corner where the outline stopped at a line of the document's own
// layout while one of its sides runs on, along the document's edge, out of the photo.
import { DOCUMENT_ASPECT, type DocumentShape } from '../capture/document-frame.js';
import type { GreyImage } from './grey-image.js';
import { type EdgeMap, edgeMap } from './edge-map.js';
import { type Line, angleBetween, borderLines, houghLines, intersection } from './hough-lines.js';
import { type Point, type Quad, distance, isConvex, signedArea2 } from './quad.js';
import { OUTLINE } from './thresholds.js';

export interface DocumentOutline {
  /** Corners in the grey copy's pixels; a corner outside the photo is where its sides would meet. */
  quad: Quad;
  /**
   * How many of the four corners lie inside the photo and are corners: one past which a side runs
   * on, along an edge, out of the photo is where a line of the document's layout stopped, not its corner.
   */
  cornersInside: number;
}

export function findDocument(grey: GreyImage, shape: DocumentShape): DocumentOutline | undefined {
  const map = edgeMap(grey);
  const lines = [...houghLines(map), ...borderLines(map.width, map.height)];
  const pairs = parallelPairs(lines, map);
  const wanted = longOverShort(DOCUMENT_ASPECT[shape]);
  let best: { quad: Quad; sides: Line[]; score: number } | undefined;
  for (let i = 0; i < pairs.length; i += 1) {
    for (let j = i + 1; j < pairs.length; j += 1) {
      const [p1, p2] = pairs[i]!;
      const [q1, q2] = pairs[j]!;
      if (q1 === p1 || q1 === p2 || q2 === p1 || q2 === p2) continue;
      if (Math.min(angleBetween(p1, q1), angleBetween(p1, q2), angleBetween(p2, q1), angleBetween(p2, q2)) < OUTLINE.minCornerAngle) continue;
      const border = p1.border || p2.border || q1.border || q2.border;
      const corners = [intersection(p1, q1), intersection(p1, q2), intersection(p2, q2), intersection(p2, q1)];
      if (corners.some((c) => !c || !nearImage(c, map))) continue;
      const quad = corners as unknown as Quad;
      if (!isConvex(quad) || Math.abs(signedArea2(quad)) / 2 < OUTLINE.minArea * map.width * map.height) continue;
      if (!border && !hasAspect(quad, wanted)) continue;
      const sides = [p1, q2, p2, q1];
      const score = outlineScore(map, quad, sides);
      if (score !== undefined && (!best || score > best.score)) best = { quad, sides, score };
    }
  }
  if (!best || best.score < OUTLINE.minSupportedLength * Math.min(map.width, map.height)) return undefined;
  const inside = cornersInside(map, best.quad, best.sides, shape);
  // Edge-map pixel centres to grey-copy pixel centres.
  const toGrey = (p: Point) => ({ x: p.x * map.factor + (map.factor - 1) / 2, y: p.y * map.factor + (map.factor - 1) / 2 });
  return { quad: best.quad.map(toGrey) as unknown as Quad, cornersInside: inside };
}

/**
 * How many corners are the document's own, inside the photo: `sides[s]` runs from `quad[s]` to
 * `quad[s + 1]`. A corner past which either of its sides goes on along an edge up to the photo's
 * border is not one: the document runs on out of the photo there, and the outline stopped short
 * at a line of its layout (a portrait's edge, a header's), which would pass a cut-off document as
 * whole and too small. But a passport's photo page is one page of an open booklet: its short
 * sides go on across the fold as the facing page's, which the photo may well cut.
 */
export function cornersInside(map: EdgeMap, quad: Quad, sides: readonly Line[], shape: DocumentShape): number {
  return quad.filter((corner, s) => {
    const before = quad[(s + 3) % 4]!;
    const after = quad[(s + 1) % 4]!;
    const arriving = distance(before, corner);
    const leaving = distance(corner, after);
    const runsOn = (from: Point, line: Line, length: number, other: number) =>
      !(shape === 'passportPage' && length < other) && runsOnToBorder(map, from, corner, line);
    return insidePhoto(corner, map) && !runsOn(before, sides[(s + 3) % 4]!, arriving, leaving) && !runsOn(after, sides[s]!, leaving, arriving);
  }).length;
}

/** Whether the side from `from` to `corner` goes on past the corner, along an edge, out of the photo. */
function runsOnToBorder(map: EdgeMap, from: Point, corner: Point, line: Line): boolean {
  // A side along the photo's own border (a blur smears the picture's edge into one) is the border.
  if (line.border || alongBorder(map, from, corner)) return false;
  const length = distance(from, corner);
  const ux = (corner.x - from.x) / length;
  const uy = (corner.y - from.y) / length;
  const nx = Math.cos(line.theta);
  const ny = Math.sin(line.theta);
  let misses = 0;
  for (let t = 1; ; t += 1) {
    const x = corner.x + t * ux;
    const y = corner.y + t * uy;
    // Reached the border: a run too short to tell from a corner near the border is a corner.
    if (x < 2 || y < 2 || x > map.width - 3 || y > map.height - 3) return t >= OUTLINE.minRunOn * Math.min(map.width, map.height);
    if (edgeNear(map, x, y, nx, ny, line.theta)) misses = 0;
    else if ((misses += 1) > OUTLINE.runOnGap) return false;
  }
}

/** Both points within a few pixels of the same border of the photo. */
function alongBorder(map: EdgeMap, a: Point, b: Point): boolean {
  const near = OUTLINE.nearBorder;
  const far = (p: Point) => [p.x, p.y, map.width - 1 - p.x, map.height - 1 - p.y];
  const [fa, fb] = [far(a), far(b)];
  return fa.some((d, i) => d <= near && fb[i]! <= near);
}

/** Pairs of lines that could be opposite sides: near-parallel (perspective tilts them) and apart. */
function parallelPairs(lines: Line[], map: EdgeMap): Array<[Line, Line]> {
  const pairs: Array<[Line, Line]> = [];
  const center = { x: map.width / 2, y: map.height / 2 };
  for (let i = 0; i < lines.length; i += 1) {
    for (let j = i + 1; j < lines.length; j += 1) {
      const a = lines[i]!;
      const b = lines[j]!;
      if ((a.border && b.border) || angleBetween(a, b) > OUTLINE.maxSideTilt) continue;
      if (gap(a, b, center) < OUTLINE.minSideGap * Math.min(map.width, map.height)) continue;
      pairs.push([a, b]);
    }
  }
  return pairs;
}

/** How far apart two near-parallel lines pass by a point. */
function gap(a: Line, b: Line, p: Point): number {
  const side = (line: Line) => p.x * Math.cos(line.theta) + p.y * Math.sin(line.theta) - line.rho;
  // A line near θ = 0 and one near θ = π face opposite ways: measure both along the same normal.
  const opposite = Math.abs(a.theta - b.theta) > Math.PI / 2;
  return Math.abs(side(a) - (opposite ? -side(b) : side(b)));
}

/** Inside the photo, a pixel clear of its border (a corner on the border was cut there). */
const insidePhoto = (p: Point, map: EdgeMap) => p.x >= 1 && p.y >= 1 && p.x <= map.width - 2 && p.y <= map.height - 2;

const longOverShort = (aspect: number) => Math.max(aspect, 1 / aspect);

function nearImage(p: Point, map: EdgeMap): boolean {
  const reach = OUTLINE.maxCornerOutside;
  return p.x > -reach * map.width && p.x < (1 + reach) * map.width && p.y > -reach * map.height && p.y < (1 + reach) * map.height;
}

/** Perspective shortens one pair of sides: the ratio of the mean opposite sides, within a tolerance. */
function hasAspect(quad: Quad, wanted: number): boolean {
  const [a, b, c, d] = quad;
  const measured = longOverShort((distance(a, b) + distance(c, d)) / (distance(b, c) + distance(d, a)));
  return Math.abs(Math.log(measured / wanted)) <= Math.log(OUTLINE.aspectTolerance);
}

/**
 * The length of the outline that runs along an edge of the right direction, summed over the
 * sides; undefined when a side is mostly outside the photo or not along an edge. A border side
 * counts nothing: a whole document outlined beats a cut one.
 */
function outlineScore(map: EdgeMap, quad: Quad, sides: Line[]): number | undefined {
  let score = 0;
  for (let s = 0; s < 4; s += 1) {
    const line = sides[s]!;
    if (line.border) continue;
    const a = quad[s]!;
    const b = quad[(s + 1) % 4]!;
    const length = distance(a, b);
    const samples = Math.max(16, Math.min(64, Math.round(length / 3)));
    const nx = Math.cos(line.theta);
    const ny = Math.sin(line.theta);
    let visible = 0;
    let hits = 0;
    let darkerOutside = 0;
    const hit: boolean[] = [];
    for (let k = 0; k < samples; k += 1) {
      const t = (k + 0.5) / samples;
      const x = a.x + t * (b.x - a.x);
      const y = a.y + t * (b.y - a.y);
      if (x < 2 || y < 2 || x > map.width - 3 || y > map.height - 3) continue;
      visible += 1;
      const edge = edgeNear(map, x, y, nx, ny, line.theta);
      hit.push(edge);
      if (edge) hits += 1;
      darkerOutside += Math.sign(stepAcross(map, x, y, nx, ny));
    }
    if (visible < OUTLINE.minVisibleSide * samples) return undefined;
    const support = hits / visible;
    if (support < OUTLINE.minSideSupport) return undefined;
    // A document's side is one step of brightness all along, the same way round; a ruled line or a
    // row of text has the same brightness either side, or steps both ways.
    if (Math.abs(darkerOutside) / visible < OUTLINE.minStepConsistency) return undefined;
    // A side the photo cuts runs into the border: its edge goes on up to where it leaves the photo.
    // An object that merely stops short of the border (a note, a card whose edge fades) does not.
    const stretch = Math.max(1, Math.round(hit.length * OUTLINE.runInStretch));
    const supported = (part: boolean[]) => part.filter(Boolean).length / part.length >= OUTLINE.minSideSupport;
    if (!insidePhoto(a, map) && !supported(hit.slice(0, stretch))) return undefined;
    if (!insidePhoto(b, map) && !supported(hit.slice(-stretch))) return undefined;
    score += support * (visible / samples) * length;
  }
  return score;
}

/** Brightness a few pixels to one side of the line minus the other side's (0 off the image). */
function stepAcross(map: EdgeMap, x: number, y: number, nx: number, ny: number): number {
  const at = (d: number) => {
    const px = Math.round(x + d * nx);
    const py = Math.round(y + d * ny);
    return px < 0 || py < 0 || px >= map.width || py >= map.height ? undefined : map.image.data[py * map.width + px]!;
  };
  const one = at(OUTLINE.stepReach);
  const other = at(-OUTLINE.stepReach);
  return one === undefined || other === undefined ? 0 : one - other;
}

/** An edge at (x, y) or one pixel either side across the line, facing across the line. */
function edgeNear(map: EdgeMap, x: number, y: number, nx: number, ny: number, theta: number): boolean {
  for (let d = -1; d <= 1; d += 1) {
    const px = Math.round(x + d * nx);
    const py = Math.round(y + d * ny);
    const i = py * map.width + px;
    if (map.strength[i]! < map.threshold) continue;
    const diff = Math.abs(map.direction[i]! - theta) % Math.PI;
    if (Math.min(diff, Math.PI - diff) <= OUTLINE.maxEdgeTurn) return true;
  }
  return false;
}

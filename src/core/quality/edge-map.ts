// The strong, thin edges of a small copy of the photo: what the document's outline is looked for in.
import type { GreyImage } from './grey-image.js';
import { EDGES } from './thresholds.js';

export interface EdgeMap {
  width: number;
  height: number;
  /** How many grey-copy pixels one edge-map pixel spans across. */
  factor: number;
  /** The grey copy shrunk by `factor`: the brightness either side of an edge. */
  image: GreyImage;
  /** Gradient strength (Sobel |gx| + |gy|) at every pixel. */
  strength: Float32Array;
  /** Gradient direction (radians, −π … π) at every pixel. */
  direction: Float32Array;
  /** Indices of the pixels kept as edges: local maxima across the edge, above the threshold. */
  edges: Int32Array;
  /** The strength an edge must have, for testing a side of a candidate outline. */
  threshold: number;
}

/** Box-averages `grey` by an integer factor: cheap, and without aliasing. */
export function boxShrink(grey: GreyImage, factor: number): GreyImage {
  if (factor <= 1) return grey;
  const width = Math.floor(grey.width / factor);
  const height = Math.floor(grey.height / factor);
  const data = new Uint8Array(width * height);
  const sums = new Uint32Array(width);
  const cell = factor * factor;
  for (let y = 0; y < height; y += 1) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy += 1) {
      const row = (y * factor + dy) * grey.width;
      for (let x = 0, sx = row; x < width; x += 1) {
        let sum = 0;
        for (let dx = 0; dx < factor; dx += 1, sx += 1) sum += grey.data[sx]!;
        sums[x] += sum;
      }
    }
    for (let x = 0; x < width; x += 1) data[y * width + x] = Math.round(sums[x]! / cell);
  }
  return { width, height, data };
}

export function edgeMap(grey: GreyImage): EdgeMap {
  const factor = Math.max(1, Math.ceil(Math.max(grey.width, grey.height) / EDGES.workingSide));
  const small = boxShrink(grey, factor);
  const { width, height, data } = small;
  const strength = new Float32Array(width * height);
  const direction = new Float32Array(width * height);
  const histogram = new Uint32Array(2048);
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const i = y * width + x;
      const a = data[i - width - 1]!, b = data[i - width]!, c = data[i - width + 1]!;
      const d = data[i - 1]!, f = data[i + 1]!;
      const g = data[i + width - 1]!, h = data[i + width]!, k = data[i + width + 1]!;
      const gx = c + 2 * f + k - a - 2 * d - g;
      const gy = g + 2 * h + k - a - 2 * b - c;
      const s = Math.abs(gx) + Math.abs(gy);
      strength[i] = s;
      direction[i] = Math.atan2(gy, gx);
      histogram[Math.min(2047, s)] += 1;
    }
  }
  // Relative to the photo's own contrast (a dark photo has weak edges), with a floor against noise.
  const threshold = Math.max(EDGES.minStrength, EDGES.shareOfStrong * percentile(histogram, (width - 2) * (height - 2), EDGES.strongPercentile));
  const kept: number[] = [];
  for (let y = 2; y < height - 2; y += 1) {
    for (let x = 2; x < width - 2; x += 1) {
      const i = y * width + x;
      const s = strength[i]!;
      if (s < threshold) continue;
      // Thin to one pixel: keep only the maximum across the edge (one of four directions).
      const angle = direction[i]!;
      const octant = Math.round(((angle + Math.PI) * 4) / Math.PI) % 4;
      const step = octant === 0 ? 1 : octant === 1 ? width + 1 : octant === 2 ? width : width - 1;
      if (s >= strength[i - step]! && s >= strength[i + step]!) kept.push(i);
    }
  }
  return { width, height, factor, image: small, strength, direction, edges: Int32Array.from(kept), threshold };
}

function percentile(histogram: Uint32Array, count: number, share: number): number {
  const wanted = count * share;
  let seen = 0;
  for (let value = 0; value < histogram.length; value += 1) {
    seen += histogram[value]!;
    if (seen >= wanted) return value;
  }
  return histogram.length - 1;
}

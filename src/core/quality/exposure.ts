// How bright the document is, and whether it is too dark or washed out as a whole. A washed-out
// document is the exposure's fault, not glare's: glare is a patch (glare.ts).
import type { GreyImage } from './grey-image.js';
import type { Region } from './quad.js';
import { EXPOSURE } from './thresholds.js';

export interface Exposure {
  /** Mean brightness, 0 black … 1 white. */
  mean: number;
  /** The share of pixels at or above EXPOSURE.nearWhite. */
  nearWhite: number;
}

export function exposureOf(grey: GreyImage, region: Region): Exposure {
  let sum = 0;
  let white = 0;
  for (let y = 0; y < grey.height; y += 1) {
    for (let i = y * grey.width + region.start[y]!, end = y * grey.width + region.end[y]!; i < end; i += 1) {
      const v = grey.data[i]!;
      sum += v;
      if (v >= EXPOSURE.nearWhite) white += 1;
    }
  }
  if (region.area === 0) return { mean: 0, nearWhite: 0 };
  return { mean: sum / region.area / 255, nearWhite: white / region.area };
}

export function exposureIssue({ mean, nearWhite }: Exposure): 'too-dark' | 'too-bright' | undefined {
  if (mean < EXPOSURE.darkMean) return 'too-dark';
  if (nearWhite > EXPOSURE.washedOut) return 'too-bright';
  return undefined;
}

// Glare: patches of the document washed to white by a reflection. Only connected patches of some
// size count: a white letter or a speck of JPEG noise is not glare.
import type { GreyImage } from './grey-image.js';
import type { Region } from './quad.js';
import { GLARE } from './thresholds.js';

/** The share of the region inside saturated patches, 0 … 1. */
export function glareOf(grey: GreyImage, region: Region): number {
  if (region.area === 0) return 0;
  const { width, data } = grey;
  const saturated = new Uint8Array(data.length);
  let any = false;
  for (let y = 0; y < grey.height; y += 1) {
    for (let i = y * width + region.start[y]!, end = y * width + region.end[y]!; i < end; i += 1) {
      if (data[i]! >= GLARE.level) {
        saturated[i] = 1;
        any = true;
      }
    }
  }
  if (!any) return 0;
  const minPatch = GLARE.minPatch * region.area;
  const stack: number[] = [];
  let glare = 0;
  for (let start = 0; start < saturated.length; start += 1) {
    if (saturated[start] !== 1) continue;
    // Flood fill (4-connected); visited pixels are marked 2.
    saturated[start] = 2;
    stack.push(start);
    let size = 0;
    while (stack.length) {
      const i = stack.pop()!;
      size += 1;
      const x = i % width;
      if (x > 0 && saturated[i - 1] === 1) { saturated[i - 1] = 2; stack.push(i - 1); }
      if (x < width - 1 && saturated[i + 1] === 1) { saturated[i + 1] = 2; stack.push(i + 1); }
      if (i >= width && saturated[i - width] === 1) { saturated[i - width] = 2; stack.push(i - width); }
      if (i + width < saturated.length && saturated[i + width] === 1) { saturated[i + width] = 2; stack.push(i + width); }
    }
    if (size >= minPatch) glare += size;
  }
  return glare / region.area;
}

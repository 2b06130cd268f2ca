// How blurred the document is: the share of its fine variation that survives a further blur
// (Crété-Roffet et al., "The blur effect", 2007). A sharp photo loses much of its pixel-to-pixel
// variation to a 9-pixel average; a blurred one has little left to lose. A ratio of the photo
// to itself, so neither contrast nor brightness nor the amount of text moves it much.
import type { GreyImage } from './grey-image.js';
import type { Region } from './quad.js';

const TAPS = 9;
const HALF = TAPS >> 1;

/** 0 sharp … 1 no detail left: the worse of the horizontal and vertical directions (motion blur has one). */
export function blurOf(grey: GreyImage, region: Region): number {
  const { width, height, data } = grey;
  let across = 0, acrossLost = 0, down = 0, downLost = 0;
  for (let y = HALF + 1; y < height - HALF; y += 1) {
    const from = Math.max(region.start[y]!, HALF + 1);
    const to = Math.min(region.end[y]!, width - HALF);
    for (let x = from, i = y * width + from; x < to; x += 1, i += 1) {
      const v = data[i]!;
      // The difference of the 9-pixel averages at i and i − 1 is that of the pixels at i + 4 and i − 5.
      const h = Math.abs(v - data[i - 1]!);
      const hBlurred = Math.abs(data[i + HALF]! - data[i - HALF - 1]!) / TAPS;
      across += h;
      acrossLost += Math.max(0, h - hBlurred);
      const d = Math.abs(v - data[i - width]!);
      const dBlurred = Math.abs(data[i + HALF * width]! - data[i - (HALF + 1) * width]!) / TAPS;
      down += d;
      downLost += Math.max(0, d - dBlurred);
    }
  }
  if (across === 0 || down === 0) return 1;
  return Math.max(1 - acrossLost / across, 1 - downLost / down);
}

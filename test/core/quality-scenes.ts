// Photos of a card drawn at test time on an OffscreenCanvas (every engine has its 2d context):
// a textured background, a card with a header, a portrait, text and two machine-readable lines,
// and what can go wrong with the photo. Canvas has no perspective: the labelled set
// (test/fixtures/quality/make-set.ts) covers that, measured by the bench.
export interface SceneOptions {
  width?: number;
  height?: number;
  /** The card's width in pixels and its centre; turned by `angle` radians. */
  cardWidth?: number;
  center?: { x: number; y: number };
  angle?: number;
  /** No card at all. */
  empty?: boolean;
  /**
   * Out of focus: three box blurs of this radius (≈ a gaussian), in JavaScript: canvas `filter` is
   * missing from WebKit, and its scaling up is blocky, which would add edges instead of removing them.
   */
  blur?: number;
  glare?: boolean;
  /** Multiplies the light (< 1 darker); `wash` adds white over everything (0 … 1). */
  gain?: number;
  wash?: number;
}

const CARD_ASPECT = 85.6 / 54;

export function cardScene(options: SceneOptions = {}): OffscreenCanvas {
  const { width = 1600, height = 1200, cardWidth = 1150, angle = 0.07, blur = 0, gain = 1, wash = 0 } = options;
  const center = options.center ?? { x: width / 2, y: height / 2 };
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const ground = ctx.createLinearGradient(0, 0, width, height);
  ground.addColorStop(0, '#1d3b4a');
  ground.addColorStop(1, '#0d1a26');
  ctx.fillStyle = ground;
  ctx.fillRect(0, 0, width, height);
  // A few soft shapes, so the background is not a clean gradient.
  for (let i = 0; i < 12; i += 1) {
    ctx.fillStyle = `rgba(${60 + i * 9}, ${90 + i * 5}, ${110 - i * 3}, 0.25)`;
    ctx.beginPath();
    ctx.arc((i * 397) % width, (i * 613) % height, 40 + ((i * 53) % 120), 0, 2 * Math.PI);
    ctx.fill();
  }
  if (!options.empty) drawCard(ctx, center, cardWidth, angle);
  if (options.glare) {
    const spot = ctx.createRadialGradient(center.x + cardWidth * 0.15, center.y, 0, center.x + cardWidth * 0.15, center.y, cardWidth * 0.18);
    spot.addColorStop(0, 'rgba(255, 255, 255, 1)');
    spot.addColorStop(0.55, 'rgba(255, 255, 255, 1)');
    spot.addColorStop(1, 'rgba(255, 255, 255, 0)');
    ctx.fillStyle = spot;
    ctx.fillRect(0, 0, width, height);
  }
  if (gain !== 1) {
    ctx.globalCompositeOperation = 'multiply';
    const level = Math.round(255 * gain);
    ctx.fillStyle = `rgb(${level}, ${level}, ${level})`;
    ctx.fillRect(0, 0, width, height);
    ctx.globalCompositeOperation = 'source-over';
  }
  if (wash) {
    ctx.globalCompositeOperation = 'lighter';
    const level = Math.round(255 * wash);
    ctx.fillStyle = `rgb(${level}, ${level}, ${level})`;
    ctx.fillRect(0, 0, width, height);
    ctx.globalCompositeOperation = 'source-over';
  }
  return blur ? blurred(canvas, blur) : canvas;
}

function drawCard(ctx: OffscreenCanvasRenderingContext2D, center: { x: number; y: number }, width: number, angle: number): void {
  const height = width / CARD_ASPECT;
  const u = width / 856; // the card's own units, 856 across
  ctx.save();
  ctx.translate(center.x, center.y);
  ctx.rotate(angle);
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = '#d5e4ec';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#6f98b3';
  ctx.fillRect(0, 0, width, 70 * u);
  ctx.fillStyle = '#b9c2c8';
  ctx.fillRect(40 * u, 100 * u, 230 * u, 290 * u);
  ctx.fillStyle = '#5b5048';
  ctx.beginPath();
  ctx.ellipse(155 * u, 210 * u, 50 * u, 58 * u, 0, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = '#15202a';
  ctx.font = `bold ${28 * u}px sans-serif`;
  ctx.fillText('IDENTITY CARD · SPECIMEN', 40 * u, 48 * u);
  const fields = ['SPECIMEN', 'ALEX', '01.02.1990', '123456789', '01.02.2031'];
  fields.forEach((value, i) => {
    ctx.font = `${16 * u}px sans-serif`;
    ctx.fillText('Field', 300 * u, (130 + i * 58) * u);
    ctx.font = `bold ${26 * u}px sans-serif`;
    ctx.fillText(value, 300 * u, (154 + i * 58) * u);
  });
  ctx.font = `${34 * u}px monospace`;
  ctx.fillText('IDXYZ123456789<<<<<<<<<<<<<<<<', 40 * u, 455 * u);
  ctx.fillText('SPECIMEN<<ALEX<<<<<<<<<<<<<<<<', 40 * u, 499 * u);
  ctx.restore();
}

function blurred(canvas: OffscreenCanvas, radius: number): OffscreenCanvas {
  const ctx = canvas.getContext('2d')!;
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const { width, height, data } = image;
  const line = new Float32Array(Math.max(width, height));
  const pass = (count: number, length: number, at: (i: number, k: number) => number) => {
    for (let i = 0; i < count; i += 1) {
      for (let channel = 0; channel < 3; channel += 1) {
        for (let k = 0; k < length; k += 1) line[k] = data[at(i, k) + channel]!;
        let sum = 0;
        for (let k = -radius; k <= radius; k += 1) sum += line[Math.min(length - 1, Math.max(0, k))]!;
        for (let k = 0; k < length; k += 1) {
          data[at(i, k) + channel] = sum / (2 * radius + 1);
          sum += line[Math.min(length - 1, k + radius + 1)]! - line[Math.max(0, k - radius)]!;
        }
      }
    }
  };
  for (let round = 0; round < 3; round += 1) {
    pass(height, width, (y, x) => (y * width + x) * 4);
    pass(width, height, (x, y) => (y * width + x) * 4);
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

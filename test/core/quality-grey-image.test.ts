import { expect } from '@open-wc/testing';
import type { KycQuality } from '../../src/core/quality/worker-script.js';
import { greyCopy, sourceSize } from '../../src/core/quality/grey-image.js';
import type { QualityReport } from '../../src/core/quality/quality-report.js';
import { cardScene } from './quality-scenes.js';

const filled = (width: number, height: number, color: string) => {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, width, height);
  return canvas;
};

describe('greyCopy', () => {
  it('shrinks a 4000×3000 photo to 1024 px on its longer side, and leaves a small one as it is', () => {
    const copy = greyCopy(filled(4000, 3000, '#808080'));
    expect([copy.width, copy.height]).to.deep.equal([1024, 768]);
    const small = greyCopy(filled(640, 360, '#808080'));
    expect([small.width, small.height]).to.deep.equal([640, 360]);
  });

  it('turns colour into Rec. 601 luma', () => {
    const at = (color: string) => greyCopy(filled(8, 8, color)).data[0]!;
    expect(at('#ffffff')).to.be.within(254, 255);
    expect(at('#ff0000')).to.be.closeTo(76, 2);
    expect(at('#00ff00')).to.be.closeTo(149, 2);
    expect(at('#0000ff')).to.be.closeTo(29, 2);
  });

  it('averages detail finer than the copy instead of aliasing it into false sharpness', () => {
    // Black and white pixels at random, 4096×3072 to 1024×768: each copy pixel should be the mean
    // of 16, spread ±32 around grey. Sampling some of them instead (one bilinear draw: ±69) would
    // make grain look like detail, and a blurred photo look sharp.
    const canvas = new OffscreenCanvas(4096, 3072);
    const ctx = canvas.getContext('2d')!;
    const noise = ctx.createImageData(4096, 3072);
    let seed = 1;
    for (let i = 0; i < noise.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      noise.data.fill((seed >>> 16) & 1 ? 255 : 0, i, i + 3);
      noise.data[i + 3] = 255;
    }
    ctx.putImageData(noise, 0, 0);
    const copy = greyCopy(canvas);
    let sum = 0;
    let squares = 0;
    for (const value of copy.data) {
      sum += value;
      squares += value * value;
    }
    const mean = sum / copy.data.length;
    expect(mean).to.be.within(117, 138);
    expect(Math.sqrt(squares / copy.data.length - mean * mean)).to.be.below(45);
  });

  it('sizes a VideoFrame by its display size, where the engine has VideoFrame', function () {
    if (typeof VideoFrame === 'undefined') this.skip();
    const frame = new VideoFrame(filled(64, 48, '#808080'), { timestamp: 0 });
    try {
      expect(sourceSize(frame)).to.deep.equal({ width: 64, height: 48 });
      expect(greyCopy(frame).width).to.equal(64);
    } finally {
      frame.close();
    }
  });
});

describe('worker-script', () => {
  it('gives a worker self.kycQuality.assessImage, which checks a transferred ImageBitmap', async () => {
    const worker = new Worker(new URL('./quality-test-worker.ts', import.meta.url), { type: 'module' });
    try {
      const bitmap = await createImageBitmap(cardScene());
      const report = await new Promise<QualityReport>((resolve, reject) => {
        worker.onmessage = ({ data }: MessageEvent<QualityReport>) => resolve(data);
        worker.onerror = (event) => reject(new Error(event.message || 'worker error'));
        worker.postMessage(bitmap, [bitmap]);
      });
      expect(report.issues).to.deep.equal([]);
      expect(report.corners).to.equal(4);
    } finally {
      worker.terminate();
    }
  });

  it('declares the global it sets', () => {
    const declared: KycQuality | undefined = globalThis.kycQuality;
    expect(declared).to.equal(undefined);
  });
});

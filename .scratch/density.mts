import { join } from 'node:path';
import sharp from 'sharp';
import { findDocument } from '../src/core/quality/corners.ts';
import { edgeMap } from '../src/core/quality/edge-map.ts';
import { qualitySet } from '../test/fixtures/quality/make-set.ts';
const { folder, photos } = await qualitySet(() => {});
for (const photo of photos) {
  const scale = Math.min(1, 1024 / Math.max(photo.width, photo.height));
  const { data, info } = await sharp(join(folder, photo.file)).resize(Math.round(photo.width * scale), Math.round(photo.height * scale), { kernel: 'linear' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const grey = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  const found = findDocument(grey, photo.shape);
  if (!found || found.cornersInside < 4) continue;
  const map = edgeMap(grey);
  const f = map.factor;
  const quad = found.quad.map((p) => ({ x: (p.x - (f - 1) / 2) / f, y: (p.y - (f - 1) / 2) / f }));
  const cx = quad.reduce((s, p) => s + p.x, 0) / 4, cy = quad.reduce((s, p) => s + p.y, 0) / 4;
  let worst = 0;
  for (let i = 0; i < 4; i++) {
    const a = quad[i]!, b = quad[(i + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    let nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
    if ((cx - a.x) * nx + (cy - a.y) * ny < 0) { nx = -nx; ny = -ny; }
    const band = Math.max(3, 0.12 * len);
    let inE = 0, inN = 0, outE = 0, outN = 0;
    for (let t = 0.15; t <= 0.85; t += 0.02) for (let d = 2; d <= band; d += 1) {
      for (const sgn of [1, -1]) {
        const x = Math.round(a.x + (b.x - a.x) * t + sgn * nx * d), y = Math.round(a.y + (b.y - a.y) * t + sgn * ny * d);
        if (x < 0 || y < 0 || x >= map.width || y >= map.height) continue;
        const e = map.strength[y * map.width + x]! > map.threshold ? 1 : 0;
        if (sgn === 1) { inE += e; inN++; } else { outE += e; outN++; }
      }
    }
    if (outN < 50 || inN < 50) continue;
    const ratio = (outE / outN) / Math.max(1e-3, inE / inN);
    worst = Math.max(worst, ratio);
  }
  console.log(worst.toFixed(2).padStart(6), photo.half.padEnd(9), photo.file, photo.issues.join(' '));
}

import { join } from 'node:path';
import sharp from 'sharp';
import { findDocument } from '../src/core/quality/corners.ts';
import { weakestSideStep } from '../src/core/quality/side-step.ts';
import { qualitySet } from '../test/fixtures/quality/make-set.ts';
const { folder, photos } = await qualitySet(() => {});
for (const photo of photos) {
  const scale = Math.min(1, 1024 / Math.max(photo.width, photo.height));
  const { data, info } = await sharp(join(folder, photo.file)).resize(Math.round(photo.width * scale), Math.round(photo.height * scale), { kernel: 'linear' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const grey = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  const found = findDocument(grey, photo.shape);
  if (!found || found.cornersInside < 4) continue;
  const step = weakestSideStep(grey, found.quad, Math.round(0.015 * Math.min(grey.width, grey.height)));
  console.log(step?.toFixed(1).padStart(6), photo.half.padEnd(9), photo.file, photo.issues.join(' '));
}

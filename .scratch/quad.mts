import { join } from 'node:path';
import sharp from 'sharp';
import { findDocument } from '../src/core/quality/corners.ts';
import { assessGrey } from '../src/core/quality/assess.ts';
import { qualitySet } from '../test/fixtures/quality/make-set.ts';
const { folder, photos } = await qualitySet(() => {});
for (const photo of photos.filter((p) => process.argv.slice(2).includes(p.file))) {
  const scale = Math.min(1, 1024 / Math.max(photo.width, photo.height));
  const { data, info } = await sharp(join(folder, photo.file)).resize(Math.round(photo.width * scale), Math.round(photo.height * scale), { kernel: 'linear' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const grey = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  const found = findDocument(grey, photo.shape);
  console.log(photo.file, info.width, info.height, JSON.stringify(found?.quad.map((p) => [Math.round(p.x), Math.round(p.y)])), found?.cornersInside, JSON.stringify(assessGrey(grey, { sourceWidth: photo.width, sourceHeight: photo.height, shape: photo.shape })));
  if (found) {
    const pts = found.quad.map((p) => `${p.x},${p.y}`).join(' ');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${info.width}" height="${info.height}"><polygon points="${pts}" fill="none" stroke="red" stroke-width="6"/></svg>`;
    const base = await sharp(join(folder, photo.file)).resize(info.width, info.height).composite([{ input: Buffer.from(svg) }]).png().toBuffer();
    await sharp(base).resize(640).toFile(`/tmp/probe/q-${photo.file}.png`);
  }
}

import { expect } from '@open-wc/testing';
import { setAssetBase } from '../../src/core/assets.js';
import { prepareFile } from '../../src/core/prepare/prepare.js';
import { fixtureFile } from './files.js';
import { pixel } from './image-bytes.js';
import { rejection } from './rejection.js';

const LIMIT = 4_500_000;
setAssetBase('/__assets__/');

// Slow by design: every prepareFile of a HEIC starts a worker that loads and compiles libheif
// (about a second each in Chromium, several in WebKit), so these stay out of the quick loop; the
// full run has them, with room for a loaded 2-core machine (one test here decodes twice).
describe('prepareFile on a HEIC', function () {
  this.timeout(60_000);
  // photo.heic is coded 600×800 with an irot box that turns it upright, and an EXIF Orientation 6
  // that HEIF readers ignore (applied on top, it would lay the chart on its side again).
  for (const name of ['photo.heic', 'photo-upright.heic']) {
    it(`converts HEIC to JPEG with the decoder served from the same origin, upright (${name})`, async () => {
      const prepared = await prepareFile(await fixtureFile(name, name, 'image/heic'), 'image/heic', { maxSize: LIMIT });
      expect(prepared.type).to.equal('image/jpeg');
      expect(prepared.file.name).to.equal(name.replace('.heic', '.jpg'));
      expect(prepared.transformations[0]).to.equal('heic-to-jpeg');
      expect([prepared.width, prepared.height]).to.deep.equal([800, 600]);
      const bitmap = await createImageBitmap(prepared.file);
      expect([bitmap.width, bitmap.height]).to.deep.equal([800, 600]);
      const [r, g, b] = await pixel(prepared.file, 0.5, 0.03);
      expect(r, 'the red bar is at the top').to.be.above(180);
      expect(g + b).to.be.below(120);
      expect(prepared.encoding).to.include({ attempts: 1, decodes: 1 });
    });
  }

  it('decodes a HEIC once however many encodes it takes to fit, and encodes nothing on the main thread', async () => {
    const file = await fixtureFile('photo.heic', 'photo.heic', 'image/heic');
    const first = await prepareFile(file, 'image/heic', { maxSize: LIMIT });
    // Under what the first quality gives, above what the lowest does: the quality must come down.
    const maxSize = Math.round(first.file.size * 0.6);
    const canvasCalls: string[] = [];
    type Methods = Record<string, (...args: unknown[]) => unknown>;
    const spies: [Methods, string][] = [
      [HTMLCanvasElement.prototype as unknown as Methods, 'toBlob'],
      [HTMLCanvasElement.prototype as unknown as Methods, 'toDataURL'],
      [OffscreenCanvas.prototype as unknown as Methods, 'convertToBlob'],
      [CanvasRenderingContext2D.prototype as unknown as Methods, 'putImageData'],
    ];
    const originals = spies.map(([target, name]) => {
      const original = target[name]!;
      target[name] = function (this: unknown, ...args: unknown[]) {
        canvasCalls.push(name);
        return original.apply(this, args);
      };
      return original;
    });
    let prepared;
    try {
      prepared = await prepareFile(file, 'image/heic', { maxSize });
    } finally {
      spies.forEach(([target, name], i) => (target[name] = originals[i]!));
    }
    expect(prepared.file.size).to.be.at.most(maxSize);
    expect(prepared.encoding!.attempts).to.be.at.least(2);
    expect(prepared.encoding!.decodes).to.equal(1);
    expect(canvasCalls).to.deep.equal([]);
  });

  it('keeps a checked HEIC decoded for the encodes after the first: the checks get a copy of it', async () => {
    const file = await fixtureFile('photo.heic', 'photo.heic', 'image/heic');
    const first = await prepareFile(file, 'image/heic', { maxSize: LIMIT });
    const prepared = await prepareFile(file, 'image/heic', { maxSize: Math.round(first.file.size * 0.6), assess: {} });
    expect(prepared.encoding!.attempts).to.be.at.least(2);
    expect(prepared.encoding!.decodes, 'not decoded again').to.equal(1);
    expect(prepared.quality, 'checked').to.be.an('object');
  });

  it("says preparation-failed, not damaged, when the HEIC decoder cannot load, and damaged for a HEIC cut short", async () => {
    const file = await fixtureFile('photo.heic', 'photo.heic', 'image/heic');
    setAssetBase('/__assets-without-heic__/');
    try {
      const error = await rejection(prepareFile(file, 'image/heic', { maxSize: LIMIT }));
      expect(error.code).to.equal('preparation-failed');
      expect(error.isRejection, 'the file is not to blame').to.equal(false);
    } finally {
      setAssetBase('/__assets__/');
    }
    const cut = new File([file.slice(0, Math.floor(file.size * 0.6))], 'photo.heic', { type: 'image/heic' });
    expect((await rejection(prepareFile(cut, 'image/heic', { maxSize: LIMIT }))).code).to.equal('damaged');
  });
});

import { expect } from '@open-wc/testing';
import { setAssetBase } from '../../src/core/assets.js';
import { readImageFacts } from '../../src/core/prepare/image-facts.js';
import { estimateJpegQuality } from '../../src/core/prepare/jpeg-quality.js';
import { BlockReader } from '../../src/core/prepare/image-segments.js';
import { findLocationMetadata } from '../../src/core/prepare/location-metadata.js';
import { MAX_PIXELS, prepareFile } from '../../src/core/prepare/prepare.js';
import { countReads, fixtureFile } from './files.js';
import { decodedPixels, exifAfterFrame, pixel, withOrientation, withSecondExif } from './image-bytes.js';
import { EXIF_VARIANTS } from './location-cases.js';
import { rejection } from './rejection.js';
import { cardScene } from './quality-scenes.js';

const LIMIT = 4_500_000;
setAssetBase('/__assets__/');

describe('prepareFile', () => {
  it('sends a clean JPEG that fits untouched', async () => {
    const file = await fixtureFile('id-card.jpg');
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: LIMIT });
    expect(prepared.file).to.equal(file);
    expect(prepared.transformations).to.deep.equal([]);
  });

  it('turns a rotated JPEG with GPS upright and strips its metadata', async () => {
    const file = await fixtureFile('rotated-gps.jpg');
    const before = await readImageFacts(file, 'image/jpeg');
    expect(before.hasMetadata).to.equal(true);
    expect(before.orientation).to.equal(6);
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: LIMIT });
    expect(prepared.type).to.equal('image/jpeg');
    expect(prepared.transformations).to.include.members(['oriented', 'metadata-stripped']);
    const after = await readImageFacts(prepared.file, 'image/jpeg');
    expect(after.hasMetadata).to.equal(false);
    // Orientation 6 stores the picture turned a quarter: applied, width and height swap.
    expect([after.width, after.height]).to.deep.equal([before.height, before.width]);
  });

  // A browser reads the orientation from an EXIF segment anywhere before the first scan, at its
  // first directory's real offset; image-size reads the first segment only and stops at the frame
  // header. Each of these must still be turned: the encode of a photo kept at its size draws it.
  for (const [variant, moved] of [
    ['its EXIF after the frame header', exifAfterFrame],
    ['a second EXIF segment without an orientation', withSecondExif],
  ] as const) {
    it(`turns a rotated JPEG with ${variant} upright`, async () => {
      const source = new Uint8Array(await (await fixtureFile('rotated-gps.jpg')).arrayBuffer());
      const file = new File([moved(source)], 'photo.jpg', { type: 'image/jpeg' });
      const before = await readImageFacts(file, 'image/jpeg');
      expect(before.turned).to.equal(true);
      for (const maxSize of [LIMIT, Math.floor(file.size * 0.9)]) {
        const prepared = await prepareFile(file, 'image/jpeg', { maxSize });
        expect(prepared.transformations, `maxSize ${maxSize}`).to.include('oriented');
        expect([prepared.width, prepared.height], `maxSize ${maxSize}`).to.deep.equal([before.height, before.width]);
        const { width, height } = await decodedPixels(prepared.file);
        expect([width, height], `maxSize ${maxSize}: the file itself`).to.deep.equal([before.height, before.width]);
      }
    });
  }

  it('strips location from a small PNG that already fits, and keeps it PNG', async () => {
    const file = await fixtureFile('small-gps.png');
    expect((await readImageFacts(file, 'image/png')).hasMetadata).to.equal(true);
    const prepared = await prepareFile(file, 'image/png', { maxSize: LIMIT });
    expect(prepared.type).to.equal('image/png');
    expect(prepared.transformations).to.deep.equal(['metadata-stripped']);
    expect((await readImageFacts(prepared.file, 'image/png')).hasMetadata).to.equal(false);
  });

  it('strips location from a small JPEG that already fits', async () => {
    const prepared = await prepareFile(await fixtureFile('small-gps.jpg'), 'image/jpeg', { maxSize: LIMIT });
    expect(prepared.transformations).to.include('metadata-stripped');
    expect((await readImageFacts(prepared.file, 'image/jpeg')).hasMetadata).to.equal(false);
  });

  const fixtureBytes = async (fixture: string) => new Uint8Array(await (await fixtureFile(fixture)).arrayBuffer());
  const sameFile = async (name: string, type: string) => new File([await fixtureBytes(name)], name.split('/').pop()!, { type });
  const uprightCamera = async () => new File([withOrientation(await fixtureBytes('camera-q75.jpg'), 1)], 'IMG_0075.jpg', { type: 'image/jpeg' });
  const cases: Array<[string, () => Promise<File>, 'image/jpeg' | 'image/png']> = [
    ['small-gps.jpg', () => sameFile('small-gps.jpg', 'image/jpeg'), 'image/jpeg'],
    ['small-gps.png', () => sameFile('small-gps.png', 'image/png'), 'image/png'],
    ['hostile/jpeg-gps-between-scans.jpg', () => sameFile('hostile/jpeg-gps-between-scans.jpg', 'image/jpeg'), 'image/jpeg'],
    ['camera-q75.jpg with Orientation 1 (quality 75, 4:4:4)', uprightCamera, 'image/jpeg'],
    ...EXIF_VARIANTS.map((variant): [string, () => Promise<File>, 'image/jpeg' | 'image/png'] =>
      [variant.name, async () => new File([await variant.build(fixtureBytes)], variant.name, { type: variant.type }), variant.type]),
  ];
  for (const [name, make, type] of cases) {
    it(`removes the metadata of ${name} without re-encoding: same pixels, never bigger`, async () => {
      const file = await make();
      const prepared = await prepareFile(file, type, { maxSize: LIMIT });
      expect(prepared.transformations).to.deep.equal(['metadata-stripped']);
      expect(prepared.encoding, 'no encode').to.equal(undefined);
      expect(prepared.type).to.equal(type);
      expect(prepared.file.name).to.equal(file.name);
      expect(prepared.file.size).to.be.below(file.size);
      expect(await findLocationMetadata(prepared.file, type)).to.equal(undefined);
      expect((await readImageFacts(prepared.file, type)).hasMetadata).to.equal(false);
      const [before, after] = await Promise.all([decodedPixels(file), decodedPixels(prepared.file)]);
      expect([after.width, after.height]).to.deep.equal([before.width, before.height]);
      expect(after.data.every((value, i) => value === before.data[i]), 'same pixels').to.equal(true);
    });
  }

  it('reads the quality a JPEG was saved at from its quantisation tables', async () => {
    // sharp (libjpeg-turbo or mozjpeg with IJG tables) wrote them at these qualities: see test/fixtures/generate.ts.
    for (const [name, quality] of [['camera-q75.jpg', 0.75], ['small-gps.jpg', 0.85], ['rotated-gps.jpg', 0.88], ['hostile/jpeg-gps-between-scans.jpg', 0.85]] as const) {
      expect(await estimateJpegQuality(await fixtureFile(name)), name).to.equal(quality);
    }
    expect(await estimateJpegQuality(await fixtureFile('id-card.png'))).to.equal(undefined);
  });

  it('reads a JPEG header from the file once for its facts, its metadata and its quality', async () => {
    // Each read is a round trip to the browser's blob store, and the decode waits for all of them.
    const file = await fixtureFile('rotated-gps.jpg');
    const reads = countReads(file);
    const head = new BlockReader(file);
    const facts = await readImageFacts(file, 'image/jpeg', head);
    const quality = await estimateJpegQuality(file, head);
    expect(facts.hasMetadata).to.equal(true);
    expect(quality).to.equal(0.88);
    expect(reads()).to.equal(1);
  });

  it('turns a quality-75 4:4:4 camera JPEG upright from its own quality, no bigger than it came', async () => {
    const file = await fixtureFile('camera-q75.jpg');
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: LIMIT });
    expect(prepared.transformations).to.deep.equal(['oriented', 'metadata-stripped']);
    expect([prepared.width, prepared.height]).to.deep.equal([480, 640]);
    expect(prepared.encoding!.quality).to.be.at.most(0.75);
    expect(prepared.file.size).to.be.at.most(file.size);
    expect(await findLocationMetadata(prepared.file, 'image/jpeg')).to.equal(undefined);
  });

  it('turns rotated-gps.jpg upright no bigger than it came', async () => {
    const file = await fixtureFile('rotated-gps.jpg');
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: LIMIT });
    expect(prepared.encoding!.quality).to.be.at.most(0.88);
    expect(prepared.file.size).to.be.at.most(file.size);
  });

  it('sends the stripped file when only its metadata made it too large', async () => {
    const file = await sameFile('small-gps.jpg', 'image/jpeg');
    const stripped = await prepareFile(file, 'image/jpeg', { maxSize: LIMIT });
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: stripped.file.size });
    expect(prepared.transformations).to.deep.equal(['metadata-stripped']);
    expect(prepared.file.size).to.equal(stripped.file.size);
  });

  it('compresses an image over the limit until it fits, keeping it legible', async () => {
    const file = await fixtureFile('rotated-gps.jpg');
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: 120_000 });
    expect(prepared.file.size).to.be.at.most(120_000);
    expect(prepared.transformations).to.include('compressed');
  });

  // Where the engine can, an upright JPEG kept at its size is encoded from its decode, undrawn
  // (compressor.worker.js's decodeCanvas): what comes out must still be the photo, colours and all.
  it('re-encodes an upright JPEG at its own size with its colours, a wide-gamut one too', async () => {
    for (const colorSpace of ['srgb', 'display-p3'] as const) {
      const canvas = new OffscreenCanvas(1200, 800);
      const ctx = canvas.getContext('2d', { colorSpace })!;
      // Colours inside sRGB, which a Display P3 file writes as other numbers (Chromium 156: 190,124,72
      // for 200,120,60): a decode that lost the file's profile would show those numbers as they are.
      const colours = [[200, 120, 60], [40, 150, 210]] as const;
      colours.forEach(([r, g, b], i) => {
        ctx.fillStyle = `rgb(${r} ${g} ${b})`;
        ctx.fillRect(i * 600, 0, 600, 800);
      });
      // Grain along the top gives the encode bytes that quality can save.
      const grain = ctx.getImageData(0, 0, 1200, 200);
      for (let i = 0; i < grain.data.length; i += 4) grain.data[i] = grain.data[i + 1] = grain.data[i + 2] = (i * 2654435761) >>> 24;
      ctx.putImageData(grain, 0, 0);
      const file = new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })], 'photo.jpg', { type: 'image/jpeg' });
      const prepared = await prepareFile(file, 'image/jpeg', { maxSize: Math.floor(file.size * 0.9) });
      expect(prepared.transformations, colorSpace).to.include('compressed');
      expect([prepared.width, prepared.height], colorSpace).to.deep.equal([1200, 800]);
      for (const [i, colour] of colours.entries()) {
        const [sent, source] = [await pixel(prepared.file, 0.25 + i / 2, 0.5), await pixel(file, 0.25 + i / 2, 0.5)];
        sent.forEach((value, channel) => expect(value, `${colorSpace} ${colour.join()}: ${sent.join()} vs ${source.join()}`).to.be.closeTo(source[channel]!, 4));
      }
    }
  });

  it('leaves no location in a JPEG re-encoded at its own size', async () => {
    const file = await fixtureFile('small-gps.jpg');
    expect(await findLocationMetadata(file, 'image/jpeg')).to.not.equal(undefined);
    const stripped = await prepareFile(file, 'image/jpeg', { maxSize: LIMIT });
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: Math.floor(stripped.file.size * 0.9) });
    expect(prepared.transformations).to.include('compressed');
    expect([prepared.width, prepared.height]).to.deep.equal([stripped.width, stripped.height]);
    expect(await findLocationMetadata(prepared.file, 'image/jpeg')).to.equal(undefined);
  });

  it('turns a PNG over the limit into a JPEG', async () => {
    const file = await fixtureFile('id-card.png');
    const prepared = await prepareFile(file, 'image/png', { maxSize: 30_000 });
    expect(prepared.type).to.equal('image/jpeg');
    expect(prepared.file.name).to.equal('id-card.jpg');
    expect(prepared.transformations).to.include('png-to-jpeg');
    expect(prepared.file.size).to.be.at.most(30_000);
  });

  it('says too-large when even the smallest legible version does not fit', async () => {
    const error = await rejection(prepareFile(await fixtureFile('rotated-gps.jpg'), 'image/jpeg', { maxSize: 2_000 }));
    expect(error.code).to.equal('too-large');
  });

  it("converts WebP (encoded by Chromium's own encoder) to JPEG", async () => {
    const canvas = new OffscreenCanvas(640, 400);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#e61919';
    context.fillRect(0, 0, 640, 40);
    context.fillStyle = '#dbeafe';
    context.fillRect(0, 40, 640, 360);
    const webp = new File([await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 })], 'screenshot.webp', { type: 'image/webp' });
    const prepared = await prepareFile(webp, 'image/webp', { maxSize: LIMIT });
    expect(prepared.type).to.equal('image/jpeg');
    expect(prepared.file.name).to.equal('screenshot.jpg');
    expect(prepared.transformations).to.deep.equal(['webp-to-jpeg']);
    const [r, g, b] = await pixel(prepared.file, 0.5, 0.02);
    expect(r).to.be.above(200);
    expect(g + b).to.be.below(120);
  });

  it('converts AVIF (encoded by libaom) to JPEG', async () => {
    const prepared = await prepareFile(await fixtureFile('id-card.avif', 'card.avif', 'image/avif'), 'image/avif', { maxSize: LIMIT });
    expect(prepared.type).to.equal('image/jpeg');
    expect(prepared.transformations[0]).to.equal('avif-to-jpeg');
    expect([prepared.width, prepared.height]).to.deep.equal([428, 270]);
  });

  it(`refuses more than ${MAX_PIXELS} pixels before decoding`, async () => {
    const error = await rejection(prepareFile(await fixtureFile('pixel-bomb.png'), 'image/png', { maxSize: LIMIT }));
    expect(error.code).to.equal('too-many-pixels');
    expect(error.details.width! * error.details.height!).to.be.greaterThan(MAX_PIXELS);
  });

  // Firefox and WebKit decode these without complaint: the refusal must not depend on the decoder.
  for (const [name, type] of [['truncated.jpg', 'image/jpeg'], ['truncated-progressive.jpg', 'image/jpeg'], ['truncated.png', 'image/png']] as const) {
    it(`says damaged for ${name}, sent as it is or compressed`, async () => {
      for (const maxSize of [LIMIT, 20_000]) {
        const error = await rejection(prepareFile(await fixtureFile(name), type, { maxSize }));
        expect(error.code, `maxSize ${maxSize}`).to.equal('damaged');
        // Checked, the decode is the checks' own, in the worker: the same refusal.
        const checked = await rejection(prepareFile(await fixtureFile(name), type, { maxSize, assess: {} }));
        expect(checked.code, `maxSize ${maxSize}, checked`).to.equal('damaged');
      }
    });
  }

  it("checks a photo's quality from the decode made anyway, whether it is sent as it is or re-encoded", async () => {
    const file = await fixtureFile('id-card.jpg');
    const { width } = await readImageFacts(file, 'image/jpeg');
    for (const maxSize of [LIMIT, Math.floor(file.size * 0.8)]) {
      const prepared = await prepareFile(file, 'image/jpeg', { maxSize, assess: { subtype: 'id-card' } });
      expect(prepared.transformations.includes('compressed'), `maxSize ${maxSize}`).to.equal(maxSize < LIMIT);
      const report = prepared.quality!;
      expect(report, `maxSize ${maxSize}`).to.be.an('object');
      expect(typeof report.passed).to.equal('boolean');
      // In the source's own pixels, whatever the encode's size.
      expect(report.resolution).to.be.within(1, width);
    }
    expect((await prepareFile(file, 'image/jpeg', { maxSize: LIMIT })).quality, 'not asked').to.equal(undefined);
    const pdf = await prepareFile(await fixtureFile('id-card.pdf'), 'application/pdf', { maxSize: LIMIT, assess: {} });
    expect(pdf.quality, 'a PDF is no photo').to.equal(undefined);
  });

  // Re-encoded at its size, the decode is the encode's canvas where the engine allows (every one we
  // test): the checks get a halved copy of it. Shrunk, the compressor draws; at 12 MP it moves its
  // decode to the checks once drawn, at 17 MP (over the decodes it may move: a larger one would live
  // on beside the encode) it hands them a copy of its drawing.
  for (const { width, height, cardWidth } of [{ width: 4000, height: 3000, cardWidth: 2800 }, { width: 5000, height: 3400, cardWidth: 3500 }]) {
    it(`judges a ${width} × ${height} photo's document in its own pixels, whether the checks decode it or get the compressor's decode or copy`, async () => {
      // Grain on the dark ground makes it weigh what a camera's photo does, so a small limit shrinks it.
      const scene = cardScene({ width, height, cardWidth });
      const ctx = scene.getContext('2d')!;
      const pixels = ctx.getImageData(0, 0, width, height);
      for (let i = 0; i < pixels.data.length; i += 4) {
        if (pixels.data[i]! < 100) pixels.data[i] = pixels.data[i + 1] = pixels.data[i + 2] = ((i * 2654435761) >>> 24) % 90;
      }
      ctx.putImageData(pixels, 0, 0);
      const file = new File([await scene.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], 'card.jpg', { type: 'image/jpeg' });
      const assess = { subtype: 'id-card' };
      const sent = await prepareFile(file, 'image/jpeg', { maxSize: file.size, assess });
      expect(sent.transformations.includes('compressed'), 'sent as it is: the checks decode it').to.equal(false);
      expect(sent.quality!.resolution).to.be.within(cardWidth - 100, cardWidth + 100);
      // Re-encoded at its size, and shrunk past a halving (the drawing averaged by the halvings
      // before it, where the checks get a copy of it).
      for (const [maxSize, shrunk] of [[Math.floor(file.size * 0.8), false], [Math.floor(file.size / 12), true]] as const) {
        const encoded = await prepareFile(file, 'image/jpeg', { maxSize, assess });
        expect(encoded.width! * 2 < width, `shrunk past a halving: ${encoded.width} px`).to.equal(shrunk);
        expect(encoded.transformations.includes('compressed'), `maxSize ${maxSize}`).to.equal(true);
        const [checked, decoded] = [encoded.quality!, sent.quality!];
        expect(checked.resolution, `maxSize ${maxSize}`).to.be.within(cardWidth - 100, cardWidth + 100);
        expect(checked.passed, checked.issues.join()).to.equal(true);
        for (const figure of ['blur', 'glare', 'exposure'] as const) expect(checked[figure], `${figure}, maxSize ${maxSize}`).to.be.closeTo(decoded[figure], 0.05);
      }
    });
  }

  it('shrinks fine print past a halving without aliasing it, in every engine', async () => {
    // Black and white columns one pixel wide: averaged, any shrink of them is an even grey; sampled
    // (a filter that reads a few source pixels per output pixel), they beat into bands of black
    // and white, as the guilloche and microprint of an ID card would.
    const stripes = new OffscreenCanvas(4000, 3000);
    const ctx = stripes.getContext('2d')!;
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, 4000, 3000);
    ctx.fillStyle = 'black';
    for (let x = 0; x < 4000; x += 2) ctx.fillRect(x, 0, 1, 3000);
    const file = new File([await stripes.convertToBlob({ type: 'image/jpeg', quality: 0.95 })], 'stripes.jpg', { type: 'image/jpeg' });
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: 150_000 });
    expect(prepared.width! * 2, `shrunk past a halving: ${prepared.width} px`).to.be.lessThan(4000);
    const { data, width, height } = await decodedPixels(prepared.file);
    const row = Math.floor(height / 2) * width * 4;
    const greys = Array.from({ length: width - 200 }, (_, i) => data[row + (i + 100) * 4]!);
    const mean = greys.reduce((sum, g) => sum + g, 0) / greys.length;
    const spread = Math.sqrt(greys.reduce((sum, g) => sum + (g - mean) ** 2, 0) / greys.length);
    expect(mean, 'an even grey').to.be.within(100, 160);
    expect(spread, 'bands of black and white: aliased').to.be.lessThan(12);
  });

  it("says preparation-failed, not damaged, when the compressor's worker cannot load", async () => {
    setAssetBase('/__nowhere__/');
    try {
      const error = await rejection(prepareFile(await fixtureFile('rotated-gps.jpg'), 'image/jpeg', { maxSize: LIMIT }));
      expect(error.code).to.equal('preparation-failed');
      expect(error.isRejection, 'the file is not to blame').to.equal(false);
      expect(error.retryable).to.equal(true);
    } finally {
      setAssetBase('/__assets__/');
    }
  });

  it('sends a motion photo without the video after its JPEG, and the JPEG bytes unchanged', async () => {
    const file = await fixtureFile('motion-photo.jpg');
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: LIMIT });
    expect(prepared.transformations).to.deep.equal(['trailing-data-removed']);
    const sent = new Uint8Array(await prepared.file.arrayBuffer());
    const whole = new Uint8Array(await file.arrayBuffer());
    expect(sent.length).to.be.lessThan(whole.length - 4000);
    expect([sent.at(-2), sent.at(-1)]).to.deep.equal([0xff, 0xd9]);
    expect(sent).to.deep.equal(whole.subarray(0, sent.length));
  });

  for (const vector of ['script', 'onload', 'javascript-href', 'foreignobject', 'external-ref']) {
    it(`refuses an SVG with ${vector}`, async () => {
      const error = await rejection(prepareFile(await fixtureFile(`hostile-${vector}.svg`), 'image/svg+xml', { maxSize: LIMIT }));
      expect(error.code).to.equal('unsafe-content');
    });
  }

  it('accepts a plain SVG as it is', async () => {
    const file = await fixtureFile('id-card.svg');
    expect((await prepareFile(file, 'image/svg+xml', { maxSize: LIMIT })).file).to.equal(file);
  });

  it('refuses a password-protected PDF', async () => {
    const error = await rejection(prepareFile(await fixtureFile('encrypted.pdf'), 'application/pdf', { maxSize: LIMIT }));
    expect(error.code).to.equal('encrypted-pdf');
  });

  it('refuses a PDF encrypted with an owner password only', async () => {
    const error = await rejection(prepareFile(await fixtureFile('owner-only-encrypted.pdf'), 'application/pdf', { maxSize: LIMIT }));
    expect(error.code).to.equal('encrypted-pdf');
  });

  it('counts the pages of a plain PDF', async () => {
    const prepared = await prepareFile(await fixtureFile('id-card.pdf'), 'application/pdf', { maxSize: LIMIT });
    expect(prepared.pageCount).to.equal(1);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(prepareFile(await fixtureFile('rotated-gps.jpg'), 'image/jpeg', { maxSize: LIMIT, signal: controller.signal }));
    expect(error.code).to.equal('aborted');
  });
});


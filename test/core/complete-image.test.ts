import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/core/errors.js';
import { imageDataEnd } from '../../src/core/prepare/complete-image.js';
import { fixtureFile } from './files.js';

/** 'complete' when the image data runs to the end of the file (or, with a trailer, to `trailer` bytes before it). */
async function verdict(file: Blob, type: 'image/jpeg' | 'image/png', trailer = 0): Promise<'complete' | string> {
  try {
    const end = await imageDataEnd(file, type);
    return end === file.size - trailer ? 'complete' : `ends at ${end} of ${file.size}`;
  } catch (error) {
    expect(error).to.be.instanceOf(UploadError);
    return (error as UploadError).code;
  }
}

/** A noisy picture encoded by the browser itself: megabytes of entropy-coded data, 0xFF bytes throughout. */
async function noisyJpeg(size: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(size, size);
  let state = 7;
  for (let i = 0; i < image.data.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    image.data[i] = i % 4 === 3 ? 255 : state >>> 24;
  }
  context.putImageData(image, 0, 0);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
}

/** Bytes after the image, as some cameras write: the file no longer ends with its end marker, so it is walked. */
const TRAILER = new Uint8Array([0, 0, 0, 0]);

/** SOI, a scan header, entropy-coded bytes, EOI, a trailer: the smallest structure the walk follows. */
function syntheticJpeg(entropy: Uint8Array<ArrayBuffer>): Blob {
  const head = [0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0];
  return new Blob([new Uint8Array(head), entropy, new Uint8Array([0xff, 0xd9]), TRAILER]);
}

describe('imageDataEnd', () => {
  for (const [name, type] of [
    ['id-card.jpg', 'image/jpeg'],
    ['rotated-gps.jpg', 'image/jpeg'],
    ['small-gps.jpg', 'image/jpeg'],
    ['id-card.png', 'image/png'],
    ['small-gps.png', 'image/png'],
  ] as const) {
    it(`finds ${name} whole`, async () => {
      expect(await verdict(await fixtureFile(name), type)).to.equal('complete');
    });
  }

  it('ends a motion photo at its EOI, before the video', async () => {
    // The trailer the fixture generator appends: an 'ftyp' box and a 4 KiB 'mdat'.
    expect(await verdict(await fixtureFile('motion-photo.jpg'), 'image/jpeg', 24 + 4104)).to.equal('complete');
  });

  for (const [name, type] of [
    ['truncated.jpg', 'image/jpeg'],
    ['truncated-progressive.jpg', 'image/jpeg'],
    ['truncated.png', 'image/png'],
  ] as const) {
    it(`says ${name} is damaged`, async () => {
      expect(await verdict(await fixtureFile(name), type)).to.equal('damaged');
    });
  }

  it('finds a multi-megabyte browser-encoded JPEG whole, and every cut of it damaged', async () => {
    const jpeg = await noisyJpeg(1400);
    expect(jpeg.size).to.be.greaterThan(1 << 20);
    expect(await verdict(jpeg, 'image/jpeg')).to.equal('complete');
    // The same file with a trailer is walked from start to EOI, across its blocks.
    expect(await verdict(new Blob([jpeg, TRAILER]), 'image/jpeg', TRAILER.length)).to.equal('complete');
    const cuts = [2, 20, 600, 1 << 18, (1 << 18) + 1, jpeg.size >> 1, jpeg.size - 3, jpeg.size - 2, jpeg.size - 1];
    const verdicts = await Promise.all(cuts.map((cut) => verdict(jpeg.slice(0, cut), 'image/jpeg')));
    expect(verdicts).to.deep.equal(cuts.map(() => 'damaged'));
  });

  // The reader holds 256 KiB at a time, from byte 2 (after SOI): the first block ends at entropy
  // byte 2^18 - 11 here, and a stuffed byte or a marker may straddle it.
  for (const at of [(1 << 18) - 12, (1 << 18) - 11, (1 << 18) - 10]) {
    it(`reads a stuffed 0xFF 0x00 and the EOI across a block edge (0xFF at ${at})`, async () => {
      const entropy = new Uint8Array((1 << 18) + 64);
      entropy[at] = 0xff; // stuffed: not a marker
      expect(await verdict(syntheticJpeg(entropy), 'image/jpeg', TRAILER.length)).to.equal('complete');
      const endsAtEdge = syntheticJpeg(entropy.subarray(0, at + 1)).slice(0, 12 + at + 1);
      expect(await verdict(endsAtEdge, 'image/jpeg')).to.equal('damaged');
    });
  }

  it('reads past restart markers and fill bytes in the scan', async () => {
    const entropy = new Uint8Array([1, 2, 0xff, 0xd0, 3, 0xff, 0xff, 0xd7, 4, 0xff, 0x00, 5]);
    expect(await verdict(syntheticJpeg(entropy), 'image/jpeg', TRAILER.length)).to.equal('complete');
  });
});

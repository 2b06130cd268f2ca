import { expect } from '@open-wc/testing';
import { setAssetBase } from '../../src/core/assets.js';
import { ALLOWED_TYPES, DEFAULT_MAX_SIZE } from '../../src/core/document-types.js';
import { inspectFile } from '../../src/core/inspect.js';
import { findLocationMetadata } from '../../src/core/prepare/location-metadata.js';
import { MAX_PIXELS, prepareFile } from '../../src/core/prepare/prepare.js';
import { checkTiff, imageDataRanges } from '../../src/core/prepare/tiff-check.js';
import { fixtureFile } from './files.js';
import { rejection } from './rejection.js';

setAssetBase('/__assets__/');
const options = { accept: ALLOWED_TYPES, maxSize: DEFAULT_MAX_SIZE };
/** The hostile corpus's TIFFs (test/fixtures/hostile/tiff.ts says how each was made). */
const hostile = (name: string, type = 'image/tiff') => fixtureFile(`hostile/${name}`, name, type);
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** Every page's strips or tiles, concatenated: what a viewer decodes. */
function imageData(bytes: Uint8Array): Uint8Array[] {
  const facts = checkTiff(bytes, MAX_PIXELS);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return facts.layout.directories
    .filter((directory) => directory.kind === 'page')
    .flatMap((page) => imageDataRanges(view, facts.layout.littleEndian, page).map(([start, end]) => bytes.slice(start, end)));
}

describe('TIFF', () => {
  describe('detection, wherever the directory is', () => {
    const real = ['tiff-ifd-at-end.tiff', 'tiff-big-endian.tiff', 'tiff-two-pages-jpeg.tiff', 'tiff-tiled.tiff', 'tiff-gps.tiff'];
    for (const name of real) {
      it(`reads image/tiff from ${name}, also without a declared type`, async () => {
        expect((await inspectFile(await hostile(name), options)).type).to.equal('image/tiff');
        expect((await inspectFile(await hostile(name, ''), options)).type).to.equal('image/tiff');
      });
    }

    it('finds the directory ImageMagick writes after the strips, past the first 64 KB', async () => {
      const bytes = await bytesOf(await hostile('tiff-ifd-at-end.tiff'));
      const ifd = new DataView(bytes.buffer).getUint32(4, true);
      expect(ifd).to.be.greaterThan(64 * 1024);
      expect((await inspectFile(new File([bytes], 'scan.tif', { type: 'image/tiff' }), options)).type).to.equal('image/tiff');
    });
  });

  describe('size before parsing', () => {
    it('refuses a 44 MB TIFF as too-large, from its size alone', async () => {
      const head = await bytesOf(await hostile('tiff-gps.tiff'));
      const huge = new File([head, new Uint8Array(44_000_000 - head.length)], 'scan.tif', { type: 'image/tiff' });
      const error = await rejection(inspectFile(huge, options));
      expect(error.code).to.equal('too-large');
      expect(error.details).to.include({ detectedType: 'image/tiff', size: 44_000_000, maxSize: DEFAULT_MAX_SIZE });
    });

    it('refuses 6 MB of noise after II*\\0 as too-large, not as a TIFF to parse', async () => {
      const noise = new Uint8Array(6_000_000);
      for (let at = 0; at < noise.length; at += 65536) crypto.getRandomValues(noise.subarray(at, at + 65536));
      noise.set([0x49, 0x49, 0x2a, 0x00]);
      const error = await rejection(inspectFile(new File([noise], 'scan.tiff', { type: 'image/tiff' }), options));
      expect(error.code).to.equal('too-large');
      expect(error.details.detectedType).to.equal('image/tiff');
    });

  });

  describe('preparation', () => {
    it('sends a clean TIFF untouched, with its size and page count', async () => {
      const file = await hostile('tiff-two-pages-jpeg.tiff');
      const prepared = await prepareFile(file, 'image/tiff', { maxSize: DEFAULT_MAX_SIZE });
      expect(prepared.file).to.equal(file);
      expect(prepared.transformations).to.deep.equal([]);
      expect(prepared).to.include({ width: 428, height: 270, pageCount: 2 });
    });

    for (const [name, where] of [
      ['tiff-gps.tiff', 'tiff-gps'],
      ['tiff-xmp-gps.tiff', 'xmp-gps'],
      ['tiff-gps-page-2.tiff', 'tiff-gps'],
      ['tiff-gps-in-exif.tiff', 'tiff-gps'],
    ] as const) {
      it(`removes the location from ${name} in place, the image data byte for byte the same`, async () => {
        const file = await hostile(name);
        expect(await findLocationMetadata(file, 'image/tiff')).to.equal(where);
        const prepared = await prepareFile(file, 'image/tiff', { maxSize: DEFAULT_MAX_SIZE });
        expect(prepared.type).to.equal('image/tiff');
        expect(prepared.transformations).to.deep.equal(['metadata-stripped']);
        expect(prepared.file.size).to.be.at.most(file.size);
        expect(await findLocationMetadata(prepared.file, 'image/tiff')).to.equal(undefined);
        const after = await bytesOf(prepared.file);
        // What the server checks of a stored TIFF: it ends where its structures do.
        expect(checkTiff(after, MAX_PIXELS).dataEnd).to.equal(after.length);
        expect(new TextDecoder('latin1').decode(after)).not.to.match(/GPSL(?:atitude|ongitude)/);
        expect(imageData(after)).to.deep.equal(imageData(await bytesOf(file)));
      });
    }

    const damaged = ['tiff-ifd-past-end.tiff', 'tiff-ifd-loop.tiff', 'tiff-huge-entry-count.tiff', 'tiff-truncated.tiff'];
    for (const name of damaged) {
      it(`refuses ${name} as damaged`, async () => {
        const inspected = await inspectFile(await hostile(name), options);
        const error = await rejection(prepareFile(inspected.file, inspected.type, { maxSize: DEFAULT_MAX_SIZE }));
        expect(error.code).to.equal('damaged');
      });
    }

    it('cuts an HTML page appended after the TIFF', async () => {
      const file = await hostile('tiff-html-trailer.tiff');
      const prepared = await prepareFile(file, 'image/tiff', { maxSize: DEFAULT_MAX_SIZE });
      expect(prepared.transformations).to.deep.equal(['trailing-data-removed']);
      expect(await bytesOf(prepared.file)).to.deep.equal(await bytesOf(await hostile('tiff-ifd-at-end.tiff')));
    });

    it('refuses BigTIFF', async () => {
      const inspected = await inspectFile(await hostile('tiff-bigtiff.tiff'), options).catch((error) => error);
      const error = 'code' in inspected ? inspected : await rejection(prepareFile(inspected.file, inspected.type, { maxSize: DEFAULT_MAX_SIZE }));
      expect(error.code).to.equal('type-not-allowed');
    });
  });
});

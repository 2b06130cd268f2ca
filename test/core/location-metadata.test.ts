import { expect } from '@open-wc/testing';
import { setAssetBase } from '../../src/core/assets.js';
import { findLocationMetadata } from '../../src/core/prepare/location-metadata.js';
import { prepareFile } from '../../src/core/prepare/prepare.js';
import { fixtureFile } from './files.js';
import { EXIF_VARIANTS, LOCATION_CASES } from './location-cases.js';
import { rejection } from './rejection.js';

setAssetBase('/__assets__/');
const fixtureBytes = async (fixture: string) => new Uint8Array(await (await fixtureFile(fixture)).arrayBuffer());

describe('findLocationMetadata', () => {
  for (const [fixture, type, found] of LOCATION_CASES) {
    it(`${found ? `finds ${found} in` : 'finds nothing in'} ${fixture}`, async () => {
      expect(await findLocationMetadata(await fixtureFile(fixture), type)).to.equal(found);
    });
  }

  it('refuses a TIFF whose directories loop, rather than walk forever', async () => {
    expect((await rejection(findLocationMetadata(await fixtureFile('hostile/tiff-ifd-loop.tiff'), 'image/tiff'))).code).to.equal('damaged');
  });

  it('finds XMP coordinates in an uncompressed iTXt chunk too', async () => {
    const png = new Uint8Array(await (await fixtureFile('id-card.png')).arrayBuffer());
    const xmp = new TextEncoder().encode('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><rdf:Description exif:GPSLatitude="48,51.3415N"/></x:xmpmeta>');
    const chunk = new Uint8Array(12 + xmp.length);
    new DataView(chunk.buffer).setUint32(0, xmp.length);
    chunk.set(new TextEncoder().encode('iTXt'), 4);
    chunk.set(xmp, 8); // the CRC is left zero: a reader that checks it would skip the chunk, a viewer may not
    const withXmp = new Blob([png.subarray(0, 33), chunk, png.subarray(33)]);
    expect(await findLocationMetadata(withXmp, 'image/png')).to.equal('xmp-gps');
  });

  for (const variant of EXIF_VARIANTS) {
    it(`finds ${variant.found} in ${variant.name}: ${variant.why}`, async () => {
      expect(await findLocationMetadata(new Blob([await variant.build(fixtureBytes)]), variant.type)).to.equal(variant.found);
    });

    it(`the widget cleans ${variant.name} and sends no location`, async () => {
      const file = new File([await variant.build(fixtureBytes)], variant.name, { type: variant.type });
      const prepared = await prepareFile(file, variant.type, { maxSize: 4_500_000 });
      expect(prepared.transformations).to.include('metadata-stripped');
      expect(prepared.type).to.equal(variant.type);
      expect(await findLocationMetadata(prepared.file, variant.type)).to.equal(undefined);
    });
  }

  it('the widget cleans a JPEG whose GPS sits between its scans, and sends no location', async () => {
    const file = await fixtureFile('hostile/jpeg-gps-between-scans.jpg');
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: 4_500_000 });
    expect(prepared.transformations).to.include('metadata-stripped');
    expect(await findLocationMetadata(prepared.file, 'image/jpeg')).to.equal(undefined);
  });

  it('the widget sends no location from a PNG whose XMP follows its image data', async () => {
    const prepared = await prepareFile(await fixtureFile('hostile/png-xmp-gps-after-idat.png'), 'image/png', { maxSize: 4_500_000 });
    expect(await findLocationMetadata(prepared.file, 'image/png')).to.equal(undefined);
  });
});

import { expect } from '@open-wc/testing';
import { readImageFacts } from '../../src/core/prepare/image-facts.js';
import { findLocationMetadata } from '../../src/core/prepare/location-metadata.js';
import { stripMetadata } from '../../src/core/prepare/strip-metadata.js';
import { fixtureFile } from './files.js';
import { concatBytes, EXIF_VARIANTS, withChunk } from './location-cases.js';
import { decodedPixels, jpegMarkers, pngChunkNames, segment, withOrientation } from './image-bytes.js';

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const fixtureBytes = async (fixture: string) => bytesOf(await fixtureFile(fixture));

/** What every stripped file must be: the same pixels, nothing that locates, never bigger. */
async function expectCleanCopy(original: Blob, stripped: Blob, type: 'image/jpeg' | 'image/png'): Promise<void> {
  expect(stripped.size, 'never bigger').to.be.at.most(original.size);
  expect(await findLocationMetadata(stripped, type)).to.equal(undefined);
  expect((await readImageFacts(stripped, type)).hasMetadata).to.equal(false);
  const [before, after] = await Promise.all([decodedPixels(original), decodedPixels(stripped)]);
  expect([after.width, after.height]).to.deep.equal([before.width, before.height]);
  // Byte for byte: a decoder given the same coded data gives the same pixels.
  expect(after.data.every((value, i) => value === before.data[i]), 'same pixels').to.equal(true);
}

describe('stripMetadata', () => {
  for (const [fixture, type] of [
    ['small-gps.jpg', 'image/jpeg'],
    ['small-gps.png', 'image/png'],
    ['hostile/jpeg-gps-between-scans.jpg', 'image/jpeg'],
    ['hostile/png-xmp-gps-after-idat.png', 'image/png'],
  ] as const) {
    it(`cleans ${fixture} without decoding it`, async () => {
      const file = await fixtureFile(fixture);
      const stripped = (await stripMetadata(file, type))!;
      expect(stripped.metadataRemoved).to.equal(true);
      await expectCleanCopy(file, stripped.file, type);
    });
  }

  for (const variant of EXIF_VARIANTS) {
    it(`cleans ${variant.name} (${variant.why})`, async () => {
      const file = new Blob([await variant.build(fixtureBytes)], { type: variant.type });
      const stripped = (await stripMetadata(file, variant.type))!;
      expect(stripped.metadataRemoved).to.equal(true);
      await expectCleanCopy(file, stripped.file, variant.type);
    });
  }

  it('keeps JFIF, ICC and Adobe and every coding segment of a progressive JPEG; drops APPn and COM between its scans', async () => {
    const progressive = await fixtureBytes('hostile/jpeg-gps-between-scans.jpg');
    const sos = jpegMarkers(progressive).filter((marker) => marker.marker === 0xda);
    const between = sos[2]!.at;
    const jfifWithThumbnail = segment(0xe0, concatBytes(ascii('JFIF\0'), Uint8Array.of(1, 2, 0, 0, 72, 0, 72, 2, 1), new Uint8Array(6).fill(200)));
    const icc = segment(0xe2, concatBytes(ascii('ICC_PROFILE\0'), Uint8Array.of(1, 1), new Uint8Array(32)));
    const adobe = segment(0xee, concatBytes(ascii('Adobe'), Uint8Array.of(0, 100, 0, 0, 0, 0, 1)));
    const file = new Blob([concatBytes(
      progressive.subarray(0, 2), jfifWithThumbnail, icc, adobe, segment(0xed, ascii('Photoshop 3.0\0')), progressive.subarray(2, between),
      segment(0xfe, ascii('taken at 48.8557 N 2.2985 E')), segment(0xe2, ascii('MPF\0II*\0')), segment(0xef, ascii('maker')),
      progressive.subarray(between),
    )], { type: 'image/jpeg' });

    const stripped = (await stripMetadata(file, 'image/jpeg'))!;
    const kept = jpegMarkers(await bytesOf(stripped.file));
    const coding = jpegMarkers(progressive).filter((marker) => marker.marker < 0xe0 || marker.marker > 0xef).map((marker) => marker.marker);
    expect(kept.map((marker) => marker.marker)).to.deep.equal([0xe0, 0xe2, 0xee, ...coding]);
    expect(kept[0]!.length, 'JFIF without its thumbnail').to.equal(16);
    await expectCleanCopy(file, stripped.file, 'image/jpeg');
  });

  it('keeps the critical, colour and transparency chunks of a PNG; drops text, EXIF, tIME and unknown ones', async () => {
    let png: Uint8Array = await fixtureBytes('id-card.png');
    // withChunk puts each right after IHDR: listed here last to first.
    for (const [name, data] of [
      ['prVt', ascii('anything')], ['tIME', Uint8Array.of(7, 232, 5, 17, 10, 42, 0)], ['tEXt', ascii('Comment\0somewhere')],
      ['eXIf', ascii('MM\0*\0\0\0\x08\0\0')], ['pHYs', Uint8Array.of(0, 0, 11, 19, 0, 0, 11, 19, 1)], ['sRGB', Uint8Array.of(0)],
      ['gAMA', Uint8Array.of(0, 0, 177, 143)],
    ] as const) png = withChunk(png, name, data);
    const file = new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    const stripped = (await stripMetadata(file, 'image/png'))!;
    const names = pngChunkNames(await bytesOf(stripped.file));
    expect(names.filter((name) => name !== 'IDAT')).to.deep.equal(['IHDR', 'gAMA', 'sRGB', 'pHYs', 'IEND']);
    await expectCleanCopy(file, stripped.file, 'image/png');
  });

  it('hands back the file itself when there is nothing to remove', async () => {
    for (const [fixture, type] of [['id-card.jpg', 'image/jpeg'], ['id-card.png', 'image/png']] as const) {
      const file = await fixtureFile(fixture);
      const stripped = (await stripMetadata(file, type))!;
      expect(stripped.file, fixture).to.equal(file);
      expect(stripped.metadataRemoved || stripped.trailingRemoved, fixture).to.equal(false);
    }
  });

  it("drops a motion photo's video after EOI and keeps the JPEG bytes unchanged", async () => {
    const file = await fixtureFile('motion-photo.jpg');
    const stripped = (await stripMetadata(file, 'image/jpeg'))!;
    expect([stripped.metadataRemoved, stripped.trailingRemoved]).to.deep.equal([false, true]);
    const sent = await bytesOf(stripped.file);
    expect(sent).to.deep.equal((await bytesOf(file)).subarray(0, sent.length));
    expect([sent.at(-2), sent.at(-1)]).to.deep.equal([0xff, 0xd9]);
  });

  it('leaves to a re-encode what it cannot follow: cut short, unknown markers and critical chunks, EXIF that turns the image', async () => {
    const jpeg = await fixtureBytes('id-card.jpg');
    const png = await fixtureBytes('id-card.png');
    const cases: Array<[string, Uint8Array, 'image/jpeg' | 'image/png']> = [
      ['truncated.jpg', await fixtureBytes('truncated.jpg'), 'image/jpeg'],
      ['truncated-progressive.jpg', await fixtureBytes('truncated-progressive.jpg'), 'image/jpeg'],
      ['truncated.png', await fixtureBytes('truncated.png'), 'image/png'],
      ['a reserved marker', concatBytes(jpeg.subarray(0, 2), segment(0x4f, ascii('??')), jpeg.subarray(2)), 'image/jpeg'],
      ['a JPEG-LS frame', concatBytes(jpeg.subarray(0, 2), segment(0xf7, new Uint8Array(9)), jpeg.subarray(2)), 'image/jpeg'],
      ['an unknown critical chunk', withChunk(png, 'CgBI', Uint8Array.of(0x50, 0, 0x20, 2)), 'image/png'],
      ['EXIF Orientation 6 (camera-q75.jpg)', await fixtureBytes('camera-q75.jpg'), 'image/jpeg'],
      ['an eXIf chunk with Orientation 6', withChunk(png, 'eXIf', exifTiffWithOrientation(6)), 'image/png'],
    ];
    for (const [what, bytes, type] of cases) {
      expect(await stripMetadata(new Blob([bytes as Uint8Array<ArrayBuffer>]), type), what).to.equal(undefined);
    }
  });

  it('strips a camera JPEG whose EXIF says Orientation 1', async () => {
    const file = new Blob([withOrientation(await fixtureBytes('camera-q75.jpg'), 1)], { type: 'image/jpeg' });
    const stripped = (await stripMetadata(file, 'image/jpeg'))!;
    expect(stripped.metadataRemoved).to.equal(true);
    await expectCleanCopy(file, stripped.file, 'image/jpeg');
  });
});

/** A big-endian TIFF with one directory holding Orientation. */
function exifTiffWithOrientation(orientation: number): Uint8Array {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set(ascii('MM\0*'));
  view.setUint32(4, 8);
  view.setUint16(8, 1); // one entry
  view.setUint16(10, 0x0112);
  view.setUint16(12, 3); // SHORT
  view.setUint32(14, 1);
  view.setUint16(18, orientation);
  view.setUint32(22, 0); // no next directory
  return tiff;
}

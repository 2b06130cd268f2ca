import { expect } from '@open-wc/testing';
import { readImageFacts } from '../../src/core/prepare/image-facts.js';
import { fixtureFile } from './files.js';
import { jpegMarkers, segment } from './image-bytes.js';

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** `jpeg` with `inserted` after its first segment (APP0). */
function afterFirstSegment(jpeg: Uint8Array<ArrayBuffer>, ...inserted: Uint8Array<ArrayBuffer>[]): Blob {
  const { at, length } = jpegMarkers(jpeg)[0]!;
  const end = at + 2 + length;
  return new Blob([jpeg.subarray(0, end), ...inserted, jpeg.subarray(end)], { type: 'image/jpeg' });
}

/** An ISO-BMFF box: its size, its type, its payload. */
function box(type: string, ...payload: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const size = 8 + payload.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(ascii(type), 4);
  let at = 8;
  for (const part of payload) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
const u32 = (...values: number[]) => {
  const out = new Uint8Array(values.length * 4);
  values.forEach((value, i) => new DataView(out.buffer).setUint32(i * 4, value));
  return out;
};
/** An `ispe` property: version and flags, then width and height. */
const ispe = (width: number, height: number) => box('ispe', u32(0, width, height));

describe('readImageFacts', () => {
  it("measures a phone's HEIC by its whole picture, not by the 512×512 tile declared first", async () => {
    // A camera's HEIC is a grid of tiles: the tile's size (ispe) often comes before the grid's.
    // image-size picks the largest item (its lookup.js); this holds it to that.
    const header = [box('ftyp', ascii('heic'), u32(0), ascii('mif1heic')), box('meta', u32(0), box('iprp', box('ipco', ispe(512, 512), ispe(4032, 3024), ispe(320, 240))))];
    const facts = await readImageFacts(new Blob(header, { type: 'image/heic' }), 'image/heic');
    expect([facts.width, facts.height]).to.deep.equal([4032, 3024]);
  });

  it('finds no metadata in a JPEG that has none', async () => {
    const facts = await readImageFacts(await fixtureFile('id-card.jpg'), 'image/jpeg');
    expect(facts.hasMetadata).to.equal(false);
  });

  it('finds a comment behind a fill byte (0xFF before a marker), as the other walks do', async () => {
    const jpeg = await bytesOf(await fixtureFile('id-card.jpg'));
    // An empty APP15 of 64 KiB after the comment: the dimension reader (image-size), which does not
    // know fill bytes, lands in it and finds its way back instead of running off the file.
    const file = afterFirstSegment(jpeg, new Uint8Array([0xff]), segment(0xfe, ascii('Jane Doe, 12 rue X')), segment(0xef, new Uint8Array(65_000)));
    const [facts, original] = await Promise.all([readImageFacts(file, 'image/jpeg'), readImageFacts(await fixtureFile('id-card.jpg'), 'image/jpeg')]);
    expect([facts.width, facts.height]).to.deep.equal([original.width, original.height]);
    expect(facts.hasMetadata).to.equal(true);
  });

  it('finds a PNG text chunk after the image data', async () => {
    const facts = await readImageFacts(await fixtureFile('hostile/png-xmp-gps-after-idat.png'), 'image/png');
    expect(facts.hasMetadata).to.equal(true);
  });

  it('finds no metadata in a PNG that has none', async () => {
    const facts = await readImageFacts(await fixtureFile('id-card.png'), 'image/png');
    expect(facts.hasMetadata).to.equal(false);
  });
});

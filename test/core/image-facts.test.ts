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

describe('readImageFacts', () => {
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

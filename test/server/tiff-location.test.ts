// The location check and the TIFF clean-up in Node 20, where the server runs them on stored bytes,
// with sharp (libvips + libtiff) as the independent reader: a stripped TIFF must decode to the same
// pixels on every page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { UploadError } from '../../src/core/errors.js';
import { findLocationMetadata } from '../../src/core/prepare/location-metadata.js';
import { MAX_PIXELS } from '../../src/core/prepare/prepare.js';
import { checkTiff } from '../../src/core/prepare/tiff-check.js';
import { prepareTiff } from '../../src/core/prepare/tiff-prepare.js';
import { verifyDocumentBytes } from '../../src/server/verify/verify-bytes.js';
import { EXIF_VARIANTS, LOCATION_CASES } from '../core/location-cases.js';

const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));

async function pages(bytes: Uint8Array): Promise<Buffer[]> {
  const { pages: count = 1 } = await sharp(bytes).metadata();
  return Promise.all(Array.from({ length: count }, (_, page) => sharp(bytes, { page }).raw().toBuffer()));
}

describe('findLocationMetadata in Node', () => {
  for (const [name, type, found] of LOCATION_CASES) {
    test(`${name} → ${found ?? 'nothing'}`, async () => {
      assert.equal(await findLocationMetadata(new Blob([await fixture(name)]), type), found);
    });
  }
});

describe('EXIF where only a lenient reader looks (exiftool reads GPS in each): found in Node, refused by the server', () => {
  for (const variant of EXIF_VARIANTS) {
    test(`${variant.name} → ${variant.found}: ${variant.why}`, async () => {
      const bytes = await variant.build(fixture);
      assert.equal(await findLocationMetadata(new Blob([bytes]), variant.type), variant.found);
      const verdict = await verifyDocumentBytes(bytes, { maxSize: 4_500_000, allowedType: variant.type });
      assert.ok(!verdict.ok && verdict.code === 'location-metadata', JSON.stringify(verdict));
    });
  }
});

describe('TIFF location removed in place', () => {
  for (const name of ['tiff-gps.tiff', 'tiff-xmp-gps.tiff', 'tiff-gps-page-2.tiff', 'tiff-gps-in-exif.tiff']) {
    test(`${name}: no location left, the same pixels on every page (sharp)`, async () => {
      const before = await fixture(`hostile/${name}`);
      const prepared = await prepareTiff(new File([before], name, { type: 'image/tiff' }), MAX_PIXELS);
      assert.deepEqual(prepared.transformations, ['metadata-stripped']);
      const after = new Uint8Array(await prepared.file.arrayBuffer());
      assert.equal(await findLocationMetadata(new Blob([after]), 'image/tiff'), undefined);
      const facts = checkTiff(after, MAX_PIXELS);
      assert.equal(facts.layout.directories.filter((d) => d.kind === 'gps' || d.kind === 'exif').length, 0);
      assert.equal(facts.dataEnd, after.length, 'nothing left after the last structure');
      // What the widget sends, the server's verification accepts.
      const verdict = await verifyDocumentBytes(after, { maxSize: 4_500_000, allowedType: 'image/tiff' });
      assert.ok(verdict.ok, JSON.stringify(verdict));
      const [was, is] = [await pages(before), await pages(after)];
      assert.equal(is.length, was.length);
      is.forEach((page, i) => assert.ok(page.equals(was[i]!), `page ${i + 1} differs`));
    });
  }

  test('a TIFF with nothing to remove comes back as it was', async () => {
    const file = new File([await fixture('hostile/tiff-big-endian.tiff')], 'scan.tiff');
    const prepared = await prepareTiff(file, MAX_PIXELS);
    assert.equal(prepared.file, file);
    assert.deepEqual(prepared.transformations, []);
  });

  test('a page over the pixel limit is too-many-pixels, from the directory alone', async () => {
    const error = await prepareTiff(new File([await fixture('hostile/tiff-ifd-at-end.tiff')], 'scan.tiff'), 1000).catch((e: unknown) => e);
    assert.ok(error instanceof UploadError);
    assert.equal(error.code, 'too-many-pixels');
  });
});

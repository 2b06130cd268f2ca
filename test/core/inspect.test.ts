import { expect } from '@open-wc/testing';
import { ALLOWED_TYPES, DEFAULT_ACCEPT, DEFAULT_MAX_SIZE, parseAccept } from '../../src/core/document-types.js';
import { UploadError } from '../../src/core/errors.js';
import { type InspectOptions, inspectFile } from '../../src/core/inspect.js';
import { countReads, fixtureFile, pdfOfSize } from './files.js';

const options: InspectOptions = { accept: ALLOWED_TYPES, maxSize: DEFAULT_MAX_SIZE };

async function rejection(file: File, opts = options): Promise<UploadError> {
  try {
    await inspectFile(file, opts);
  } catch (error) {
    expect(error).to.be.instanceOf(UploadError);
    return error as UploadError;
  }
  throw new Error(`${file.name} was accepted`);
}

describe('inspectFile', () => {
  const real: Array<[string, string]> = [
    ['id-card.pdf', 'application/pdf'],
    ['id-card.jpg', 'image/jpeg'],
    ['id-card.png', 'image/png'],
    ['id-card.tiff', 'image/tiff'],
    ['id-card.svg', 'image/svg+xml'],
  ];
  for (const [fixture, type] of real) {
    it(`reads ${type} from the bytes of ${fixture}`, async () => {
      const result = await inspectFile(await fixtureFile(fixture), options);
      expect(result.type).to.equal(type);
    });
    it(`reads ${type} from the bytes even with no name or declared type`, async () => {
      const result = await inspectFile(await fixtureFile(fixture, 'blob', ''), options);
      expect(result.type).to.equal(type);
    });
  }

  it('reads the head of a file once, for its size check, its type and the SVG sniff', async () => {
    // Each read is a round trip to the browser's blob store, and every upload waits for inspection.
    const note = new File(['<?xml version="1.0"?><note><to>x</to></note>'], 'note.xml', { type: 'text/xml' });
    for (const [fixture, type] of [...real, ['note.xml', undefined]] as const) {
      const file = fixture === 'note.xml' ? note : await fixtureFile(fixture);
      const reads = countReads(file);
      const outcome = await inspectFile(file, options).then((inspected) => inspected.type, () => undefined);
      expect(outcome, fixture).to.equal(type);
      // A TIFF's first directory may sit anywhere: file-type reads it by random access, past the head.
      if (type !== 'image/tiff') expect(reads(), fixture).to.equal(1);
    }
  });

  it('accepts image/jpg as the declared type of a JPEG', async () => {
    const result = await inspectFile(await fixtureFile('id-card.jpg', 'photo.jpg', 'image/jpg'), options);
    expect(result.type).to.equal('image/jpeg');
  });

  it('rejects an ELF binary named .pdf as type-mismatch', async () => {
    const error = await rejection(await fixtureFile('program.elf', 'passport.pdf'));
    expect(error.code).to.equal('type-mismatch');
    expect(error.details.detectedType).to.equal('application/x-elf');
  });

  it('rejects an HTML page named .jpg as type-mismatch', async () => {
    const error = await rejection(await fixtureFile('page.html', 'selfie.jpg'));
    expect(error.code).to.equal('type-mismatch');
  });

  it('rejects an HTML page under its own name as type-not-allowed', async () => {
    expect((await rejection(await fixtureFile('page.html'))).code).to.equal('type-not-allowed');
  });

  it('rejects an executable under its own name as type-not-allowed', async () => {
    expect((await rejection(await fixtureFile('program.elf', 'setup.bin', 'application/octet-stream'))).code).to.equal('type-not-allowed');
  });

  it('uploads a PNG saved as .jpg under its real type', async () => {
    const result = await inspectFile(await fixtureFile('id-card.png', 'scan.jpg'), options);
    expect(result.type).to.equal('image/png');
  });

  it('refuses an allowed type the element does not accept', async () => {
    const error = await rejection(await fixtureFile('id-card.png'), { ...options, accept: parseAccept('application/pdf') });
    expect(error.code).to.equal('type-not-allowed');
  });

  it('rejects an empty file', async () => {
    expect((await rejection(new File([], 'empty.pdf', { type: 'application/pdf' }))).code).to.equal('empty');
  });

  it('rejects XML that is not SVG', async () => {
    const xml = new File(['<?xml version="1.0"?><note><to>x</to></note>'], 'x.svg', { type: 'image/svg+xml' });
    expect((await rejection(xml)).code).to.equal('type-mismatch');
  });

  it('rejects malformed SVG', async () => {
    const broken = new File(['<svg xmlns="http://www.w3.org/2000/svg"><rect></svg'], 'x.svg', { type: 'image/svg+xml' });
    expect((await rejection(broken)).code).to.equal('type-mismatch');
  });

  it(`passes a file of exactly ${DEFAULT_MAX_SIZE} bytes`, async () => {
    const result = await inspectFile(await pdfOfSize(DEFAULT_MAX_SIZE), options);
    expect(result.file.size).to.equal(4_500_000);
  });

  it(`rejects a file of ${DEFAULT_MAX_SIZE + 1} bytes as too-large`, async () => {
    const error = await rejection(await pdfOfSize(DEFAULT_MAX_SIZE + 1));
    expect(error.code).to.equal('too-large');
    expect(error.details).to.include({ size: 4_500_001, maxSize: 4_500_000 });
  });

  it('honours a smaller max-size, and names a TIFF so the message can suggest JPEG or PDF', async () => {
    const error = await rejection(await fixtureFile('id-card.tiff'), { ...options, maxSize: 1000 });
    expect(error.code).to.equal('too-large');
    expect(error.details.detectedType).to.equal('image/tiff');
  });

  it('lets a JPEG or PNG over the limit through, for preparation to compress', async () => {
    for (const fixture of ['id-card.png', 'id-card.jpg']) {
      expect((await inspectFile(await fixtureFile(fixture), { ...options, maxSize: 1000 })).file.size).to.be.greaterThan(1000);
    }
  });

  describe('size before parsing', () => {
    const padded = async (fixture: string, name: string, type: string, size: number) => {
      const bytes = new Uint8Array(await (await fixtureFile(fixture)).arrayBuffer());
      return new File([bytes, new Uint8Array(size - bytes.length)], name, { type });
    };

    it('refuses an oversized file its first bytes do not name as too-large at once, as unknown', async () => {
      const text = new File([new Uint8Array(DEFAULT_MAX_SIZE + 1).fill(0x41)], 'notes.pdf', { type: 'application/pdf' });
      const error = await rejection(text);
      expect(error.code).to.equal('too-large');
      expect(error.details).to.include({ detectedType: 'unknown', declaredType: 'application/pdf', size: DEFAULT_MAX_SIZE + 1 });
    });

    it('refuses an oversized GIF as too-large, not type-not-allowed: nothing is parsed', async () => {
      const gif = new File([new TextEncoder().encode('GIF89a'), new Uint8Array(DEFAULT_MAX_SIZE)], 'anim.gif', { type: 'image/gif' });
      expect((await rejection(gif)).code).to.equal('too-large');
    });

    it('refuses an oversized SVG as too-large before parsing it', async () => {
      const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg">', ' '.repeat(DEFAULT_MAX_SIZE), '</svg>'], 'card.svg', { type: 'image/svg+xml' });
      expect((await rejection(svg)).code).to.equal('too-large');
    });

    it('lets photos over the limit through, whatever their name says, for preparation to shrink', async () => {
      expect((await inspectFile(await padded('id-card.jpg', 'scan.jpg', 'image/jpeg', 6_000_000), options)).type).to.equal('image/jpeg');
      expect((await inspectFile(await padded('photo.heic', 'IMG_0001.HEIC', '', 6_000_000), options)).type).to.equal('image/heic');
    });

    it('keeps type-mismatch for a small file whose bytes are not what its name says', async () => {
      const error = await rejection(new File(['MM, no TIFF, just text'], 'scan.tiff', { type: 'image/tiff' }));
      expect(error.code).to.equal('type-mismatch');
    });
  });

  it('accepts HEIC from its bytes, to be converted to JPEG', async () => {
    const result = await inspectFile(await fixtureFile('photo.heic', 'IMG_0001.HEIC', 'image/heic'), options);
    expect(result.type).to.equal('image/heic');
  });

  it('refuses a GIF, which neither the provider takes nor preparation converts', async () => {
    // GIF89a, 1×1, one black pixel: the smallest real GIF (the browser has no GIF encoder).
    const gif = Uint8Array.from(atob('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw=='), (c) => c.charCodeAt(0));
    const error = await rejection(new File([gif], 'animation.gif', { type: 'image/gif' }));
    expect(error.code).to.equal('type-not-allowed');
    expect(error.details.detectedType).to.equal('image/gif');
  });

  it('accepts AVIF from its bytes, to be converted to JPEG', async () => {
    expect((await inspectFile(await fixtureFile('id-card.avif', 'card.avif', 'image/avif'), options)).type).to.equal('image/avif');
  });

  it('refuses HEIC when JPEG is not accepted', async () => {
    const error = await rejection(await fixtureFile('photo.heic', 'IMG_0001.HEIC', 'image/heic'), { ...options, accept: parseAccept('application/pdf') });
    expect(error.code).to.equal('type-not-allowed');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(await fixtureFile('id-card.pdf'), { ...options, signal: controller.signal });
    expect(error.code).to.equal('aborted');
  });
});

describe('parseAccept', () => {
  it('reads MIME types, extensions and wildcards', () => {
    expect(parseAccept('application/pdf, .PNG')).to.deep.equal(['application/pdf', 'image/png']);
    // A wildcard stands for the default types of its family: SVG only when named.
    expect(parseAccept('image/*')).to.deep.equal(['image/jpeg', 'image/png', 'image/tiff']);
    expect(parseAccept('image/*, .svg')).to.deep.equal(['image/jpeg', 'image/png', 'image/tiff', 'image/svg+xml']);
    expect(parseAccept('image/jpg')).to.deep.equal(['image/jpeg']);
  });
  it('falls back to every allowed type when nothing allowed is named', () => {
    expect(parseAccept('')).to.deep.equal([...DEFAULT_ACCEPT]);
    expect(DEFAULT_ACCEPT).to.deep.equal(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']);
    expect(parseAccept('video/mp4')).to.deep.equal([...DEFAULT_ACCEPT]);
  });
});

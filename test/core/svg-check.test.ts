import { expect } from '@open-wc/testing';
import { detectType } from '../../src/core/detect-type.js';
import { ALLOWED_TYPES } from '../../src/core/document-types.js';
import { inspectFile } from '../../src/core/inspect.js';
import { checkSvg } from '../../src/core/prepare/svg-check.js';
import { prepareFile } from '../../src/core/prepare/prepare.js';
import { ID_CARD_SVG, manyPathsSvg, svgVectors } from '../fixtures/hostile/svg-vectors.js';
import { rejection } from './rejection.js';

const LIMIT = 4_500_000;
const vectors = svgVectors();
const hostile = vectors.filter((vector) => vector.reason !== undefined);
const clean = vectors.filter((vector) => vector.reason === undefined);
const svgFile = (name: string, bytes: Uint8Array<ArrayBuffer>) => new File([bytes], `${name}.svg`, { type: 'image/svg+xml' });

/** The widget's whole check, as a person picking the file meets it: inspect, then prepare. */
async function widgetVerdict(file: File): Promise<string> {
  try {
    const inspected = await inspectFile(file, { accept: ALLOWED_TYPES, maxSize: LIMIT });
    await prepareFile(inspected.file, inspected.type, { maxSize: LIMIT });
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('checkSvg: SVG by allowlist', () => {
  for (const { name, why, bytes, reason } of hostile) {
    it(`refuses ${name} (${reason}): ${why}`, async () => {
      const error = await rejection(checkSvg(new Blob([bytes])));
      expect(error.code).to.equal('unsafe-content');
      expect(error.details.reason).to.equal(reason);
    });
  }

  for (const { name, why, bytes } of clean) {
    it(`accepts ${name}: ${why}`, async () => {
      await checkSvg(new Blob([bytes]));
    });
  }

  it('holds the committed id-card.svg the clean vector claims to be', async () => {
    expect(await (await fetch('/test/fixtures/id-card.svg')).text()).to.equal(ID_CARD_SVG);
  });

  it('accepts a plain drawing of about 4 MB, just within the limit, through the whole widget', async () => {
    const big = new TextEncoder().encode(manyPathsSvg(70_000));
    expect(big.length).to.be.within(4_000_000, LIMIT);
    expect(await widgetVerdict(svgFile('big', big))).to.equal('accepted');
  });
});

describe('the widget on each hostile SVG (inspect, then prepare)', () => {
  for (const { name, bytes, reason, detected } of vectors) {
    const expected = reason === undefined ? 'accepted' : detected ? 'unsafe-content' : 'type-mismatch';
    it(`${name}: ${expected}`, async () => {
      expect(await widgetVerdict(svgFile(name, bytes))).to.equal(expected);
    });
  }
});

describe('SVG detection (isSvg)', () => {
  for (const { name, bytes, detected } of vectors) {
    it(`${name}: ${detected ? 'is' : 'is not'} read as SVG`, async () => {
      const type = await detectType(new Blob([bytes]));
      if (detected) expect(type).to.equal('image/svg+xml');
      else expect(type).not.to.equal('image/svg+xml');
    });
  }

  it('needs an svg root in the SVG namespace', async () => {
    expect(await detectType(new Blob(['<svg><rect/></svg>']))).not.to.equal('image/svg+xml');
    expect(await detectType(new Blob(['<html xmlns="http://www.w3.org/1999/xhtml"><svg xmlns="http://www.w3.org/2000/svg"/></html>']))).not.to.equal('image/svg+xml');
  });
});

describe('SVG and XML without DOMParser (as on the server)', () => {
  const scope = globalThis as { DOMParser?: unknown };
  let saved: unknown;
  beforeEach(() => {
    saved = scope.DOMParser;
    scope.DOMParser = undefined;
  });
  afterEach(() => {
    scope.DOMParser = saved;
  });

  it('detects, accepts and refuses the same', async () => {
    expect(await detectType(new Blob([ID_CARD_SVG]))).to.equal('image/svg+xml');
    await checkSvg(new Blob([ID_CARD_SVG]));
    const script = hostile.find((vector) => vector.name === 'script')!;
    expect((await rejection(checkSvg(new Blob([script.bytes])))).details.reason).to.equal('script');
  });
});

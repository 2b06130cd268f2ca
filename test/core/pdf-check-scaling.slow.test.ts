// Slow by design (5 MB of hostile bytes per test): in `npm test` and `test:browsers`, not in `test:unit`.
import { expect } from '@open-wc/testing';
import { checkPdf } from '../../src/core/prepare/pdf-check.js';
import { deflate, latin1Bytes, latin1Text } from '../fixtures/hostile/pdf-writer.js';
import { asBlob, refusalOf } from './pdf-bytes.js';

describe('checkPdf: time in proportion to the size, whatever the bytes', () => {
  // Speed is the bench's business; these must simply finish (the old page count took 16 s on
  // 0.48 MB of the first one, and mocha gives up at 15 s).
  const floods: Array<[string, string]> = [
    ['/Pages repeated', '/Pages'],
    ['<< floods', '<<'],
    ['# floods in one name', '#'],
    ['unclosed strings', '('],
    ['stray delimiters', ')}>'],
    ['stream keywords without endstream', '<<>>stream\n1 0 obj '],
    ['/Length pointing far ahead', '<</Length 4000000>>stream\n'],
    ['object headers', '1 0 obj '],
    ['comments and strings hiding object headers', '% 1 0 obj\n(1 0 obj)'],
  ];
  for (const [what, unit] of floods) {
    it(`checks 5 MB of ${what}`, async () => {
      const text = `%PDF-1.7\n${unit.repeat(Math.ceil(5_000_000 / unit.length))}`;
      expect((await refusalOf(latin1Bytes(text))).code).to.equal('damaged');
    });
  }

  it('checks 5 MB of tiny object streams (inflating the first thousand, leaving the rest to the server)', async () => {
    const data = latin1Text(await deflate(latin1Bytes('1 0 [] ')));
    const unit = `<</Type/ObjStm/First 4/Filter/FlateDecode/Length ${data.length}>>stream\n${data}\nendstream\n`;
    const text = `%PDF-1.7\n${unit.repeat(Math.ceil(5_000_000 / unit.length))}trailer<</Root 1 0 R>>`;
    expect(await checkPdf(asBlob(latin1Bytes(text)))).to.deep.equal({});
  });

  it('checks a 5 MB name', async () => {
    expect((await refusalOf(latin1Bytes(`%PDF-1.7\n/${'A'.repeat(5_000_000)}`))).code).to.equal('damaged');
  });
});

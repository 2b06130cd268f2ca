import { expect } from '@open-wc/testing';
import { checkPdf } from '../../src/core/prepare/pdf-check.js';
import { errorMessage } from '../../src/element/error-message.js';
import { BUILT_IN_CATALOGUES } from '../element/built-in-catalogues.js';
import { latin1Bytes, latin1Text, onePage, writePdf } from '../fixtures/hostile/pdf-writer.js';
import { fixtureFile, pdfOfSize } from './files.js';
import { asBlob, refusalOf } from './pdf-bytes.js';
import { rejection } from './rejection.js';

const fixtureBytes = async (name: string) => new Uint8Array(await (await fixtureFile(name)).arrayBuffer());

const link = (action: string) => `/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 612 792] /A ${action} >>]`;
const alert = '(app.alert\\(document.cookie\\))';
const stream = (data: string) => `<< /Length ${data.length} >>\nstream\n${data}\nendstream`;

describe('checkPdf: active content (issue 10, reproduction 3)', () => {
  const unsafe: Array<[string, Record<number, string>, string]> = [
    ['an /OpenAction running JavaScript', onePage(`/OpenAction << /S /JavaScript /JS ${alert} >>`), 'javascript'],
    ['JavaScript behind escaped names (/J#61vaScript, /J#53)', onePage(`/OpenAction << /S /J#61vaScript /J#53 ${alert} >>`), 'javascript'],
    ['a document-level JavaScript name tree', { ...onePage('/Names << /JavaScript 4 0 R >>'), 4: `<< /Names [(x) << /S /JavaScript /JS ${alert} >>] >>` }, 'javascript'],
    ['a link that launches a program', onePage('', link('<< /S /Launch /F (cmd.exe) /P (/c calc) >>')), 'launch'],
    ['embedded files', onePage('/Names << /EmbeddedFiles << /Names [(a.html) 4 0 R] >> >>'), 'embedded-file'],
    ['a file-attachment annotation', onePage('', '/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS 4 0 R >>]'), 'embedded-file'],
    ['an XFA form', onePage('/AcroForm << /Fields [] /XFA 4 0 R >>'), 'xfa'],
    ['a rich-media annotation', onePage('', '/Annots [<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] >>]'), 'rich-media'],
    ['a link that submits a form to a URL', onePage('', link('<< /S /SubmitForm /F << /FS /URL /F (https://tracker.example/) >> >>')), 'submit-form'],
    ['a link that imports local data', onePage('', link('<< /S /ImportData /F (C:\\\\secrets.fdf) >>')), 'import-data'],
    ['a link to a file on a network share', onePage('', link('<< /S /GoToR /F (\\\\\\\\tracker.example\\\\share\\\\x.pdf) /D [0 /Fit] >>')), 'remote-file'],
    ['an /OpenAction opening a web page by itself', onePage('/OpenAction << /S /URI /URI (https://tracker.example/opened) >>'), 'open-action'],
    ['an /OpenAction referring to an action', { ...onePage('/OpenAction 4 0 R'), 4: '<< /S /URI /URI (https://tracker.example/) >>' }, 'open-action'],
    ['page-open actions (/AA) on a page', onePage('', '/AA << /O << /S /URI /URI (https://tracker.example/) >> >>'), 'additional-actions'],
    ['page-open actions (/AA) by reference', { ...onePage('', '/AA 4 0 R'), 4: '<< /O << /S /Named /N /Print >> >>' }, 'additional-actions'],
  ];
  for (const [what, objects, reason] of unsafe) {
    it(`refuses ${what}: ${reason}`, async () => {
      expect(await refusalOf(await writePdf({ objects }))).to.deep.equal({ code: 'unsafe-content', reason });
    });
  }

  const harmless: Array<[string, Record<number, string>]> = [
    ['an /OpenAction that is only a destination', onePage('/OpenAction [3 0 R /Fit]')],
    ['an /OpenAction referring to a destination', { ...onePage('/OpenAction 4 0 R'), 4: '[3 0 R /FitH 792]' }],
    ['a web link that waits for a click', onePage('', link('<< /S /URI /URI (https://example.com/) >>'))],
    ['empty /AA', onePage('', '/AA << >>')],
    ['the dangerous names inside a string', onePage('/Lang (/JavaScript /JS /Launch \\) /AA /EmbeddedFiles)')],
    ['the dangerous names inside stream data', { ...onePage('', '/Contents 4 0 R'), 4: stream('/JS /Launch /AA (x) Tj % junk') }],
  ];
  for (const [what, objects] of harmless) {
    it(`accepts ${what}`, async () => {
      expect(await checkPdf(asBlob(await writePdf({ objects })))).to.deep.equal({ pageCount: 1 });
    });
  }

  // A reader jumps to the offsets of the cross-reference table, so an object can sit where a
  // front-to-back reading sees only data, a string or a comment.
  const hidden = `5 0 obj << /S /JavaScript /JS ${alert} >> endobj`;
  const hideouts: Array<[string, string]> = [
    ['another stream’s data', stream(hidden)],
    ['a string', `[(the card ${hidden} )]`],
    ['a comment', `[ % ${hidden}\n]`],
  ];
  for (const [where, text] of hideouts) {
    it(`refuses an object that the cross-reference table finds inside ${where}`, async () => {
      const objects = { ...onePage('/OpenAction 5 0 R'), 4: text };
      expect(await refusalOf(await writePdf({ objects, hidden: [5] }))).to.deep.equal({ code: 'unsafe-content', reason: 'javascript' });
    });
  }
});

describe('checkPdf: compressed object streams', () => {
  it('refuses JavaScript hidden in a compressed object stream', async () => {
    const pdf = await writePdf({ objects: {}, packed: { ...onePage('/OpenAction 4 0 R'), 4: `<< /S /JavaScript /JS ${alert} >>` } });
    expect(latin1Text(pdf)).not.to.include('JavaScript');
    expect(await refusalOf(pdf)).to.deep.equal({ code: 'unsafe-content', reason: 'javascript' });
  });

  it('refuses an /OpenAction whose action sits in an object stream', async () => {
    const pdf = await writePdf({ objects: onePage('/OpenAction 4 0 R'), packed: { 4: '<< /S /URI /URI (https://tracker.example/) >>' } });
    expect(await refusalOf(pdf)).to.deep.equal({ code: 'unsafe-content', reason: 'open-action' });
  });

  it('accepts a clean document packed in object streams, and counts its pages', async () => {
    const pdf = await writePdf({ objects: {}, packed: { ...onePage('/OpenAction 4 0 R'), 4: '[3 0 R /Fit]' } });
    expect(await checkPdf(asBlob(pdf))).to.deep.equal({ pageCount: 1 });
  });

  it('refuses an object stream that inflates past 20 MiB as damaged, without holding it all', async () => {
    const pdf = await writePdf({ objects: onePage(), packed: { 4: `[${' '.repeat(21 * 1024 * 1024)}]` } });
    expect(pdf.length).to.be.below(100_000);
    expect(await refusalOf(pdf)).to.deep.equal({ code: 'damaged', reason: 'object-stream-bomb' });
  });
});

describe('checkPdf: encryption, structure, pages', () => {
  it('refuses a password-protected PDF, and one with an owner password only', async () => {
    expect((await refusalOf(await fixtureBytes('encrypted.pdf'))).code).to.equal('encrypted-pdf');
    expect((await refusalOf(await fixtureBytes('owner-only-encrypted.pdf'))).code).to.equal('encrypted-pdf');
  });

  for (const spelling of ['/#45ncrypt', '/E#6e#63rypt']) {
    it(`sees encryption written ${spelling}`, async () => {
      const text = latin1Text(await fixtureBytes('encrypted.pdf')).replace('/Encrypt 18 0 R', `${spelling} 18 0 R`);
      expect(text).not.to.include('/Encrypt');
      expect((await refusalOf(latin1Bytes(text))).code).to.equal('encrypted-pdf');
    });
  }

  it('refuses a file without a PDF header, one cut short, and one without pages as damaged', async () => {
    const card = await fixtureBytes('id-card.pdf');
    const junk = new Uint8Array(1100 + card.length).fill(0x41);
    junk.set(card, 1100);
    expect(await refusalOf(junk)).to.deep.equal({ code: 'damaged', reason: 'no-header' });
    expect(await refusalOf(card.subarray(0, Math.floor(card.length * 0.6)))).to.deep.equal({ code: 'damaged', reason: 'no-trailer' });
    expect(await refusalOf(await writePdf({ objects: { 1: '<< /Type /Catalog >>' } }))).to.deep.equal({ code: 'damaged', reason: 'no-pages' });
  });

  it('counts pages from the root of a nested page tree', async () => {
    const objects = {
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 >>',
      3: '<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>',
      4: '<< /Type /Page /Parent 2 0 R >>', 5: '<< /Type /Page /Parent 3 0 R >>', 6: '<< /Type /Page /Parent 3 0 R >>',
    };
    expect(await checkPdf(asBlob(await writePdf({ objects })))).to.deep.equal({ pageCount: 3 });
  });

  it('accepts the real PDF, also padded to the size limit', async () => {
    expect(await checkPdf(await fixtureFile('id-card.pdf'))).to.deep.equal({ pageCount: 1 });
    expect(await checkPdf(await pdfOfSize(4_500_000))).to.deep.equal({ pageCount: 1 });
  });
});

describe('checkPdf: what the person reads', () => {
  it('says, in every language, that the PDF (not an SVG) carries active content', async () => {
    const error = await rejection(checkPdf(asBlob(await writePdf({ objects: onePage(`/OpenAction << /S /JavaScript /JS ${alert} >>`) }))));
    for (const t of BUILT_IN_CATALOGUES) {
      const message = errorMessage(t, error);
      expect(message, t.$code).to.match(/PDF/);
      expect(message, t.$code).not.to.match(/SVG/);
    }
  });
});

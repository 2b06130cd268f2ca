import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ALLOWED_TYPES } from '../../src/core/document-types.js';
import { UploadError } from '../../src/core/errors.js';
import { inspectFile } from '../../src/core/inspect.js';
import { checkPdf } from '../../src/core/prepare/pdf-check.js';
import { UNSAFE_PDF_NAMES } from '../../src/core/prepare/pdf-rules.js';
import { deepCheckPdf } from '../../src/server/verify/pdf-deep-check.js';
import { verifyDocumentBytes } from '../../src/server/verify/verify-bytes.js';
import type { HostileEntry } from '../fixtures/hostile/entry.js';
import { makePdfCorpus } from '../fixtures/hostile/pdf.js';
import { latin1Bytes, latin1Text, onePage, writePdf } from '../fixtures/hostile/pdf-writer.js';

/** The shared check's answer, as the widget gives it: `accepted` or the refusal's code and reason. */
async function shared(bytes: Uint8Array): Promise<{ code: string; reason?: string | undefined }> {
  try {
    await checkPdf(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    return { code: 'accepted' };
  } catch (error) {
    assert.ok(error instanceof UploadError, String(error));
    return { code: error.code, reason: error.details.reason };
  }
}

async function deep(bytes: Uint8Array): Promise<{ code: string; reason?: string }> {
  const verdict = await deepCheckPdf(bytes);
  return verdict.ok ? { code: 'accepted' } : { code: verdict.code, reason: verdict.reason };
}

const pdf = (catalog = '', page = '', more: Record<number, string> = {}) => writePdf({ objects: { ...onePage(catalog, page), ...more } });

describe('deepCheckPdf (qpdf)', () => {
  test('accepts the specimen and counts pages from the page tree', async () => {
    assert.deepEqual(await deepCheckPdf(await pdf()), { ok: true, pageCount: 1 });
    const objects = {
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
      3: '<< /Type /Page /Parent 2 0 R >>', 4: '<< /Type /Page /Parent 2 0 R >>', 5: '<< /Type /Page /Parent 2 0 R >>',
    };
    assert.deepEqual(await deepCheckPdf(await writePdf({ objects })), { ok: true, pageCount: 3 });
  });

  test('one list for both sides: every unsafe name is refused by the shared check and by qpdf, with the same reason', async () => {
    for (const [name, reason] of Object.entries(UNSAFE_PDF_NAMES)) {
      const bytes = await pdf('', `/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /${name} >> >>]`);
      assert.deepEqual(await shared(bytes), { code: 'unsafe-content', reason }, name);
      assert.deepEqual(await deep(bytes), { code: 'unsafe-content', reason }, name);
    }
  });

  test('an /OpenAction: an action (inline or by reference) is refused, a destination is not', async () => {
    const uri = '<< /S /URI /URI (https://tracker.example/) >>';
    assert.deepEqual(await deep(await pdf(`/OpenAction ${uri}`)), { code: 'unsafe-content', reason: 'open-action' });
    assert.deepEqual(await deep(await pdf('/OpenAction 4 0 R', '', { 4: uri })), { code: 'unsafe-content', reason: 'open-action' });
    assert.deepEqual(await deep(await pdf('/OpenAction [3 0 R /Fit]')), { code: 'accepted' });
    assert.deepEqual(await deep(await pdf('/OpenAction 4 0 R', '', { 4: '[3 0 R /Fit]' })), { code: 'accepted' });
    assert.deepEqual(await deep(await pdf('', '/AA 4 0 R', { 4: `<< /O ${uri} >>` })), { code: 'unsafe-content', reason: 'additional-actions' });
    assert.deepEqual(await deep(await pdf('', '/AA << >>')), { code: 'accepted' });
  });

  test('names written with #xx escapes are read as the names they are', async () => {
    const bytes = await pdf('/Op#65nAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>');
    assert.deepEqual(await deep(bytes), { code: 'unsafe-content', reason: 'javascript' });
  });

  test('sees a script in an object stream behind filters the browser leaves unread (the server sees more)', async () => {
    const packed = { ...onePage('/OpenAction 4 0 R'), 4: '<< /S /JavaScript /JS (app.alert\\(1\\)) >>' };
    const bytes = await writePdf({ objects: {}, packed, packedFilter: 'hex-flate' });
    assert.deepEqual(await shared(bytes), { code: 'accepted' });
    assert.deepEqual(await deep(bytes), { code: 'unsafe-content', reason: 'javascript' });
  });

  test('encryption, whatever the spelling of /Encrypt; damage; no pages', async () => {
    const encrypted = latin1Text(new Uint8Array(await readFile(new URL('../fixtures/encrypted.pdf', import.meta.url))));
    assert.deepEqual(await deep(latin1Bytes(encrypted.replace('/Encrypt ', '/#45ncrypt '))), { code: 'encrypted-pdf', reason: 'encrypted' });
    assert.deepEqual(await deep(latin1Bytes(`%PDF-1.7\n${'/Pages'.repeat(80_000)}`)), { code: 'damaged', reason: 'unreadable' });
    assert.deepEqual(await deep(await writePdf({ objects: { 1: '<< /Type /Catalog >>' } })), { code: 'damaged', reason: 'no-pages' });
  });

  test('a run past its deadline ends as damaged; an abort rejects', async () => {
    const bytes = await pdf();
    assert.deepEqual(await deepCheckPdf(bytes, { timeoutMs: 1 }), { ok: false, code: 'damaged', reason: 'parser-limit' });
    await assert.rejects(deepCheckPdf(bytes, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });
});

describe('hostile PDF corpus (test/fixtures/hostile/pdf.ts)', () => {
  let work: string;
  let corpus: HostileEntry[];
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'kyc-pdf-corpus-'));
    corpus = await makePdfCorpus(work);
  });
  after(() => rm(work, { recursive: true, force: true }));

  test('holds at least 15 PDFs, each named once, and says why wherever the two sides differ', () => {
    assert.ok(corpus.length >= 15, String(corpus.length));
    assert.equal(new Set(corpus.map((entry) => entry.name)).size, corpus.length);
    for (const entry of corpus) if (entry.browser !== entry.server) assert.ok(entry.differs, entry.name);
  });

  test('each entry gets its declared outcome from the widget’s checks and from the server’s verification', async () => {
    for (const entry of corpus) {
      const file = new File([entry.bytes as Uint8Array<ArrayBuffer>], entry.name, { type: entry.declaredType });
      let browser = 'accepted';
      try {
        await inspectFile(file, { accept: [...ALLOWED_TYPES], maxSize: 4_500_000 });
        await checkPdf(file);
      } catch (error) {
        browser = (error as UploadError).code;
      }
      const verdict = await verifyDocumentBytes(entry.bytes as Uint8Array<ArrayBuffer>, { maxSize: 4_500_000, allowedType: 'application/pdf' });
      assert.deepEqual({ name: entry.name, browser, server: verdict.ok ? 'accepted' : verdict.code }, { name: entry.name, browser: entry.browser, server: entry.server });
    }
  });

  test('where both sides refuse a file as unsafe, they give the same reason', async () => {
    for (const entry of corpus.filter((candidate) => candidate.browser === 'unsafe-content')) {
      const fromShared = await shared(entry.bytes);
      assert.deepEqual(await deep(entry.bytes), fromShared, entry.name);
    }
  });
});

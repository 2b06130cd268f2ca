// Every file of the hostile corpus through the server's verification, as if posted straight to
// storage under a form for the type the attacker claims. test/core/hostile-corpus.slow.test.ts runs the
// same files through the widget's checks; corpus.json says where the two sides differ, and why.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { isAllowedType, normalizeType } from '../../src/core/document-types.js';
import { verifyDocumentBytes } from '../../src/server/verify/verify-bytes.js';
import type { HostileEntry } from '../fixtures/hostile/entry.js';

const folder = new URL('../fixtures/hostile/', import.meta.url);
const corpus = JSON.parse(await readFile(new URL('corpus.json', folder), 'utf8')) as Array<Omit<HostileEntry, 'bytes'>>;

describe('hostile corpus: server verification', () => {
  test('holds at least 40 files, and says why wherever the two sides differ', () => {
    assert.ok(corpus.length >= 40, String(corpus.length));
    for (const entry of corpus) if (entry.browser !== entry.server) assert.ok(entry.differs, entry.name);
  });

  for (const entry of corpus) {
    test(`${entry.name}: ${entry.why} → ${entry.server}`, async () => {
      const bytes = new Uint8Array(await readFile(new URL(entry.name, folder)));
      const declared = normalizeType(entry.declaredType);
      const verdict = await verifyDocumentBytes(bytes, { maxSize: 4_500_000, ...(isAllowedType(declared) ? { allowedType: declared } : {}) });
      assert.equal(verdict.ok ? 'accepted' : verdict.code, entry.server, JSON.stringify(verdict));
    });
  }
});

import { expect } from '@open-wc/testing';
import { setAssetBase } from '../../src/core/assets.js';
import { ALLOWED_TYPES } from '../../src/core/document-types.js';
import { UploadError } from '../../src/core/errors.js';
import { inspectFile } from '../../src/core/inspect.js';
import { prepareFile } from '../../src/core/prepare/prepare.js';
import type { HostileEntry } from '../fixtures/hostile/entry.js';
import { fixtureFile } from './files.js';

// Every file of the hostile corpus through the widget's own checks, in the order the widget runs
// them. test/server/hostile-corpus.test.ts runs the same files through the server's verification.
setAssetBase('/__assets__/');
const LIMIT = 4_500_000;
const corpus = (await (await fetch('/test/fixtures/hostile/corpus.json')).json()) as Array<Omit<HostileEntry, 'bytes'>>;

async function browserOutcome(file: File): Promise<string> {
  try {
    const inspected = await inspectFile(file, { accept: [...ALLOWED_TYPES], maxSize: LIMIT });
    await prepareFile(inspected.file, inspected.type, { maxSize: LIMIT });
    return 'accepted';
  } catch (error) {
    if (error instanceof UploadError) return error.code;
    throw error;
  }
}

describe('hostile corpus: browser checks', () => {
  for (const entry of corpus) {
    it(`${entry.name}: ${entry.why} → ${entry.browser}`, async () => {
      const file = await fixtureFile(`hostile/${entry.name}`, entry.name, entry.declaredType);
      expect(await browserOutcome(file)).to.equal(entry.browser);
    });
  }
});

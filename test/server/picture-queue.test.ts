import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PageRenderError, renderPdfPage } from '../../src/server/pdf-pages.js';
import { createPictureQueue } from '../../src/server/picture-queue.js';
import { verifyDocumentBytes } from '../../src/server/verify/verify-bytes.js';
import { writePdf } from '../fixtures/hostile/pdf-writer.js';

/** A valid one-page PDF whose only content is a pattern tiled a hundred times per point: verification passes it; drawing it spins. */
async function tilingBomb(): Promise<Uint8Array<ArrayBuffer>> {
  const data = '/Pattern cs /P1 scn 0 0 600 800 re f';
  const tile = '0 0 1 rg 0 0 0.5 0.5 re f';
  const bytes = await writePdf({
    objects: {
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Pattern << /P1 5 0 R >> >> /Contents 4 0 R >>',
      4: `<< /Length ${data.length} >>\nstream\n${data}\nendstream`,
      5: `<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 1 1] /XStep 0.01 /YStep 0.01 /Resources << >> /Length ${tile.length} >>\nstream\n${tile}\nendstream`,
    },
  });
  return new Uint8Array(bytes);
}

describe('pictures for reviewers', () => {
  test('a page built to spin the renderer passes verification, and is stopped at its timeout', async () => {
    const pdf = await tilingBomb();
    const verdict = await verifyDocumentBytes(pdf, { maxSize: 4_500_000 });
    assert.ok(verdict.ok, JSON.stringify(verdict));
    await assert.rejects(renderPdfPage(pdf, { page: 1, timeoutMs: 300 }), PageRenderError);
  });

  test('draws each key once, failures included, one at a time', async () => {
    const queue = createPictureQueue({ concurrency: 1, cacheEntries: 2 });
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = queue.draw('a', async () => {
      started.push('a');
      await gate;
      return new Uint8Array([1]);
    });
    const failing = queue.draw('b', async () => {
      started.push('b');
      throw new PageRenderError('spins');
    });
    // One at a time: b waits for a.
    await Promise.resolve();
    assert.deepEqual(started, ['a']);
    release();
    assert.deepEqual(await slow, new Uint8Array([1]));
    await assert.rejects(failing, PageRenderError);
    assert.deepEqual(started, ['a', 'b']);

    // Drawn once: asking again reuses the picture, and the failure.
    assert.deepEqual(await queue.draw('a', async () => assert.fail('drawn twice')), new Uint8Array([1]));
    await assert.rejects(queue.draw('b', async () => assert.fail('drawn twice')), PageRenderError);
    assert.ok(queue.has('a') && queue.has('b'));

    // Bounded: a third key forgets the oldest.
    await queue.draw('c', async () => new Uint8Array([3]));
    assert.equal(queue.has('a'), false);
  });
});

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { type Demo, startDemo } from '../../demo/server.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { postToS3 } from '../support/s3-post.js';

describe('demo server: browser → host → emulated provider → S3', () => {
  let demo: Demo;
  before(async () => {
    // An empty env: the embedded storage, whatever S3_* the machine has.
    demo = await startDemo({ port: 0, env: {} });
  });
  after(async () => {
    await demo.close();
  });

  const origin = () => new URL(demo.url).origin;
  async function newSession(): Promise<string> {
    const page = await fetch(demo.url);
    await page.body?.cancel();
    const cookie = page.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^demo_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    return cookie.split(';')[0]!;
  }
  const requestForm = (cookie: string | undefined, body: unknown) =>
    fetch(new URL('/api/kyc/document-form', demo.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });

  test('uploads through the whole chain, verifies the stored bytes and serves them as a download', async () => {
    const cookie = await newSession();
    const bytes = new Uint8Array(await readFile(new URL('../fixtures/id-card.png', import.meta.url)));
    const answer = await requestForm(cookie, { documentType: 9, fileName: 'id.png', contentType: 'image/png', size: bytes.length });
    assert.equal(answer.status, 200);
    const form = (await answer.json()) as DocumentForm;

    const upload = await postToS3(form.form.action, form.formFields, { bytes, type: 'image/png' }, { origin: origin() });
    assert.equal(upload.status, 204, upload.body);
    assert.equal(upload.headers.get('access-control-allow-origin'), origin());

    const list = await fetch(new URL('/api/kyc/documents', demo.url), { headers: { cookie } });
    assert.equal(list.status, 200);
    const documents = (await list.json()) as Array<Record<string, unknown>>;
    assert.deepEqual(
      documents.map((d) => [d.documentId, d.status, d.type, d.size]),
      [[form.documentId, 'verified', 'image/png', bytes.length]],
    );

    const file = await fetch(new URL(`/api/kyc/documents/${form.documentId}/file`, demo.url), { headers: { cookie } });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.equal(file.headers.get('content-disposition'), `attachment; filename="document-${form.documentId}.png"`);
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.match(file.headers.get('content-security-policy') ?? '', /^sandbox;/);
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), bytes);

    // Another visitor sees neither the list entry nor the file.
    const stranger = await newSession();
    assert.deepEqual(await (await fetch(new URL('/api/kyc/documents', demo.url), { headers: { cookie: stranger } })).json(), []);
    for (const action of ['file', 'preview', 'verify']) {
      const stolen = await fetch(new URL(`/api/kyc/documents/${form.documentId}/${action}`, demo.url), {
        method: action === 'verify' ? 'POST' : 'GET',
        headers: { cookie: stranger },
      });
      assert.equal(stolen.status, 404, action);
      await stolen.body?.cancel();
    }
  });

  test('requires the demo session for the API', async () => {
    const form = await requestForm(undefined, { documentType: 9, fileName: 'a.pdf', contentType: 'application/pdf', size: 10 });
    assert.equal(form.status, 401);
    assert.equal((await fetch(new URL('/api/kyc/documents', demo.url))).status, 401);
  });

  test('keeps the provider routes behind its token', async () => {
    const response = await fetch(new URL('/core-connect/users/1370854/kyc/document', demo.url));
    assert.equal(response.status, 401);
  });

  test('serves the page from demo/public', async () => {
    const page = await fetch(demo.url);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await page.text(), /<kyc-document-set\b/);
  });

  test('serves nothing outside demo/public and dist/', async () => {
    const paths = [
      '/dist/../package.json',
      '/dist/%2e%2e/package.json',
      '/dist/..%2fpackage.json',
      '/..%2fserver.ts',
      '/%2e%2e/server.ts',
      '/dist/',
      '/package.json',
      '/server.ts',
    ];
    for (const path of paths) {
      const response = await fetch(new URL(path, demo.url));
      assert.equal(response.status, 404, path);
      await response.body?.cancel();
    }
  });
});

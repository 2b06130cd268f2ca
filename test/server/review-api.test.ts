// The attacker of issue 10 against the reference backend: no widget, only the element endpoint
// and the storage. What they store never becomes reviewable, and nothing is served inline.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { type Demo, startDemo } from '../../demo/server.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { postToS3 } from '../support/s3-post.js';

const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));
const text = (value: string) => new TextEncoder().encode(value);

const SCRIPTED_SVG = text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.domain)</script></svg>');
// What an attacker types: a one-page PDF whose opening runs JavaScript.
const SCRIPTED_PDF = text(
  '%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>> endobj\n' +
    '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj\n' +
    '4 0 obj <</S/JavaScript/JS(app.alert\\(1\\))>> endobj\ntrailer <</Root 1 0 R/Size 5>>\n%%EOF\n',
);

describe('reference backend: stored documents are verified before anyone sees them', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo({ port: 0, env: {}, formLimits: { perSession: 8, perUser: 8, perAddress: 1000, windowMs: 60_000 } });
  });
  after(() => demo.close());

  async function newSession(): Promise<string> {
    const page = await fetch(demo.url);
    await page.body?.cancel();
    return (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
  const api = (cookie: string, path: string, init: RequestInit = {}) =>
    fetch(new URL(path, demo.url), { ...init, headers: { cookie, ...(init.headers ?? {}) } });
  async function formFor(cookie: string, contentType: string, size: number): Promise<DocumentForm> {
    const answer = await api(cookie, '/api/kyc/document-form', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentType: 9, fileName: 'x', contentType, size }),
    });
    assert.equal(answer.status, 200, await answer.clone().text());
    return (await answer.json()) as DocumentForm;
  }
  async function postStraightToStorage(form: DocumentForm, bytes: Uint8Array<ArrayBuffer>, type: string) {
    const answer = await postToS3(form.form.action, form.formFields, { bytes, type });
    // The storage takes it, as S3 would: the policy binds key, type and size, not content.
    assert.equal(answer.status, 204, answer.body);
  }
  const listed = async (cookie: string) => (await (await api(cookie, '/api/kyc/documents')).json()) as Array<Record<string, unknown>>;

  for (const [name, type, bytes, reason] of [
    ['an SVG with a script', 'image/svg+xml', SCRIPTED_SVG, 'script'],
    ['a PDF whose opening runs JavaScript', 'application/pdf', SCRIPTED_PDF, undefined],
  ] as const) {
    test(`${name}, posted without the widget, is refused, removed, and never served`, async () => {
      const cookie = await newSession();
      const form = await formFor(cookie, type, bytes.length);
      await postStraightToStorage(form, bytes, type);

      const [entry] = await listed(cookie);
      assert.equal(entry!.status, 'refused');
      assert.deepEqual((entry!.refusal as { code: string }).code, 'unsafe-content');
      if (reason) assert.equal((entry!.refusal as { reason: string }).reason, reason);
      assert.equal(entry!.preview, undefined);
      assert.equal(entry!.download, undefined);

      for (const path of ['file', 'preview', 'pages/1']) {
        const answer = await api(cookie, `/api/kyc/documents/${form.documentId}/${path}`);
        assert.equal(answer.status, 409, path);
        assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
        await answer.body?.cancel();
      }
      // Out of reach at the provider too: its preview has nothing to sign.
      const keys = await storedKeys();
      assert.ok(!keys.some((key) => key.includes(form.documentId)), keys.join());
    });
  }

  test('the re-upload gap: bytes replaced through a still-valid form after the verdict are verified again and refused', async () => {
    const cookie = await newSession();
    const clean = await fixture('id-card.png');
    const form = await formFor(cookie, 'image/png', clean.length + 64);
    await postStraightToStorage(form, clean, 'image/png');
    const verified = (await (await api(cookie, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' })).json()) as Record<string, unknown>;
    assert.equal(verified.status, 'verified');

    // The same form, within its five minutes: a PNG with an HTML page after its end (a polyglot).
    const polyglot = new Uint8Array([...clean, ...text('<html><script>alert(1)</script>')]);
    await postStraightToStorage(form, polyglot, 'image/png');
    const file = await api(cookie, `/api/kyc/documents/${form.documentId}/file`);
    assert.equal(file.status, 409);
    const body = (await file.json()) as { document: { status: string; refusal: { code: string; reason: string } } };
    assert.deepEqual([body.document.status, body.document.refusal], ['refused', { code: 'damaged', reason: 'trailing-data' }]);
  });

  test('the re-upload gap: verify and the list read the bytes again while the form can still replace them', async () => {
    const cookie = await newSession();
    const clean = await fixture('id-card.png');
    const form = await formFor(cookie, 'image/png', clean.length);
    await postStraightToStorage(form, clean, 'image/png');
    const verify = async () => (await (await api(cookie, `/api/kyc/documents/${form.documentId}/verify`, { method: 'POST' })).json()) as Record<string, unknown>;
    assert.equal((await verify()).status, 'verified');

    // A scripted SVG through the same PNG form (the form binds the declared type, not the bytes).
    await postStraightToStorage(form, SCRIPTED_SVG, 'image/png');
    const again = await verify();
    assert.deepEqual([again.status, again.refusal], ['refused', { code: 'type-mismatch' }]);
    assert.equal((await listed(cookie))[0]!.status, 'refused');
  });

  test('pages are numbered from 1', async () => {
    const cookie = await newSession();
    const pdf = await fixture('id-card.pdf');
    const form = await formFor(cookie, 'application/pdf', pdf.length);
    await postStraightToStorage(form, pdf, 'application/pdf');
    for (const page of ['0', '0000', '-1', '1.0']) {
      const answer = await api(cookie, `/api/kyc/documents/${form.documentId}/pages/${page}`);
      assert.equal(answer.status, 404, page);
      await answer.body?.cancel();
    }
  });

  test('a file of another type than the form asked for is refused as type-mismatch', async () => {
    const cookie = await newSession();
    const pdf = await fixture('id-card.pdf');
    // Treezor signs Content-Type "" — the host holds the bytes to the type the element asked for.
    const form = await formFor(cookie, 'image/png', pdf.length);
    const fields = { ...form.formFields };
    await postStraightToStorage({ ...form, formFields: fields }, pdf, 'image/png');
    const [entry] = await listed(cookie);
    assert.deepEqual(entry!.refusal, { code: 'type-mismatch' });
  });

  test('a verified PDF is shown as pictures of its pages, rendered on the server', async () => {
    const cookie = await newSession();
    const pdf = await fixture('id-card.pdf');
    const form = await formFor(cookie, 'application/pdf', pdf.length);
    await postStraightToStorage(form, pdf, 'application/pdf');
    const [entry] = await listed(cookie);
    assert.deepEqual([entry!.status, entry!.pageCount], ['verified', 1]);
    const page = await api(cookie, `/api/kyc/documents/${form.documentId}/preview`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'image/png');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    const png = new Uint8Array(await page.arrayBuffer());
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const beyond = await api(cookie, `/api/kyc/documents/${form.documentId}/pages/2`);
    assert.equal(beyond.status, 404);
    await beyond.body?.cancel();
  });

  test('a document with nothing stored yet stays pending, and is verified once it arrives', async () => {
    const cookie = await newSession();
    const jpeg = await fixture('id-card.jpg');
    const form = await formFor(cookie, 'image/jpeg', jpeg.length);
    assert.equal((await listed(cookie))[0]!.status, 'pending');
    assert.equal((await api(cookie, `/api/kyc/documents/${form.documentId}/file`)).status, 409);
    await postStraightToStorage(form, jpeg, 'image/jpeg');
    assert.equal((await listed(cookie))[0]!.status, 'verified');
  });

  async function storedKeys(): Promise<string[]> {
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const listing = await demo.s3.send(new ListObjectsV2Command({ Bucket: demo.bucket }));
    return (listing.Contents ?? []).map((object) => object.Key!);
  }
});

describe('reference backend: upload forms are rate-limited', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo({ port: 0, env: {}, formLimits: { perSession: 3, perUser: 3, perAddress: 6, windowMs: 60_000 } });
  });
  after(() => demo.close());

  const askForm = (cookie?: string) =>
    fetch(new URL('/api/kyc/document-form', demo.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ documentType: 9, fileName: 'x.pdf', contentType: 'application/pdf', size: 100 }),
    });
  async function newSession(): Promise<string> {
    const page = await fetch(demo.url);
    await page.body?.cancel();
    return (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  test('per session and user, then per address however many sessions a script makes, with Retry-After', async () => {
    const first = await newSession();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await askForm(first)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const limited = await askForm(first);
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'too-many-requests');

    // Cookie-less visits make new users, but the address limit (6) holds: the five requests above
    // count against it, refused ones too, so one more form is left for the address.
    const fresh = [];
    for (let i = 0; i < 3; i++) fresh.push((await askForm(await newSession())).status);
    assert.deepEqual(fresh, [200, 429, 429]);
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createDocumentFormHandler, type DocumentFormLogEntry } from '../../src/server/element-endpoint.js';
import { presignDocumentForm } from '../../src/server/presign-document-form.js';
import { toNodeHandler } from '../../src/server/web/node-adapter.js';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import { serve, type TestServer } from '../support/http-server.js';
import { postToS3, sampleBytes } from '../support/s3-post.js';

describe('element endpoint (createDocumentFormHandler)', () => {
  let storage: TestStorage;
  let endpoint: TestServer;
  let providerFails = false;
  const logs: DocumentFormLogEntry[] = [];
  const calls: unknown[] = [];

  before(async () => {
    storage = await startTestStorage();
    const handler = createDocumentFormHandler({
      // The host's own session, reduced to a header for the test.
      resolveUser: (request) => (request.headers.has('x-user') ? Number(request.headers.get('x-user')) : null),
      createForm: async (input) => {
        calls.push(input);
        if (providerFails) throw new Error('connect ECONNREFUSED provider.internal:443 secret-token');
        return presignDocumentForm(storage.s3, { bucket: storage.bucket, ...input });
      },
      maxSize: 4_500_000,
      log: (entry) => logs.push(entry),
    });
    endpoint = await serve(toNodeHandler(handler, 'http://127.0.0.1'));
  });
  after(async () => {
    await endpoint.close();
    await storage.stop();
  });
  beforeEach(() => {
    providerFails = false;
    logs.length = 0;
    calls.length = 0;
  });

  const valid = { documentType: 9, fileName: 'passport.png', contentType: 'image/png', size: 2048 };
  const post = (body: unknown, headers: Record<string, string> = { 'x-user': '1370854' }, type = 'application/json') =>
    fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': type, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('answers 401 without a signed-in user', async () => {
    const response = await post(valid, {});
    assert.equal(response.status, 401);
    assert.deepEqual(((await response.json()) as { error: { code: string } }).error.code, 'unauthenticated');
    assert.equal(calls.length, 0);
  });

  test('answers 200 with a form that uploads to storage', async () => {
    const response = await post(valid);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const form = (await response.json()) as { documentId: string; form: { action: string }; formFields: Record<string, string> };
    assert.deepEqual(calls, [{ ...valid, userId: 1370854 }]);
    assert.doesNotMatch(form.formFields.key!, /passport/);
    const upload = await postToS3(form.form.action, form.formFields, { bytes: sampleBytes(2048), type: 'image/png' });
    assert.equal(upload.status, 204, upload.body);
    assert.equal(logs.length, 1);
    assert.equal(logs[0]!.event, 'form-created');
    assert.equal(logs[0]!.documentId, form.documentId);
    assert.doesNotMatch(JSON.stringify(logs), /Policy|Signature|X-Amz/);
  });

  test('normalizes image/jpg to image/jpeg before asking for the form', async () => {
    const response = await post({ ...valid, contentType: 'image/jpg' });
    assert.equal(response.status, 200);
    assert.equal((calls[0] as { contentType: string }).contentType, 'image/jpeg');
  });

  test('answers 400 invalid-request for a body that is not the contract', async () => {
    const cases: Array<[string, unknown, string?]> = [
      ['form-encoded body', 'documentType=9', 'application/x-www-form-urlencoded'],
      ['text/plain JSON (a simple cross-site request)', JSON.stringify(valid), 'text/plain'],
      ['invalid JSON', '{"documentType":'],
      ['an array', [valid]],
      ['an extra property', { ...valid, key: 'chosen-by-browser' }],
      ['size 0', { ...valid, size: 0 }],
      ['size over maxSize', { ...valid, size: 4_500_001 }],
      ['fractional size', { ...valid, size: 10.5 }],
      ['string documentType', { ...valid, documentType: '9' }],
      ['missing documentType', { fileName: 'a.png', contentType: 'image/png', size: 1 }],
      ['long fileName', { ...valid, fileName: 'a'.repeat(256) }],
      ['type not allowed', { ...valid, contentType: 'text/html' }],
      ['huge body', { ...valid, fileName: 'a'.repeat(10_000) }],
    ];
    for (const [name, body, type] of cases) {
      const response = await post(body, undefined, type);
      assert.equal(response.status, 400, name);
      const json = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(json.error.code, 'invalid-request', name);
      assert.ok(json.error.message, name);
    }
    assert.equal(calls.length, 0);
  });

  test('passes the slot of a document set (kind, subtype, side) to createForm and to the log', async () => {
    const slot = { kind: 'identity-proof', subtype: 'id-card', side: 'back' };
    const response = await post({ ...valid, ...slot });
    assert.equal(response.status, 200, await response.clone().text());
    assert.deepEqual(calls, [{ ...valid, ...slot, userId: 1370854 }]);
    assert.deepEqual(
      [logs[0]!.event, logs[0]!.kind, logs[0]!.subtype, logs[0]!.side],
      ['form-created', 'identity-proof', 'id-card', 'back'],
    );
    // Each one alone is fine too: a lone <kyc-upload> may say only its side.
    assert.equal((await post({ ...valid, side: 'front' })).status, 200);
    assert.deepEqual(calls[1], { ...valid, side: 'front', userId: 1370854 });
    assert.equal((await post({ ...valid, kind: 'company-register', subtype: 'kbis-2024' })).status, 200);
  });

  test('answers 400 for a slot that is not lower-case words joined by dashes, or a side other than front/back', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['upper-case kind', { kind: 'Identity-Proof' }],
      ['empty kind', { kind: '' }],
      ['kind with a space', { kind: 'identity proof' }],
      ['kind with a slash', { kind: '../identity' }],
      ['kind ending in a dash', { kind: 'identity-' }],
      ['kind of 65 characters', { kind: 'a'.repeat(65) }],
      ['kind as a number', { kind: 9 }],
      ['kind as null', { kind: null }],
      ['subtype with an underscore', { subtype: 'id_card' }],
      ['subtype with a newline', { subtype: 'id-card\nforged=1' }],
      ['side left', { side: 'left' }],
      ['side in capitals', { side: 'FRONT' }],
      ['side as a list', { side: ['front'] }],
    ];
    for (const [name, slot] of cases) {
      const response = await post({ ...valid, ...slot });
      assert.equal(response.status, 400, name);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid-request', name);
    }
    // Exactly at the limit: 64 characters is a name.
    assert.equal((await post({ ...valid, kind: 'a'.repeat(64) })).status, 200);
    assert.equal(calls.length, 1);
  });

  const quality = { blur: 0.62, glare: 0.01, exposure: 0.48, resolution: 1130, corners: 4, passed: false, issues: ['blurred'] };

  test("passes a photo's on-device quality to createForm, and only its verdict to the log", async () => {
    const response = await post({ ...valid, quality });
    assert.equal(response.status, 200, await response.clone().text());
    assert.deepEqual(calls, [{ ...valid, quality, userId: 1370854 }]);
    assert.deepEqual(logs[0]!.deviceQuality, { passed: false, issues: ['blurred'] });
    assert.equal('quality' in logs[0]!, false, 'the figures stay out of the log');
  });

  test('answers 400 for a quality report out of its bounds or with properties it does not name', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['blur above 1', { ...quality, blur: 1.5 }],
      ['negative glare', { ...quality, glare: -0.1 }],
      ['exposure as text', { ...quality, exposure: '0.5' }],
      ['five corners', { ...quality, corners: 5 }],
      ['fractional resolution', { ...quality, resolution: 10.5 }],
      ['an issue the checks do not know', { ...quality, issues: ['forged'] }],
      ['too many issues', { ...quality, issues: Array(8).fill('blurred') }],
      ['an extra property', { ...quality, score: 99 }],
      ['passed missing', (({ passed: _, ...rest }) => rest)(quality)],
    ];
    for (const [name, report] of cases) {
      const response = await post({ ...valid, quality: report });
      assert.equal(response.status, 400, name);
    }
    assert.equal(calls.length, 0);
  });

  test('still refuses a property the contract does not name, with or without a slot', async () => {
    for (const body of [
      { ...valid, kind: 'identity-proof', subtype: 'passport', side: 'front', bucket: 'other' },
      { ...valid, slot: 'identity-proof/passport/front' },
      { ...valid, Kind: 'identity-proof' },
    ]) {
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body));
    }
    assert.equal(calls.length, 0);
  });

  test('answers 502 when the provider fails, without leaking its error', async () => {
    providerFails = true;
    const response = await post(valid);
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.match(text, /provider-error/);
    assert.doesNotMatch(text, /secret-token|ECONNREFUSED/);
    assert.equal(logs[0]!.event, 'provider-failed');
  });

  test('answers 405 to anything but POST', async () => {
    const response = await fetch(endpoint.url, { headers: { 'x-user': '1' } });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });

  describe('with the requirements', () => {
    let strict: TestServer;
    before(async () => {
      strict = await serve(
        toNodeHandler(
          createDocumentFormHandler({
            resolveUser: (request) => (request.headers.has('x-user') ? Number(request.headers.get('x-user')) : null),
            createForm: (input) => presignDocumentForm(storage.s3, { bucket: storage.bucket, ...input }),
            requirements: [
              { kind: 'identity-proof', subtypes: [{ subtype: 'passport', documentType: 901 }, { subtype: 'id-card', documentType: 9 }] },
              { kind: 'address-proof', subtypes: [{ subtype: 'utility-bill', documentType: 911 }] },
            ],
          }),
          'http://127.0.0.1',
        ),
      );
    });
    after(() => strict?.close());
    const postStrict = (body: unknown) =>
      fetch(strict.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-user': '1370854' }, body: JSON.stringify(body) });

    test('attack: a file labelled a utility bill but sent as an identity card (type 9) is refused before any form', async () => {
      const response = await postStrict({ ...valid, documentType: 9, kind: 'address-proof', subtype: 'utility-bill', side: 'front' });
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { error: { message: string } }).error.message, /utility-bill is sent as documentType 911/);
    });

    for (const [what, body] of [
      ['a kind not required', { kind: 'company-register', subtype: 'kbis', side: 'front' }],
      ['a subtype the kind does not offer', { kind: 'identity-proof', subtype: 'driving-license', side: 'front' }],
      ['a side the subtype does not have', { documentType: 901, kind: 'identity-proof', subtype: 'passport', side: 'back' }],
      ['a kind without its side', { kind: 'identity-proof', subtype: 'id-card' }],
      ['no slot and a type the requirements do not name', { documentType: 17 }],
    ] as const) {
      test(`refuses ${what} with 400`, async () => {
        assert.equal((await postStrict({ ...valid, ...body })).status, 400);
      });
    }

    test('takes a fitting slot, and a lone upload of a type the requirements name', async () => {
      assert.equal((await postStrict({ ...valid, kind: 'identity-proof', subtype: 'id-card', side: 'back' })).status, 200);
      assert.equal((await postStrict({ ...valid, documentType: 911, kind: 'address-proof', subtype: 'utility-bill', side: 'front' })).status, 200);
      assert.equal((await postStrict(valid)).status, 200);
    });
  });
});

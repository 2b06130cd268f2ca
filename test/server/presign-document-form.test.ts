import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../demo/storage/s3-client.js';
import {
  DocumentFormError,
  presignDocumentForm,
  type PresignDocumentFormOptions,
} from '../../src/server/presign-document-form.js';

// Signing a POST form is local: no request reaches this endpoint.
const s3 = createS3Client({
  endpoint: 'http://127.0.0.1:9',
  region: 'eu-west-3',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  embedded: true,
});
const options: PresignDocumentFormOptions = { bucket: 'kyc', userId: 1370854, documentType: 9, contentType: 'image/png' };

const decodePolicy = (policy: string) =>
  JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };

describe('presignDocumentForm', () => {
  test("answers Treezor's pre-signed form shape, fields in Treezor's order", async () => {
    const form = await presignDocumentForm(s3, options);
    assert.match(form.documentId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(form.form, { action: 'http://127.0.0.1:9/kyc', method: 'POST', enctype: 'multipart/form-data' });
    assert.equal(form.expireIn, 300);
    assert.deepEqual(Object.keys(form.formFields), [
      'acl',
      'key',
      'Content-Type',
      'X-Amz-Credential',
      'X-Amz-Algorithm',
      'X-Amz-Date',
      'Policy',
      'X-Amz-Signature',
    ]);
    assert.equal(form.formFields.acl, 'private');
    assert.equal(form.formFields['Content-Type'], 'image/png');
    assert.equal(form.formFields['X-Amz-Algorithm'], 'AWS4-HMAC-SHA256');
    assert.match(form.formFields['X-Amz-Credential']!, /^AKIDEXAMPLE\/\d{8}\/eu-west-3\/s3\/aws4_request$/);
    assert.match(form.formFields['X-Amz-Signature']!, /^[0-9a-f]{64}$/);
    assert.match(form.formFields.key!, new RegExp(`^\\d{10}_1370854_9_${form.documentId}_0$`));
  });

  test('signs size 1..maxSize, the private ACL, the exact key and one Content-Type', async () => {
    const form = await presignDocumentForm(s3, { ...options, maxSize: 1000, expiresIn: 60 });
    const policy = decodePolicy(form.formFields.Policy!);
    assert.deepEqual(policy.conditions.slice(0, 3), [
      ['content-length-range', 1, 1000],
      { acl: 'private' },
      { 'Content-Type': 'image/png' },
    ]);
    assert.ok(policy.conditions.some((c) => JSON.stringify(c) === JSON.stringify({ key: form.formFields.key })));
    assert.ok(policy.conditions.some((c) => JSON.stringify(c) === JSON.stringify({ bucket: 'kyc' })));
    assert.equal(form.expireIn, 60);
    const lifetime = Date.parse(policy.expiration) - Date.now();
    assert.ok(lifetime > 50_000 && lifetime <= 61_000, String(lifetime));
  });

  test('accepts the five allowed types and signs image/jpg as image/jpeg', async () => {
    for (const type of ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/svg+xml']) {
      assert.equal((await presignDocumentForm(s3, { ...options, contentType: type })).formFields['Content-Type'], type);
    }
    const jpg = await presignDocumentForm(s3, { ...options, contentType: 'image/jpg' });
    assert.equal(jpg.formFields['Content-Type'], 'image/jpeg');
    assert.deepEqual(decodePolicy(jpg.formFields.Policy!).conditions[2], { 'Content-Type': 'image/jpeg' });
  });

  test("signs every alias the browser and the server's verification take, as its type", async () => {
    // One alias list (core/document-types.ts): a type the widget sends, and verification takes,
    // is never refused here (the server once knew image/jpg only).
    for (const [alias, type] of [['image/pjpeg', 'image/jpeg'], ['image/svg', 'image/svg+xml'], ['Image/JPG; q=1', 'image/jpeg']]) {
      const form = await presignDocumentForm(s3, { ...options, contentType: alias! });
      assert.equal(form.formFields['Content-Type'], type, alias);
    }
  });

  test('refuses any other type with a typed error', async () => {
    for (const type of ['text/html', 'image/gif', 'application/octet-stream', '']) {
      await assert.rejects(presignDocumentForm(s3, { ...options, contentType: type }), (error: unknown) => {
        assert.ok(error instanceof DocumentFormError);
        assert.equal(error.code, 'content-type-not-allowed');
        return true;
      });
    }
  });

  test('refuses a user id or document type that would bend the key', async () => {
    for (const bad of [{ userId: '../1' }, { userId: '' }, { documentType: -1 }, { documentType: 1.5 }]) {
      await assert.rejects(presignDocumentForm(s3, { ...options, ...bad }), { name: 'DocumentFormError', code: 'invalid-argument' });
    }
  });

  test('signs metadata as x-amz-meta-* fields, each an exact condition of the policy', async () => {
    const metadata = { kind: 'identity-proof', subtype: 'id-card', side: 'back' };
    const form = await presignDocumentForm(s3, { ...options, metadata });
    assert.deepEqual(Object.keys(form.formFields).slice(0, 6), ['acl', 'key', 'Content-Type', 'x-amz-meta-kind', 'x-amz-meta-subtype', 'x-amz-meta-side']);
    assert.deepEqual([form.formFields['x-amz-meta-kind'], form.formFields['x-amz-meta-subtype'], form.formFields['x-amz-meta-side']], ['identity-proof', 'id-card', 'back']);
    const conditions = decodePolicy(form.formFields.Policy!).conditions.map((c) => JSON.stringify(c));
    for (const [name, value] of Object.entries(metadata)) assert.ok(conditions.includes(JSON.stringify({ [`x-amz-meta-${name}`]: value })), name);
    // Nothing a browser may choose: no starts-with anywhere.
    assert.ok(!conditions.some((c) => c.includes('starts-with')), conditions.join());
    // Without metadata, the form is as before.
    assert.ok(!Object.keys((await presignDocumentForm(s3, options)).formFields).some((name) => name.startsWith('x-amz-meta-')));
  });

  test('refuses metadata a header cannot carry unchanged, or more than S3 keeps', async () => {
    const at = (length: number) => 'v'.repeat(length);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v']));
    for (const metadata of [
      { Kind: 'identity-proof' },
      { 'kind name': 'x' },
      { kind_name: 'x' },
      { '': 'x' },
      { kind: '' },
      { kind: ' leading' },
      { kind: 'trailing ' },
      { kind: 'line\nbreak' },
      { kind: 'carte d’identité' },
      { kind: at(257) },
      { kind: 9 as unknown as string },
      many,
      // Each entry within bounds, 2 KB and one byte in all: 7 × (2 + 256) + (2 + 241).
      { ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`k${i}`, at(256)])), k7: at(241) },
    ]) {
      await assert.rejects(presignDocumentForm(s3, { ...options, metadata }), { name: 'DocumentFormError', code: 'invalid-argument' }, JSON.stringify(metadata));
    }
    // The limits themselves are fine: eight entries, a value of 256, exactly 2 KB in all.
    const full = { ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`k${i}`, at(256)])), k7: at(240) };
    const form = await presignDocumentForm(s3, { ...options, metadata: full });
    assert.equal(form.formFields['x-amz-meta-k0'], at(256));
    assert.equal(form.formFields['x-amz-meta-k7'], at(240));
    assert.equal((await presignDocumentForm(s3, { ...options, metadata: { note: 'a b ~!' } })).formFields['x-amz-meta-note'], 'a b ~!');
  });

  test('signs at the given time: X-Amz-Date, key seconds and expiration follow `now`', async () => {
    const now = new Date('2021-06-30T14:23:37Z');
    const form = await presignDocumentForm(s3, { ...options, now });
    assert.equal(form.formFields['X-Amz-Date'], '20210630T142337Z');
    assert.match(form.formFields.key!, /^1625063017_1370854_9_/);
    assert.equal(decodePolicy(form.formFields.Policy!).expiration, '2021-06-30T14:28:37Z');
  });

  test('adds X-Amz-Security-Token with session credentials', async () => {
    const session = new S3Client({
      region: 'eu-west-3',
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'IQoToken' },
    });
    const form = await presignDocumentForm(session, options);
    assert.equal(form.formFields['X-Amz-Security-Token'], 'IQoToken');
    assert.deepEqual(Object.keys(form.formFields).slice(2, 4), ['Content-Type', 'X-Amz-Security-Token']);
    assert.equal(form.form.action, 'https://kyc.s3.eu-west-3.amazonaws.com/');
    session.destroy();
  });
});

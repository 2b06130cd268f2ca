import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { presignDocumentForm, type PresignDocumentFormOptions } from '../../src/server/presign-document-form.js';
import { startTestStorage, TEST_ORIGIN, type TestStorage } from '../support/embedded-storage.js';
import { postToS3, sampleBytes } from '../support/s3-post.js';

describe('embedded storage: POST Object checked like S3', () => {
  let storage: TestStorage;
  beforeEach(async () => {
    storage = await startTestStorage();
  });
  afterEach(async () => {
    await storage.stop();
  });

  const presign = (options: Partial<PresignDocumentFormOptions> = {}) =>
    presignDocumentForm(storage.s3, {
      bucket: storage.bucket,
      userId: 1370854,
      documentType: 9,
      contentType: 'image/png',
      ...options,
    });
  const png = (size = 2048) => ({ bytes: sampleBytes(size), type: 'image/png', name: 'passport.png' });

  async function assertNothingStored() {
    assert.deepEqual(await storage.listKeys(), []);
  }

  test('stores a valid upload byte for byte, with its Content-Type and CORS headers', async () => {
    const form = await presign();
    const file = png(5000);
    const answer = await postToS3(form.form.action, form.formFields, file, { origin: TEST_ORIGIN });
    assert.equal(answer.status, 204, answer.body);
    assert.equal(answer.headers.get('access-control-allow-origin'), TEST_ORIGIN);
    assert.match(answer.headers.get('access-control-expose-headers') ?? '', /ETag/);

    const object = await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: form.formFields.key }));
    assert.equal(object.ContentType, 'image/png');
    assert.deepEqual(new Uint8Array(await object.Body!.transformToByteArray()), file.bytes);
    assert.deepEqual(await storage.listKeys(), [form.formFields.key]);
  });

  test('signs image/jpg as image/jpeg and stores it as such', async () => {
    const form = await presign({ contentType: 'image/jpg' });
    assert.equal(form.formFields['Content-Type'], 'image/jpeg');
    const answer = await postToS3(form.form.action, form.formFields, { bytes: sampleBytes(10), type: 'image/jpeg' });
    assert.equal(answer.status, 204, answer.body);
    const head = await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: form.formFields.key }));
    assert.equal(head.ContentType, 'image/jpeg');
  });

  test('answers a browser preflight for POST', async () => {
    const form = await presign();
    const response = await fetch(form.form.action, {
      method: 'OPTIONS',
      headers: { origin: TEST_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('access-control-allow-origin'));
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  test('refuses a file over the policy maximum: 400 EntityTooLarge, readable cross-origin', async () => {
    const form = await presign({ maxSize: 1024 });
    const answer = await postToS3(form.form.action, form.formFields, png(1025), { origin: TEST_ORIGIN });
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get('content-type'), 'application/xml');
    assert.equal(answer.headers.get('access-control-allow-origin'), TEST_ORIGIN);
    assert.equal(answer.error?.Code, 'EntityTooLarge');
    assert.equal(answer.error?.ProposedSize, '1025');
    assert.equal(answer.error?.MaxSizeAllowed, '1024');
    assert.ok(answer.error?.RequestId);
    await assertNothingStored();
  });

  test('refuses a body over the storage limit (20 MB): 400 EntityTooLarge', async () => {
    const form = await presign();
    const answer = await postToS3(form.form.action, form.formFields, png(21 * 1024 * 1024));
    assert.equal(answer.status, 400);
    assert.equal(answer.error?.Code, 'EntityTooLarge');
    assert.equal(answer.error?.MaxSizeAllowed, String(20 * 1024 * 1024));
    await assertNothingStored();
  });

  test('refuses an empty file: 400 EntityTooSmall', async () => {
    const form = await presign();
    const answer = await postToS3(form.form.action, form.formFields, png(0));
    assert.equal(answer.status, 400);
    assert.equal(answer.error?.Code, 'EntityTooSmall');
    assert.equal(answer.error?.MinSizeAllowed, '1');
    await assertNothingStored();
  });

  test('refuses an expired policy: 403 AccessDenied "Policy expired."', async () => {
    const form = await presign({ now: new Date(Date.now() - 10 * 60_000), expiresIn: 300 });
    const answer = await postToS3(form.form.action, form.formFields, png());
    assert.equal(answer.status, 403);
    assert.equal(answer.error?.Code, 'AccessDenied');
    assert.equal(answer.error?.Message, 'Invalid according to Policy: Policy expired.');
    await assertNothingStored();
  });

  test('refuses a tampered signature: 403 SignatureDoesNotMatch', async () => {
    const form = await presign();
    const signature = form.formFields['X-Amz-Signature']!;
    const tampered = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
    const answer = await postToS3(form.form.action, { ...form.formFields, 'X-Amz-Signature': tampered }, png());
    assert.equal(answer.status, 403);
    assert.equal(answer.error?.Code, 'SignatureDoesNotMatch');
    await assertNothingStored();
  });

  test('refuses a policy rewritten to allow more: 403 SignatureDoesNotMatch', async () => {
    const form = await presign({ maxSize: 1024 });
    const policy = Buffer.from(form.formFields.Policy!, 'base64').toString('utf8').replace('1024]', '99999999]');
    const fields = { ...form.formFields, Policy: Buffer.from(policy).toString('base64') };
    const answer = await postToS3(form.form.action, fields, png(4096));
    assert.equal(answer.status, 403);
    assert.equal(answer.error?.Code, 'SignatureDoesNotMatch');
    await assertNothingStored();
  });

  test('refuses an unknown access key: 403 InvalidAccessKeyId', async () => {
    const form = await presign();
    const credential = form.formFields['X-Amz-Credential']!.replace(/^[^/]+/, 'AKIAUNKNOWN');
    const answer = await postToS3(form.form.action, { ...form.formFields, 'X-Amz-Credential': credential }, png());
    assert.equal(answer.status, 403);
    assert.equal(answer.error?.Code, 'InvalidAccessKeyId');
    await assertNothingStored();
  });

  test('refuses another key: 403 Policy Condition failed', async () => {
    const form = await presign();
    const answer = await postToS3(form.form.action, { ...form.formFields, key: 'someone-else/passport.png' }, png());
    assert.equal(answer.status, 403);
    assert.equal(answer.error?.Code, 'AccessDenied');
    assert.equal(
      answer.error?.Message,
      `Invalid according to Policy: Policy Condition failed: ["eq", "$key", "${form.formFields.key}"]`,
    );
    await assertNothingStored();
  });

  test('refuses another Content-Type than the signed one: 403 Policy Condition failed', async () => {
    const form = await presign({ contentType: 'application/pdf' });
    const answer = await postToS3(form.form.action, { ...form.formFields, 'Content-Type': 'text/html' }, {
      bytes: sampleBytes(100),
      type: 'text/html',
    });
    assert.equal(answer.status, 403);
    assert.equal(
      answer.error?.Message,
      'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "application/pdf"]',
    );
    await assertNothingStored();
  });

  test('refuses a field the policy does not cover: 403 Extra input fields', async () => {
    const form = await presign();
    const fields = [...Object.entries(form.formFields), ['x-amz-meta-owner', 'mallory']] as const;
    const answer = await postToS3(form.form.action, fields, png());
    assert.equal(answer.status, 403);
    assert.equal(answer.error?.Message, 'Invalid according to Policy: Extra input fields: x-amz-meta-owner');
    await assertNothingStored();
  });

  test('stores signed metadata with the object: HeadObject says what the file is', async () => {
    const metadata = { kind: 'identity-proof', subtype: 'id-card', side: 'back' };
    const form = await presign({ metadata });
    const answer = await postToS3(form.form.action, form.formFields, png());
    assert.equal(answer.status, 204, answer.body);
    const head = await storage.s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: form.formFields.key }));
    assert.deepEqual(head.Metadata, metadata);
    assert.equal(head.ContentType, 'image/png');
  });

  test('refuses metadata other than the signed one, missing, or one more entry: 403, nothing stored', async () => {
    const form = await presign({ metadata: { kind: 'identity-proof', subtype: 'id-card', side: 'back' } });
    const changed = await postToS3(form.form.action, { ...form.formFields, 'x-amz-meta-side': 'front' }, png());
    assert.equal(changed.status, 403);
    assert.equal(changed.error?.Message, 'Invalid according to Policy: Policy Condition failed: ["eq", "$x-amz-meta-side", "back"]');
    const { 'x-amz-meta-subtype': _dropped, ...withoutSubtype } = form.formFields;
    const missing = await postToS3(form.form.action, withoutSubtype, png());
    assert.equal(missing.status, 403);
    assert.equal(missing.error?.Message, 'Invalid according to Policy: Policy Condition failed: ["eq", "$x-amz-meta-subtype", "id-card"]');
    const extra = await postToS3(form.form.action, [...Object.entries(form.formFields), ['x-amz-meta-verified', 'yes']], png());
    assert.equal(extra.status, 403);
    assert.equal(extra.error?.Message, 'Invalid according to Policy: Extra input fields: x-amz-meta-verified');
    // The same name in other capitals is the same field twice, not a second chance.
    const recased = await postToS3(form.form.action, [...Object.entries(form.formFields), ['X-Amz-Meta-Side', 'front']], png());
    assert.equal(recased.status, 400);
    await assertNothingStored();
  });

  test('accepts x-ignore- fields, as S3 does', async () => {
    const form = await presign();
    const fields = [...Object.entries(form.formFields), ['x-ignore-trace', 'abc']] as const;
    const answer = await postToS3(form.form.action, fields, png());
    assert.equal(answer.status, 204, answer.body);
  });

  test('refuses a second field of the same name', async () => {
    const form = await presign();
    const fields = [...Object.entries(form.formFields), ['key', 'other-key']] as const;
    const answer = await postToS3(form.form.action, fields, png());
    assert.equal(answer.status, 400);
    assert.equal(answer.error?.Code, 'InvalidArgument');
    await assertNothingStored();
  });

  test('refuses a form with more parts than it parses, rather than judge a partial form', async () => {
    const form = await presign();
    const padding = Array.from({ length: 250 }, (_, i) => [`x-ignore-${i}`, 'x'] as const);
    const fields = [...Object.entries(form.formFields), ...padding, ['key', 'evil-key']] as const;
    const answer = await postToS3(form.form.action, fields, png());
    assert.equal(answer.status, 400);
    assert.equal(answer.error?.Code, 'MalformedPOSTRequest');
    await assertNothingStored();
  });

  test('refuses a file placed before the fields, which S3 then ignores', async () => {
    const form = await presign();
    const answer = await postToS3(form.form.action, form.formFields, png(), { fileFirst: true });
    assert.equal(answer.status, 400);
    assert.equal(answer.error?.Code, 'InvalidArgument');
    assert.match(answer.error?.Message ?? '', /check the order of the fields/);
    await assertNothingStored();
  });

  test('refuses a form without a file', async () => {
    const form = await presign();
    const answer = await postToS3(form.form.action, form.formFields, undefined);
    assert.equal(answer.status, 400);
    assert.equal(answer.error?.Code, 'InvalidArgument');
    assert.equal(answer.error?.ArgumentName, 'file');
    await assertNothingStored();
  });

  test('refuses a form without a policy: 403 AccessDenied', async () => {
    const form = await presign();
    const { Policy: _policy, ...fields } = form.formFields;
    const answer = await postToS3(form.form.action, fields, png());
    assert.equal(answer.status, 403);
    assert.equal(answer.error?.Code, 'AccessDenied');
    await assertNothingStored();
  });

  test('ignores parts after the file, as S3 does', async () => {
    const form = await presign();
    const answer = await postToS3(form.form.action, form.formFields, png(), {
      after: [['key', 'elsewhere'], ['x-amz-meta-late', 'ignored']],
    });
    assert.equal(answer.status, 204, answer.body);
    assert.deepEqual(await storage.listKeys(), [form.formFields.key]);
  });

  test('refuses a form signed for another bucket: 403 Policy Condition failed', async () => {
    await storage.s3.send(new CreateBucketCommand({ Bucket: 'other-bucket' }));
    const form = await presign();
    const action = form.form.action.replace(new RegExp(`/${storage.bucket}$`), '/other-bucket');
    const answer = await postToS3(action, form.formFields, png());
    assert.equal(answer.status, 403);
    assert.equal(
      answer.error?.Message,
      `Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "${storage.bucket}"]`,
    );
    await assertNothingStored();
    const other = await storage.s3.send(new ListObjectsV2Command({ Bucket: 'other-bucket' }));
    assert.equal(other.KeyCount, 0);
  });
});

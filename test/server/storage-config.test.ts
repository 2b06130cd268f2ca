import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { type EmbeddedS3, startEmbeddedS3 } from '../../demo/storage/embedded-s3.js';
import { resolveStorage } from '../../demo/storage/storage-config.js';
import { presignDocumentForm } from '../../src/server/presign-document-form.js';
import { postToS3, sampleBytes } from '../support/s3-post.js';

describe('resolveStorage', () => {
  // Stands in for "a real S3-compatible store" reached through environment variables alone.
  let store: EmbeddedS3;
  before(async () => {
    store = await startEmbeddedS3({ bucket: 'external-kyc', allowedOrigins: ['*'] });
  });
  after(async () => {
    await store.stop();
  });

  test('uses the store the S3_* variables name, without starting one', async () => {
    const storage = await resolveStorage(
      {
        S3_ENDPOINT: store.endpoint,
        S3_BUCKET: 'external-kyc',
        S3_REGION: 'eu-west-3',
        S3_ACCESS_KEY_ID: store.credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: store.credentials.secretAccessKey,
      },
      { allowedOrigins: [] },
    );
    try {
      assert.equal(storage.kind, 'external');
      assert.equal(storage.endpoint, store.endpoint);
      assert.equal(storage.bucket, 'external-kyc');
      const form = await presignDocumentForm(storage.s3, {
        bucket: storage.bucket,
        userId: 1,
        documentType: 9,
        contentType: 'application/pdf',
      });
      assert.equal(form.form.action, `${store.endpoint}/external-kyc`);
      const bytes = sampleBytes(100);
      const upload = await postToS3(form.form.action, form.formFields, { bytes, type: 'application/pdf' });
      assert.equal(upload.status, 204, upload.body);
      const object = await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: form.formFields.key }));
      assert.equal(object.ContentType, 'application/pdf');
    } finally {
      await storage.stop();
    }
  });

  test('targets AWS S3 when only S3_BUCKET is set', async () => {
    const storage = await resolveStorage(
      { S3_BUCKET: 'kyc-prod', AWS_REGION: 'eu-west-3', S3_ACCESS_KEY_ID: 'AKID', S3_SECRET_ACCESS_KEY: 'secret' },
      { allowedOrigins: [] },
    );
    try {
      assert.equal(storage.endpoint, 'https://s3.eu-west-3.amazonaws.com');
      const form = await presignDocumentForm(storage.s3, { bucket: 'kyc-prod', userId: 1, documentType: 9, contentType: 'image/png' });
      assert.equal(form.form.action, 'https://kyc-prod.s3.eu-west-3.amazonaws.com/');
    } finally {
      await storage.stop();
    }
  });

  test('refuses a half-configured store instead of silently using the embedded one', async () => {
    await assert.rejects(resolveStorage({ S3_ENDPOINT: 'http://minio:9000' }, { allowedOrigins: [] }), /S3_BUCKET/);
    await assert.rejects(
      resolveStorage({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'only-the-id' }, { allowedOrigins: [] }),
      /S3_SECRET_ACCESS_KEY/,
    );
  });

  test('starts the embedded store when no S3_* variable is set', async () => {
    const storage = await resolveStorage({}, { allowedOrigins: ['http://app.test'] });
    try {
      assert.equal(storage.kind, 'embedded');
      assert.match(storage.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await storage.stop();
    }
  });
});

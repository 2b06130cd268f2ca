import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { startTestStorage, type TestStorage } from '../support/embedded-storage.js';
import { sampleBytes } from '../support/s3-post.js';

// What the host side does with its own bucket once the guard stands in front of the store.
describe('embedded storage guard: signed SDK calls the host relies on', () => {
  let storage: TestStorage;
  beforeEach(async () => {
    storage = await startTestStorage();
  });
  afterEach(async () => {
    await storage.stop();
  });

  const Bucket = () => storage.bucket;
  const put = (Key: string, Body: string | Uint8Array, ContentType = 'image/png') =>
    storage.s3.send(new PutObjectCommand({ Bucket: Bucket(), Key, Body, ContentType }));
  // As S3 expects it: URL-encoded, `/` kept between segments.
  const copySourceOf = (key: string) => [Bucket(), ...key.split('/')].map(encodeURIComponent).join('/');
  const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

  test('Put, Head, Get, List, Copy (with REPLACE), Delete, keys with spaces and +', async () => {
    await put('incoming/user a/scan+1.png', sampleBytes(300));
    const head = await storage.s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key: 'incoming/user a/scan+1.png' }));
    assert.equal(head.ContentLength, 300);
    const CopySource = copySourceOf('incoming/user a/scan+1.png');
    await storage.s3.send(new CopyObjectCommand({ Bucket: Bucket(), Key: 'verified/scan.png', CopySource }));
    const replaced = { MetadataDirective: 'REPLACE', ContentType: 'application/octet-stream' } as const;
    await storage.s3.send(new CopyObjectCommand({ Bucket: Bucket(), Key: 'quarantine/scan.bin', CopySource, ...replaced }));
    const quarantined = await storage.s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key: 'quarantine/scan.bin' }));
    assert.equal(quarantined.ContentType, 'application/octet-stream');
    await storage.s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key: 'quarantine/scan.bin' }));
    await storage.s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key: 'incoming/user a/scan+1.png' }));
    assert.deepEqual(await storage.listKeys(), ['verified/scan.png']);
    const copy = await storage.s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: 'verified/scan.png' }));
    assert.equal(copy.ContentType, 'image/png');
    assert.deepEqual(await copy.Body!.transformToByteArray(), sampleBytes(300));
  });

  test('CopySourceIfMatch and IfMatch hold as in S3: 412 once the bytes changed', async () => {
    const verified = await put('incoming/doc.pdf', 'verified bytes', 'application/pdf');
    await put('incoming/doc.pdf', 're-posted bytes', 'application/pdf');
    const CopySource = copySourceOf('incoming/doc.pdf');
    await assert.rejects(
      storage.s3.send(new CopyObjectCommand({ Bucket: Bucket(), Key: 'reviewable/doc.pdf', CopySource, CopySourceIfMatch: verified.ETag })),
      (e) => statusOf(e) === 412,
    );
    await assert.rejects(
      storage.s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: 'incoming/doc.pdf', IfMatch: verified.ETag })),
      (e) => statusOf(e) === 412,
    );
    assert.deepEqual(await storage.listKeys(), ['incoming/doc.pdf']);

    const current = await storage.s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key: 'incoming/doc.pdf' }));
    await storage.s3.send(
      new CopyObjectCommand({ Bucket: Bucket(), Key: 'reviewable/doc.pdf', CopySource, CopySourceIfMatch: current.ETag }),
    );
    const copy = await storage.s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: 'reviewable/doc.pdf', IfMatch: current.ETag }));
    assert.equal(await copy.Body!.transformToString(), 're-posted bytes');
  });
});

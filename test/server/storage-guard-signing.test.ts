import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createS3Client } from '../../demo/storage/s3-client.js';
import { startTestStorage, TEST_ORIGIN, type TestStorage } from '../support/embedded-storage.js';
import { parseS3Error } from '../support/s3-post.js';

describe('embedded storage guard: SigV4 as S3 checks it', () => {
  let storage: TestStorage;
  before(async () => {
    storage = await startTestStorage();
    await storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: 'user-a/id.png', Body: 'secret-bytes' }));
  });
  after(async () => {
    await storage.stop();
  });

  const codeOf = (error: unknown) => (error as { Code?: string }).Code ?? (error as Error).name;
  const clientWith = (accessKeyId: string, secretAccessKey: string) =>
    createS3Client({ endpoint: storage.endpoint, region: storage.region, credentials: { accessKeyId, secretAccessKey }, embedded: true });

  test('refuses a signature made with the wrong secret or an unknown key', async () => {
    for (const [client, code] of [
      [clientWith('S3RVER', 'not-the-secret'), 'SignatureDoesNotMatch'],
      [clientWith('AKIAUNKNOWN', 'S3RVER'), 'InvalidAccessKeyId'],
    ] as const) {
      try {
        await assert.rejects(client.send(new ListObjectsV2Command({ Bucket: storage.bucket })), (e) => codeOf(e) === code);
        await assert.rejects(client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: 'user-a/id.png' })), (e) => codeOf(e) === code);
      } finally {
        client.destroy();
      }
    }
  });

  test('refuses Signature Version 2, even when correctly signed: 400 InvalidRequest', async () => {
    const { accessKeyId, secretAccessKey } = await storage.s3.config.credentials();
    const path = `/${storage.bucket}/user-a/id.png`;
    const expires = String(Math.floor(Date.now() / 1000) + 300);
    const sign = (text: string) => createHmac('sha1', secretAccessKey).update(text).digest('base64');
    const date = new Date().toUTCString();
    const answers = [
      await fetch(`${storage.endpoint}${path}`, {
        headers: { date, authorization: `AWS ${accessKeyId}:${sign(`GET\n\n\n${date}\n${path}`)}` },
      }),
      await fetch(
        `${storage.endpoint}${path}?AWSAccessKeyId=${accessKeyId}&Expires=${expires}` +
          `&Signature=${encodeURIComponent(sign(`GET\n\n\n${expires}\n${path}`))}`,
      ),
    ];
    for (const answer of answers) {
      const body = await answer.text();
      assert.equal(answer.status, 400, body);
      assert.equal(parseS3Error(body)?.Code, 'InvalidRequest');
      assert.doesNotMatch(body, /secret-bytes/);
    }
  });

  test('refuses a presigned URL dated in the future or given more than a week', async () => {
    const command = new GetObjectCommand({ Bucket: storage.bucket, Key: 'user-a/id.png' });
    const future = await getSignedUrl(storage.s3, command, { expiresIn: 60, signingDate: new Date(Date.now() + 3_600_000) });
    const early = await fetch(future);
    assert.equal(early.status, 403);
    assert.equal(parseS3Error(await early.text())?.Message, 'Request is not valid yet');

    const url = await getSignedUrl(storage.s3, command, { expiresIn: 60 });
    const forever = await fetch(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=abc'));
    assert.equal(forever.status, 400);
    assert.equal(parseS3Error(await forever.text())?.Code, 'AuthorizationQueryParametersError');
  });

  test('refuses an unsigned x-amz-* header beside a valid presigned GET', async () => {
    const url = await getSignedUrl(storage.s3, new GetObjectCommand({ Bucket: storage.bucket, Key: 'user-a/id.png' }), {
      expiresIn: 60,
    });
    const response = await fetch(url, { headers: { 'x-amz-server-side-encryption': 'AES256', origin: TEST_ORIGIN } });
    assert.equal(response.status, 403);
    assert.equal(parseS3Error(await response.text())?.HeadersNotSigned, 'x-amz-server-side-encryption');
    assert.equal(response.headers.get('access-control-allow-origin'), TEST_ORIGIN);
  });

  test('refuses a signed PUT replayed with other bytes: 400 XAmzContentSHA256Mismatch', async () => {
    const client = storage.createClient();
    // After signing, as a man in the middle would: same length, other bytes.
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { body: unknown }).body = 'tampered!!';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'swapBodyAfterSigning' },
    );
    await assert.rejects(
      client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: 'user-a/id.png', Body: 'original!!' })),
      (e) => codeOf(e) === 'XAmzContentSHA256Mismatch',
    );
    const object = await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: 'user-a/id.png' }));
    assert.equal(await object.Body!.transformToString(), 'secret-bytes');
  });

  test('refuses an OPTIONS that is no CORS preflight unless signed', async () => {
    const response = await fetch(`${storage.endpoint}/${storage.bucket}/user-a/id.png`, { method: 'OPTIONS' });
    assert.equal(response.status, 403);
    assert.equal(parseS3Error(await response.text())?.Code, 'AccessDenied');
  });

  test('keeps signed multipart uploads and DeleteObjects working', async () => {
    const Bucket = storage.bucket;
    const Key = 'large/scan.tiff';
    const { UploadId } = await storage.s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'image/tiff' }));
    const part = await storage.s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'tiff-bytes' }));
    await storage.s3.send(
      new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag! }] } }),
    );
    const object = await storage.s3.send(new GetObjectCommand({ Bucket, Key }));
    assert.equal(await object.Body!.transformToString(), 'tiff-bytes');


    await storage.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key }] } }));
    assert.deepEqual(await storage.listKeys(), ['user-a/id.png']);
  });
});

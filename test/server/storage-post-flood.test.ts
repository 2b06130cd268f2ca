import assert from 'node:assert/strict';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { S3Client } from '@aws-sdk/client-s3';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type EmbeddedS3, startEmbeddedS3 } from '../../demo/storage/embedded-s3.js';
import { createS3Client } from '../../demo/storage/s3-client.js';
import { presignDocumentForm } from '../../src/server/presign-document-form.js';
import { TEST_ORIGIN } from '../support/embedded-storage.js';
import { parseS3Error, postToS3, sampleBytes } from '../support/s3-post.js';

const BOUNDARY = '----kyc-flood-boundary';
const MB = 1024 * 1024;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  error?: Record<string, string>;
}

/**
 * A POST whose body the test writes piece by piece: an answer that arrives while the body is
 * still open proves the server judged the form without waiting for (or holding) the rest.
 */
function openPost(action: string) {
  const url = new URL(action);
  const req = request({
    host: url.hostname,
    port: url.port,
    method: 'POST',
    path: url.pathname,
    agent: false,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, origin: TEST_ORIGIN },
  });
  let ended = false;
  const answer = new Promise<Answer & { bodyEndedFirst: boolean }>((resolve, reject) => {
    req.on('response', (res) => {
      const bodyEndedFirst = ended;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const error = parseS3Error(Buffer.concat(chunks).toString('utf8'));
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bodyEndedFirst, ...(error ? { error } : {}) });
      });
    });
    req.on('error', reject);
  });
  return {
    answer,
    write: (bytes: string | Uint8Array) => req.write(bytes),
    end(bytes: string | Uint8Array = '') {
      ended = true;
      req.end(bytes);
    },
  };
}

const fieldPart = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const fieldsOf = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => fieldPart(name, value))
    .join('');
const fileHead = (type = 'image/png') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="passport.png"\r\nContent-Type: ${type}\r\n\r\n`;
const closing = `\r\n--${BOUNDARY}--\r\n`;

// A regression shows as an answer that never comes while a body is open: fail it rather than hang.
const UNLESS_HUNG = { timeout: 20_000 };

describe('embedded storage: a flood of POST Objects cannot fill memory', () => {
  let store: EmbeddedS3;
  let s3: S3Client;
  let action: string;
  /** Every value the buffered-posts count took, in order. */
  let counts: number[];
  let countListeners: Array<(count: number) => void>;
  /** Resolves when the count of POST bodies kept in memory next equals `count`. */
  const bufferedPosts = (count: number) =>
    new Promise<void>((resolve) => {
      const listener = (now: number) => {
        if (now !== count) return;
        countListeners = countListeners.filter((l) => l !== listener);
        resolve();
      };
      countListeners.push(listener);
    });

  const start = async (maxBufferedPosts?: number) => {
    store = await startEmbeddedS3({
      bucket: 'kyc-flood',
      allowedOrigins: [TEST_ORIGIN],
      ...(maxBufferedPosts === undefined ? {} : { maxBufferedPosts }),
      onBufferedPostsChange: (count) => {
        counts.push(count);
        for (const listener of [...countListeners]) listener(count);
      },
    });
    s3 = createS3Client({ endpoint: store.endpoint, region: store.region, credentials: store.credentials, embedded: true });
    action = `${store.endpoint}/${store.bucket}`;
  };
  beforeEach(() => {
    counts = [];
    countListeners = [];
  });
  afterEach(async () => {
    s3.destroy();
    await store.stop();
  });

  const presign = () =>
    presignDocumentForm(s3, { bucket: store.bucket, userId: 1370854, documentType: 9, contentType: 'image/png' });
  const listKeys = async () =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: store.bucket }))).Contents ?? []).map((object) => object.Key);

  test('25 parallel unsigned POSTs are each refused before their file is sent; none is kept', UNLESS_HUNG, async () => {
    await start();
    const forged = fieldsOf({ key: 'user/1370854/passport.png', 'Content-Type': 'image/png' }) + fileHead();
    const posts = Array.from({ length: 25 }, () => openPost(action));
    for (const post of posts) {
      post.write(forged);
      post.write(sampleBytes(64 * 1024));
    }
    // Each would go on with 19 MB: every answer comes while every body is still open.
    const answers = await Promise.all(posts.map((post) => post.answer));
    for (const post of posts) post.end(Buffer.concat([sampleBytes(MB), Buffer.from(closing)]));
    for (const answer of answers) {
      assert.equal(answer.bodyEndedFirst, false);
      assert.equal(answer.status, 403);
      assert.equal(answer.error?.Code, 'AccessDenied');
      assert.equal(answer.headers['access-control-allow-origin'], TEST_ORIGIN);
    }
    // No forged form ever got as far as having its body kept.
    assert.deepEqual(counts, []);
    assert.deepEqual(await listKeys(), []);
  });

  test('whole large unsigned POSTs sent in parallel are all refused, none kept', UNLESS_HUNG, async () => {
    await start();
    const forged = { key: 'user/1370854/passport.png', 'Content-Type': 'image/png' };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        postToS3(action, forged, { bytes: sampleBytes(4 * MB), type: 'image/png' }, { origin: TEST_ORIGIN }),
      ),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 403, answer.body);
      assert.equal(answer.error?.Code, 'AccessDenied');
      assert.equal(answer.headers.get('access-control-allow-origin'), TEST_ORIGIN);
    }
    assert.deepEqual(counts, []);
    assert.deepEqual(await listKeys(), []);
  });

  test('a forged signature is refused when the file part begins, before the file is sent', UNLESS_HUNG, async () => {
    await start();
    const form = await presign();
    const signature = form.formFields['X-Amz-Signature']!;
    const forged = { ...form.formFields, 'X-Amz-Signature': (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1) };
    const post = openPost(form.form.action);
    post.write(fieldsOf(forged) + fileHead());
    post.write(sampleBytes(64 * 1024));
    // 19 MB more would follow: the answer comes first.
    const answer = await post.answer;
    post.end(closing);
    assert.equal(answer.bodyEndedFirst, false);
    assert.equal(answer.status, 403);
    assert.equal(answer.error?.Code, 'SignatureDoesNotMatch');
    assert.equal(answer.headers['access-control-allow-origin'], TEST_ORIGIN);
    assert.deepEqual(counts, []);
    assert.deepEqual(await listKeys(), []);
  });

  test('fields before the file are limited like S3 (20 KB): refused while the body is still open', UNLESS_HUNG, async () => {
    await start();
    // One oversized field, complete.
    const big = openPost(action);
    big.write(fieldPart('x-ignore-padding', 'x'.repeat(21 * 1024)) + `--${BOUNDARY}\r\n`);
    const bigAnswer = await big.answer;
    big.end();
    assert.equal(bigAnswer.bodyEndedFirst, false);
    assert.equal(bigAnswer.status, 400);
    assert.equal(bigAnswer.error?.Code, 'MaxPostPreDataLengthExceeded');
    assert.equal(bigAnswer.error?.MaxPostPreDataLengthBytes, String(20 * 1024));
    assert.equal(bigAnswer.headers['access-control-allow-origin'], TEST_ORIGIN);

    // A field that never ends, which no per-field count would see complete.
    const endless = openPost(action);
    endless.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="key"\r\n\r\n`);
    endless.write('k'.repeat(256 * 1024));
    const endlessAnswer = await endless.answer;
    endless.end(closing);
    assert.equal(endlessAnswer.bodyEndedFirst, false);
    assert.equal(endlessAnswer.status, 400);
    assert.equal(endlessAnswer.error?.Code, 'MaxPostPreDataLengthExceeded');
    assert.deepEqual(counts, []);
    assert.deepEqual(await listKeys(), []);
  });

  test('valid forms past the cap of bodies kept at once answer 503 SlowDown; a retry succeeds', UNLESS_HUNG, async () => {
    await start(2);
    const forms = await Promise.all([presign(), presign(), presign()]);
    const file = sampleBytes(200 * 1024);
    const posts = forms.map((form) => ({ form, post: openPost(form.form.action) }));

    // Two valid uploads in flight, their files half sent: both kept.
    for (const [index, { form, post }] of posts.slice(0, 2).entries()) {
      const kept = bufferedPosts(index + 1);
      post.write(fieldsOf(form.formFields) + fileHead());
      post.write(file.subarray(0, 100 * 1024));
      await kept;
    }
    // A third: refused as its file begins, with CORS headers so the widget reads 503 and retries.
    const [first, second, third] = posts as [(typeof posts)[0], (typeof posts)[0], (typeof posts)[0]];
    third.post.write(fieldsOf(third.form.formFields) + fileHead());
    // A few file bytes: the parser holds back a part's last bytes until it knows they are no boundary.
    third.post.write(file.subarray(0, 1024));
    const slowDown = await third.post.answer;
    third.post.end(Buffer.concat([file.subarray(1024), Buffer.from(closing)]));
    assert.equal(slowDown.bodyEndedFirst, false);
    assert.equal(slowDown.status, 503);
    assert.equal(slowDown.error?.Code, 'SlowDown');
    assert.equal(slowDown.headers['access-control-allow-origin'], TEST_ORIGIN);

    // The two kept uploads complete.
    const released = bufferedPosts(0);
    first.post.end(Buffer.concat([file.subarray(100 * 1024), Buffer.from(closing)]));
    second.post.end(Buffer.concat([file.subarray(100 * 1024), Buffer.from(closing)]));
    assert.equal((await first.post.answer).status, 204);
    assert.equal((await second.post.answer).status, 204);
    await released;
    assert.ok(Math.max(...counts) <= 2, `kept at once: ${counts.join(', ')}`);

    // The refused one, retried once a slot is free, is stored.
    const retry = await postToS3(third.form.form.action, third.form.formFields, { bytes: file, type: 'image/png' });
    assert.equal(retry.status, 204, retry.body);
    assert.deepEqual((await listKeys()).sort(), forms.map((form) => form.formFields.key).sort());
  });
});

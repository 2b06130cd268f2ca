import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  CopyObjectCommand,
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { resolveStorage, type ResolvedStorage } from '../../demo/storage/storage-config.js';
import { SUBRESOURCE_NAMES } from '../../demo/storage/request-shape.js';
import { presignDocumentForm } from '../../src/server/presign-document-form.js';
import { TEST_ORIGIN } from '../support/embedded-storage.js';
import { rawRequest } from '../support/raw-request.js';
import { parseS3Error, postToS3, sampleBytes } from '../support/s3-post.js';

const OPEN_CORS =
  '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>';

describe('embedded storage guard: signed requests only, keys kept inside the store', () => {
  let work: string;
  let store: string;
  let storage: ResolvedStorage;
  let bucketUrl: string;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'kyc-guard-'));
    // Two levels down, so a key climbing out of the store lands where the test can see it.
    store = join(work, 'outside', 'store');
    storage = await resolveStorage({}, { allowedOrigins: [TEST_ORIGIN], embeddedDirectory: store });
    bucketUrl = `${storage.endpoint}/${storage.bucket}`;
  });
  afterEach(async () => {
    await storage.stop();
    await rm(work, { recursive: true, force: true });
  });

  const listKeys = async () =>
    ((await storage.s3.send(new ListObjectsV2Command({ Bucket: storage.bucket }))).Contents ?? []).map((o) => o.Key);
  const put = (Key: string, Body: string | Uint8Array = 'bytes', ContentType = 'image/png') =>
    storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key, Body, ContentType }));
  const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const codeOf = (error: unknown) => (error as { name?: string; Code?: string }).Code ?? (error as Error).name;

  /** Every file written anywhere under the scratch folder but outside the store. */
  async function filesOutsideStore(): Promise<string[]> {
    const entries = await readdir(work, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(work, join(entry.parentPath, entry.name)))
      .filter((path) => !path.startsWith(join('outside', 'store')));
  }

  test('refuses unsigned list, GET, HEAD, PUT, DELETE, sub-resource writes and ?delete: 403 with CORS', async () => {
    await put('user-a/passport.png', 'secret-bytes');
    const attempts: Array<[method: string, path: string, body?: string]> = [
      ['GET', ''],
      ['GET', '?list-type=2'],
      ['GET', '/user-a/passport.png'],
      ['HEAD', '/user-a/passport.png'],
      ['PUT', '/user-b/evil.html', '<script>alert(1)</script>'],
      ['PUT', '/user-a/passport.png', 'overwritten'],
      ['DELETE', '/user-a/passport.png'],
      ['PUT', '?cors', OPEN_CORS],
      ['DELETE', '?cors'],
      ['POST', '?delete', '<Delete><Object><Key>user-a/passport.png</Key></Object></Delete>'],
      ['POST', '/user-a/passport.png?uploads'],
    ];
    for (const [method, path, body] of attempts) {
      const response = await fetch(bucketUrl + path, {
        method,
        headers: { origin: TEST_ORIGIN, 'content-type': 'text/html' },
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      assert.equal(response.status, 403, `${method} ${path}: ${text}`);
      if (method !== 'HEAD') assert.equal(parseS3Error(text)?.Code, 'AccessDenied', `${method} ${path}`);
      // The bucket's CORS rule allows GET, HEAD, POST and PUT: as in S3, a DELETE refusal is not readable.
      const readable = method === 'DELETE' ? null : TEST_ORIGIN;
      assert.equal(response.headers.get('access-control-allow-origin'), readable, `${method} ${path}`);
      assert.doesNotMatch(text, /secret-bytes|passport/);
    }
    assert.deepEqual(await listKeys(), ['user-a/passport.png']);
    const object = await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: 'user-a/passport.png' }));
    assert.equal(await object.Body!.transformToString(), 'secret-bytes');
    const cors = await storage.s3.send(new GetBucketCorsCommand({ Bucket: storage.bucket }));
    assert.deepEqual(cors.CORSRules?.[0]?.AllowedOrigins, [TEST_ORIGIN]);
  });

  test('refuses bucket sub-resource writes even when signed; signed reads still work', async () => {
    const rules = { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'PUT'] }] };
    await assert.rejects(storage.s3.send(new PutBucketCorsCommand({ Bucket: storage.bucket, CORSConfiguration: rules })), (e) => {
      assert.equal(statusOf(e), 403);
      assert.equal(codeOf(e), 'AccessDenied');
      return true;
    });
    await assert.rejects(storage.s3.send(new DeleteBucketCorsCommand({ Bucket: storage.bucket })), (e) => statusOf(e) === 403);
    const cors = await storage.s3.send(new GetBucketCorsCommand({ Bucket: storage.bucket }));
    assert.deepEqual(cors.CORSRules?.[0]?.AllowedOrigins, [TEST_ORIGIN]);
  });

  test('policy-checks a POST to the bucket whatever its query string or percent-encoding', async () => {
    const html = { bytes: new TextEncoder().encode('<script>alert(1)</script>'), type: 'text/html', name: 'x.html' };
    const forged = { key: 'evil.html', 'Content-Type': 'text/html' };
    const encodedBucket = [...storage.bucket].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    const actions = [`${bucketUrl}?x`, `${bucketUrl}/?x`, `${bucketUrl}?x=1&y`, `${storage.endpoint}/${encodedBucket}`];
    for (const action of actions) {
      const answer = await postToS3(action, forged, html, { origin: TEST_ORIGIN });
      assert.equal(answer.status, 403, `${action}: ${answer.body}`);
      assert.equal(answer.error?.Code, 'AccessDenied');
      assert.equal(answer.headers.get('access-control-allow-origin'), TEST_ORIGIN);

      // A real form with its signed type swapped proves the policy itself ran.
      const form = await presign('application/pdf');
      const swapped = await postToS3(action, { ...form.formFields, 'Content-Type': 'text/html' }, html);
      assert.equal(swapped.status, 403, swapped.body);
      assert.match(swapped.error?.Message ?? '', /Policy Condition failed: \["eq", "\$Content-Type"/);
    }
    // An operation S3 routes elsewhere is no POST Object: it needs a signature.
    const operation = await postToS3(`${bucketUrl}?uploads`, forged, html);
    assert.equal(operation.status, 403);
    // A bucket segment that decodes to something no bucket is called: refused outright.
    const slashed = await postToS3(`${bucketUrl}%2F`, forged, html);
    assert.equal(slashed.status, 400);
    assert.equal(slashed.error?.Code, 'InvalidBucketName');
    assert.deepEqual(await listKeys(), []);

    const form = await presign('image/png');
    const valid = await postToS3(`${storage.endpoint}/${encodedBucket}?x`, form.formFields, {
      bytes: sampleBytes(64),
      type: 'image/png',
    });
    assert.equal(valid.status, 204, valid.body);
    assert.deepEqual(await listKeys(), [form.formFields.key]);
  });

  test('refuses keys with .. segments, a leading slash, backslashes or control characters, wherever they come from', async () => {
    const unsafe = ['../../escape.txt', 'a/../../../escape.txt', '/leading', 'back\\slash', 'tab\there', 'nul\u0000', 'del\u007f'];
    for (const Key of unsafe) {
      await assert.rejects(put(Key), (e) => {
        assert.equal(statusOf(e), 400, JSON.stringify(Key));
        assert.equal(codeOf(e), 'InvalidArgument');
        return true;
      });
    }
    for (const path of ['/..%2F..%2Fescape.txt', '/a%2F..%2F..%2F..%2Fescape.txt', '/%2Fleading', '/back%5Cslash']) {
      const response = await fetch(bucketUrl + path, { method: 'PUT', body: 'x' });
      assert.ok(response.status === 400 || response.status === 403, `${path}: ${response.status}`);
    }
    // Literal dot segments, and one the router cannot decode and then uses raw.
    for (const target of ['/../../escape.txt', '/x/../../../escape.txt', '/../../escape%E0.txt']) {
      const answer = await rawRequest(storage.endpoint, 'PUT', `/${storage.bucket}${target}`, {}, 'x');
      assert.ok(answer.status === 400 || answer.status === 403, `${target}: ${answer.status} ${answer.body}`);
    }
    await assert.rejects(
      storage.s3.send(
        new CopyObjectCommand({ Bucket: storage.bucket, Key: 'copy', CopySource: `${storage.bucket}/../../escape.txt` }),
      ),
      (e) => statusOf(e) === 400,
    );
    await assert.rejects(
      storage.s3.send(new UploadPartCommand({ Bucket: storage.bucket, Key: 'part', UploadId: '../../x', PartNumber: 1, Body: 'x' })),
      (e) => statusOf(e) === 404 && codeOf(e) === 'NoSuchUpload',
    );
    assert.deepEqual(await filesOutsideStore(), []);
    assert.deepEqual(await listKeys(), []);
  });

  test("a valid form for user A writes neither another key nor outside A's folder", async () => {
    const { url, fields } = await createPresignedPost(storage.s3, {
      Bucket: storage.bucket,
      Key: 'user-a/${filename}',
      Conditions: [['content-length-range', 1, 10_000]],
      Expires: 300,
    });
    const png = { bytes: sampleBytes(64), type: 'image/png', name: 'passport.png' };
    const other = await postToS3(url, { ...fields, key: 'user-b/passport.png' }, png);
    assert.equal(other.status, 403);
    assert.match(other.error?.Message ?? '', /Policy Condition failed: \["starts-with", "\$key", "user-a\/"\]/);
    for (const key of ['user-a/../user-b/passport.png', 'user-a/../../../escape.txt', 'user-a/x\\..\\..\\y']) {
      const answer = await postToS3(url, { ...fields, key }, png);
      assert.equal(answer.status, 400, `${key}: ${answer.body}`);
      assert.equal(answer.error?.Code, 'InvalidArgument');
    }
    const theirs = await presign('image/png');
    const swapped = await postToS3(theirs.form.action, { ...theirs.formFields, key: 'user-a/passport.png' }, png);
    assert.equal(swapped.status, 403);
    assert.deepEqual(await listKeys(), []);
    assert.deepEqual(await filesOutsideStore(), []);

    const own = await postToS3(url, { ...fields, key: 'user-a/passport.png' }, png);
    assert.equal(own.status, 204, own.body);
    assert.deepEqual(await listKeys(), ['user-a/passport.png']);
  });

  test('presigned GET: honoured with its response overrides; tampered, stripped or expired refused', async () => {
    await put('user-a/scan.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml');
    const command = new GetObjectCommand({
      Bucket: storage.bucket,
      Key: 'user-a/scan.svg',
      ResponseContentDisposition: 'attachment; filename="scan.svg"',
      ResponseContentType: 'application/octet-stream',
    });
    const url = await getSignedUrl(storage.s3, command, { expiresIn: 60 });
    const ok = await fetch(url, { headers: { origin: TEST_ORIGIN } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-disposition'), 'attachment; filename="scan.svg"');
    assert.equal(ok.headers.get('content-type'), 'application/octet-stream');
    assert.equal(await ok.text(), '<svg xmlns="http://www.w3.org/2000/svg"/>');

    const signature = new URL(url).searchParams.get('X-Amz-Signature')!;
    const tampered = url.replace(signature, (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1));
    const inline = url.replace('application%2Foctet-stream', 'text%2Fhtml');
    for (const [name, target] of [['tampered', tampered], ['override changed', inline]] as const) {
      const response = await fetch(target, { headers: { origin: TEST_ORIGIN } });
      assert.equal(response.status, 403, name);
      assert.equal(parseS3Error(await response.text())?.Code, 'SignatureDoesNotMatch', name);
      assert.equal(response.headers.get('access-control-allow-origin'), TEST_ORIGIN, name);
    }
    const stripped = await fetch(url.split('?')[0]!);
    assert.equal(stripped.status, 403);
    assert.equal(parseS3Error(await stripped.text())?.Code, 'AccessDenied');

    const old = await getSignedUrl(storage.s3, command, { expiresIn: 60, signingDate: new Date(Date.now() - 3_600_000) });
    const expired = await fetch(old);
    assert.equal(expired.status, 403);
    const error = parseS3Error(await expired.text());
    assert.equal(error?.Code, 'AccessDenied');
    assert.equal(error?.Message, 'Request has expired');
  });

  test('a presigned PUT cannot be turned into a copy by an unsigned x-amz-copy-source header', async () => {
    await put('user-a/passport.png', 'secret-bytes');
    const url = await getSignedUrl(storage.s3, new PutObjectCommand({ Bucket: storage.bucket, Key: 'user-b/mine.png' }), {
      expiresIn: 60,
    });
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'x-amz-copy-source': `${storage.bucket}/user-a/passport.png` },
    });
    assert.equal(response.status, 403, await response.text());
    assert.deepEqual(await listKeys(), ['user-a/passport.png']);
  });

  test('answers CORS preflights without a signature', async () => {
    for (const [path, method] of [['', 'POST'], ['/user-a/passport.png', 'GET']] as const) {
      const response = await fetch(bucketUrl + path, {
        method: 'OPTIONS',
        headers: { origin: TEST_ORIGIN, 'access-control-request-method': method },
      });
      assert.equal(response.status, 200, path);
      assert.ok(response.headers.get('access-control-allow-origin'), path);
    }
  });

  test("names every operation s3rver's router dispatches on as a sub-resource", () => {
    const require = createRequire(import.meta.url);
    const lib = '@20minutes/s3rver/lib/controllers';
    const routed = [...require(`${lib}/bucket.js`).METHODS, ...require(`${lib}/object.js`).METHODS] as string[];
    for (const name of routed) assert.ok(SUBRESOURCE_NAMES.has(name.toLowerCase()), name);
  });

  function presign(contentType: string) {
    return presignDocumentForm(storage.s3, { bucket: storage.bucket, userId: 'user-b', documentType: 9, contentType });
  }
});

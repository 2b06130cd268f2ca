import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/core/errors.js';
import { normalizeAnswer, requestPresignedForm } from '../../src/core/presign.js';
import { encodePolicy, treezorAnswer } from './forms.js';

const request = { documentType: 9, fileName: 'passport.pdf', contentType: 'application/pdf', size: 1234 };

function invalid(body: unknown): UploadError {
  try {
    normalizeAnswer(body, Date.now());
  } catch (error) {
    return error as UploadError;
  }
  throw new Error('accepted');
}

describe('normalizeAnswer', () => {
  it('reads the Treezor shape', () => {
    const now = Date.now();
    const form = normalizeAnswer(treezorAnswer(), now);
    expect(form.documentId).to.equal('900f0614-78ff-49e6-90ec-adaa53de7f43');
    expect(form.action).to.equal('https://connect-kyc-files.s3.eu-west-3.amazonaws.com');
    expect(form.fields.acl).to.equal('private');
    expect(form.expiresAt).to.be.within(now + 299_000, now + 300_000);
    expect(form.policy).to.include({ minSize: 1, maxSize: 4_500_000 });
    expect(form.policy?.contentType).to.deep.equal({ prefix: '' });
  });

  it('reads the AWS createPresignedPost shape with a documentId', () => {
    const expiration = new Date(Date.now() + 60_000).toISOString();
    const form = normalizeAnswer(
      { documentId: 'doc-1', url: 'https://bucket.s3.amazonaws.com/', fields: { key: 'k', Policy: encodePolicy([{ 'Content-Type': 'image/png' }], expiration) } },
      Date.now(),
    );
    expect(form.action).to.equal('https://bucket.s3.amazonaws.com/');
    expect(form.expiresAt).to.equal(Date.parse(expiration));
    expect(form.policy?.contentType).to.deep.equal({ exact: 'image/png' });
  });

  it('times the form by expireIn, on our own clock, whatever the policy says in storage time', () => {
    const requestedAt = Date.now();
    const skewed = new Date(requestedAt - 3_600_000).toISOString(); // our clock is an hour ahead
    const form = normalizeAnswer(treezorAnswer({ expireIn: 300 }, { Policy: encodePolicy([], skewed) }), requestedAt);
    expect(form.expiresAt).to.equal(requestedAt + 300_000);
  });

  it('falls back to the policy expiration without expireIn, unless our clock says it is already past', () => {
    const requestedAt = Date.now();
    const ahead = new Date(requestedAt + 30_000).toISOString();
    // The `{ url, fields }` shape of AWS's createPresignedPost carries no expireIn.
    const awsAnswer = (expiration: string) => ({ documentId: 'doc-1', url: 'https://bucket.s3.amazonaws.com/', fields: { key: 'k', Policy: encodePolicy([], expiration) } });
    const withPolicy = normalizeAnswer(awsAnswer(ahead), requestedAt);
    expect(withPolicy.expiresAt).to.equal(Date.parse(ahead));
    const past = new Date(requestedAt - 30_000).toISOString();
    const skewed = normalizeAnswer(awsAnswer(past), requestedAt);
    expect(skewed.expiresAt).to.equal(Infinity); // storage's answer decides
  });

  const malformed: Array<[string, unknown]> = [
    ['null', null],
    ['an array', []],
    ['no documentId', { ...treezorAnswer(), documentId: undefined }],
    ['an empty documentId', treezorAnswer({ documentId: '' })],
    ['a numeric documentId', treezorAnswer({ documentId: 42 })],
    ['no form', { ...treezorAnswer(), form: undefined }],
    ['an action that is not a URL', treezorAnswer({ form: { action: 'not a url' } })],
    ['a javascript: action', treezorAnswer({ form: { action: 'javascript:alert(1)' } })],
    ['a data: action', treezorAnswer({ form: { action: 'data:text/html,x' } })],
    ['a GET form', treezorAnswer({ form: { action: 'https://s3.example', method: 'GET' } })],
    ['a non-multipart form', treezorAnswer({ form: { action: 'https://s3.example', enctype: 'text/plain' } })],
    ['formFields with a number', treezorAnswer({}, { key: 5 as unknown as string })],
    ['a negative expireIn', treezorAnswer({ expireIn: -1 })],
    ['an expireIn given as text', treezorAnswer({ expireIn: '300' })],
    ['a policy that is not base64 JSON', treezorAnswer({}, { Policy: 'not-base64!' })],
    ['a policy without expiration', treezorAnswer({}, { Policy: btoa(JSON.stringify({ conditions: [] })) })],
    ['an AWS shape without any expiry', { documentId: 'd', url: 'https://s3.example', fields: {} }],
  ];
  for (const [what, body] of malformed) {
    it(`rejects ${what} as presign-invalid`, () => {
      expect(invalid(body).code).to.equal('presign-invalid');
    });
  }

  it('never echoes field values in its message', () => {
    const error = invalid(treezorAnswer({ form: { action: 'javascript:steal' } }, { 'X-Amz-Signature': 'SECRET-SIG' }));
    expect(error.message).not.to.contain('SECRET-SIG');
    expect(error.message).not.to.contain('steal');
  });
});

describe('requestPresignedForm', () => {
  it('POSTs the file description as JSON with the given credentials and headers', async () => {
    // The echo route answers with what it received, which is not a form: the request is what we check.
    let sent: { headers: Record<string, string>; body: string } | undefined;
    const original = window.fetch;
    window.fetch = async (input, init) => {
      const response = await original(input, init);
      sent = await response.clone().json();
      return response;
    };
    try {
      await requestPresignedForm(request, { endpoint: '/__test__/echo', headers: () => ({ 'X-CSRF-Token': 'abc' }) }).catch(() => {});
    } finally {
      window.fetch = original;
    }
    expect(JSON.parse(sent!.body)).to.deep.equal(request);
    expect(sent!.headers['content-type']).to.equal('application/json');
    expect(sent!.headers['x-csrf-token']).to.equal('abc');
  });

  it('maps a server error to presign-failed with its status', async () => {
    const error = await requestPresignedForm(request, { endpoint: '/__test__/status/500' }).catch((e) => e);
    expect(error.code).to.equal('presign-failed');
    expect(error.details.status).to.equal(500);
    expect(error.retryable).to.equal(true);
  });

  it('maps 401 to presign-failed with status 401 (session expired), not worth retrying as is', async () => {
    const error = await requestPresignedForm(request, { endpoint: '/__test__/status/401' }).catch((e) => e);
    expect(error.code).to.equal('presign-failed');
    expect(error.details.status).to.equal(401);
    expect(error.retryable).to.equal(false);
  });

  it("carries the backend's error code, so the element can say what it means", async () => {
    const error = await requestPresignedForm(request, { endpoint: '/__test__/status/403/handoff-slot-mismatch' }).catch((e) => e);
    expect(error.code).to.equal('presign-failed');
    expect(error.details).to.deep.equal({ status: 403, backendCode: 'handoff-slot-mismatch' });
    expect(error.retryable).to.equal(false);
  });

  it('leaves out a backend error code of an unexpected shape, and any answer that is not JSON', async () => {
    const odd = await requestPresignedForm(request, { endpoint: `/__test__/status/403/${encodeURIComponent('<b>Not a code</b>')}` }).catch((e) => e);
    expect(odd.details).to.deep.equal({ status: 403 });
    const original = window.fetch;
    window.fetch = async () => new Response('<h1>Forbidden</h1>', { status: 403, headers: { 'content-type': 'text/html' } });
    try {
      const html = await requestPresignedForm(request, { endpoint: '/backend' }).catch((e) => e);
      expect(html.details).to.deep.equal({ status: 403 });
    } finally {
      window.fetch = original;
    }
  });

  it('keeps 429 retryable', async () => {
    const error = await requestPresignedForm(request, { endpoint: '/__test__/status/429' }).catch((e) => e);
    expect(error.retryable).to.equal(true);
  });

  it('maps a non-JSON answer to presign-invalid', async () => {
    const error = await requestPresignedForm(request, { endpoint: '/__test__/html' }).catch((e) => e);
    expect(error.code).to.equal('presign-invalid');
  });

  it('maps a wrong shape to presign-invalid', async () => {
    const error = await requestPresignedForm(request, { endpoint: '/__test__/echo' }).catch((e) => e);
    expect(error.code).to.equal('presign-invalid');
  });

  it('maps a network failure to presign-failed', async () => {
    const error = await requestPresignedForm(request, { endpoint: 'http://127.0.0.1:1/' }).catch((e) => e);
    expect(error.code).to.equal('presign-failed');
  });

  it('maps an abort to aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await requestPresignedForm(request, { endpoint: '/__test__/echo', signal: controller.signal }).catch((e) => e);
    expect(error.code).to.equal('aborted');
  });
});

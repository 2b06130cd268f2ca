import { expect } from '@open-wc/testing';
import { EXPIRY_MARGIN_MS, MAX_RENEWALS, deliver } from '../../src/core/deliver.js';
import { UploadError } from '../../src/core/errors.js';
import type { PresignedForm } from '../../src/core/presign.js';
import { rejection } from './rejection.js';

// No waiting between tries: these tests are about which form is posted, not when.
const instant = { policy: { maxAttempts: 4, baseDelayMs: 0, maxDelayMs: 0 } };

/**
 * A backend that hands out numbered forms, each good for `lifetimeMs` from the clock's reading,
 * and a storage whose answers are scripted per POST. Every POST is logged with its form's fields.
 */
function scenario({ lifetimeMs = 300_000, storage = [] as Array<UploadError | 'stored'>, backend = [] as Array<UploadError | 'form'> } = {}) {
  let clock = 1_000_000;
  let issued = 0;
  const posts: Array<{ documentId: string; signature: string }> = [];
  const readied: string[] = [];
  const options = {
    ...instant,
    now: () => clock,
    requestForm: async (): Promise<PresignedForm> => {
      const answer = backend.shift() ?? 'form';
      if (answer instanceof UploadError) throw answer;
      issued++;
      return { documentId: `doc-${issued}`, action: 'https://storage.test/', fields: { 'X-Amz-Signature': `sig-${issued}` }, expiresAt: clock + lifetimeMs };
    },
    readyFor: async (form: PresignedForm) => {
      readied.push(form.documentId);
    },
    post: async (form: PresignedForm) => {
      posts.push({ documentId: form.documentId, signature: form.fields['X-Amz-Signature']! });
      const answer = storage.shift() ?? 'stored';
      if (answer instanceof UploadError) throw answer;
    },
  };
  return { options, posts, readied, advance: (ms: number) => (clock += ms), issued: () => issued };
}

const policyExpired = () => new UploadError('form-expired', 'Invalid according to Policy: Policy expired.', { status: 403 });
const unavailable = () => new UploadError('storage-unavailable', 'SlowDown', { status: 503 });

describe('deliver', () => {
  it('posts once with one form when storage takes it', async () => {
    const { options, posts } = scenario();
    expect(await deliver(options)).to.deep.equal({ documentId: 'doc-1', supersededDocumentIds: [] });
    expect(posts).to.deep.equal([{ documentId: 'doc-1', signature: 'sig-1' }]);
  });

  it('asks for a fresh form, without posting the old one, when it aged out on our clock before the first try', async () => {
    // A form already inside the safety margin when it arrives: storage might refuse it mid-body.
    const s = scenario({ lifetimeMs: EXPIRY_MARGIN_MS - 1 });
    const error = await rejection(deliver(s.options));
    // Every fresh form is as short-lived: after the renewals allowed, it gives up, having posted nothing.
    expect(error.code).to.equal('form-expired');
    expect(s.posts).to.deep.equal([]);
    expect(s.issued()).to.equal(1 + MAX_RENEWALS);
    expect(error.supersededDocumentIds).to.deep.equal(['doc-1', 'doc-2']);
    expect(error.documentId).to.equal('doc-3');
  });

  it('renews a form that aged out during retries, and posts only the new fields after that', async () => {
    const s = scenario({ storage: [unavailable(), unavailable()] });
    // The second try fails after the form's lifetime has passed (a long outage).
    let tries = 0;
    const onRetry = () => {
      tries++;
      if (tries === 2) s.advance(300_000);
    };
    const delivery = await deliver({ ...s.options, onRetry });
    expect(delivery).to.deep.equal({ documentId: 'doc-2', supersededDocumentIds: ['doc-1'] });
    expect(s.posts).to.deep.equal([
      { documentId: 'doc-1', signature: 'sig-1' },
      { documentId: 'doc-1', signature: 'sig-1' },
      { documentId: 'doc-2', signature: 'sig-2' },
    ]);
    expect(s.readied, 'the file is readied for each form before its first try').to.deep.equal(['doc-1', 'doc-2']);
  });

  it("asks once more when storage says the policy expired, and reports the old document as superseded", async () => {
    const s = scenario({ storage: [policyExpired()] });
    expect(await deliver(s.options)).to.deep.equal({ documentId: 'doc-2', supersededDocumentIds: ['doc-1'] });
    expect(s.posts.map((p) => p.signature)).to.deep.equal(['sig-1', 'sig-2']);
  });

  it(`gives up after ${MAX_RENEWALS} renewals: a form that keeps expiring is not the network`, async () => {
    const s = scenario({ storage: [policyExpired(), policyExpired(), policyExpired(), policyExpired()] });
    const error = await rejection(deliver(s.options));
    expect(error.code).to.equal('form-expired');
    expect(s.posts.length).to.equal(1 + MAX_RENEWALS);
    expect(error.documentId).to.equal('doc-3');
    expect(error.supersededDocumentIds).to.deep.equal(['doc-1', 'doc-2']);
  });

  it('names no document when the backend fails while renewing: the superseded ones hold nothing', async () => {
    const refused = new UploadError('presign-failed', 'The upload service answered 401.', { status: 401 });
    const s = scenario({ storage: [policyExpired()], backend: ['form', refused] });
    const error = await rejection(deliver(s.options));
    expect(error).to.equal(refused);
    expect(error.documentId).to.equal(undefined);
    expect(error.supersededDocumentIds).to.deep.equal(['doc-1']);
  });

  it('names the document of a form whose post failed for good', async () => {
    const s = scenario({ storage: [unavailable(), unavailable(), unavailable(), unavailable()] });
    const error = await rejection(deliver(s.options));
    expect(error.code).to.equal('storage-unavailable');
    expect(s.posts.length).to.equal(4);
    expect(error.documentId).to.equal('doc-1');
    expect(error.supersededDocumentIds).to.deep.equal([]);
  });

  it('stops at once when cancelled during a renewal, and asks for no other form', async () => {
    const controller = new AbortController();
    const s = scenario({ storage: [policyExpired()] });
    const error = await rejection(
      deliver({
        ...s.options,
        signal: controller.signal,
        post: async (form) => {
          await s.options.post(form).finally(() => controller.abort());
        },
      }),
    );
    expect(error.code).to.equal('aborted');
    expect(s.issued()).to.equal(1);
  });
});

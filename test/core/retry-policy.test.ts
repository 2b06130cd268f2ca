import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/core/errors.js';
import { DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter } from '../../src/core/retry-policy.js';

const always = (value: number) => () => value;

describe('decideRetry', () => {
  const cases: Array<[string, UploadError, boolean]> = [
    ['a network error', new UploadError('network-error', 'x'), true],
    ['storage 500', new UploadError('storage-unavailable', 'x', { status: 500 }), true],
    ['storage 503', new UploadError('storage-unavailable', 'x', { status: 503 }), true],
    ['a backend 500', new UploadError('presign-failed', 'x', { status: 500 }), true],
    ['a backend 408', new UploadError('presign-failed', 'x', { status: 408 }), true],
    ['a backend 429', new UploadError('presign-failed', 'x', { status: 429 }), true],
    ['a backend that did not answer in time', new UploadError('presign-failed', 'x', { timedOut: true }), true],
    ['a backend 401', new UploadError('presign-failed', 'x', { status: 401 }), false],
    ['a backend 403', new UploadError('presign-failed', 'x', { status: 403 }), false],
    ['a backend 400', new UploadError('presign-failed', 'x', { status: 400 }), false],
    ['storage refusing the form (403)', new UploadError('storage-rejected', 'x', { status: 403 }), false],
    ['an untrusted destination', new UploadError('untrusted-destination', 'x'), false],
    ['a malformed presign answer', new UploadError('presign-invalid', 'x'), false],
    ['an expired form (renewed, not retried)', new UploadError('form-expired', 'x'), false],
    ['a cancel', new UploadError('aborted', 'x'), false],
    ['a file problem', new UploadError('too-large', 'x'), false],
  ];
  for (const [what, error, retry] of cases) {
    it(`${retry ? 'retries' : 'does not retry'} ${what}`, () => {
      expect(decideRetry(error, 1, { random: always(0.5) }).retry).to.equal(retry);
    });
  }

  it('waits for the network, without counting the try, when the device is offline', () => {
    const lost = new UploadError('network-error', 'x');
    expect(decideRetry(lost, DEFAULT_RETRY_POLICY.maxAttempts, { offline: true })).to.deep.equal({ retry: true, delayMs: 0, waitingForNetwork: true });
    // Being offline does not make a refusal worth another try.
    expect(decideRetry(new UploadError('presign-failed', 'x', { status: 403 }), 1, { offline: true })).to.deep.equal({ retry: false });
    expect(decideRetry(new UploadError('form-expired', 'x'), 1, { offline: true })).to.deep.equal({ retry: false });
  });

  it('stops after maxAttempts tries', () => {
    const error = new UploadError('network-error', 'x');
    const attempts = [1, 2, 3, 4, 5].map((attempt) => decideRetry(error, attempt, { random: always(0.5) }).retry);
    expect(attempts).to.deep.equal([true, true, true, false, false]);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).to.equal(4);
  });

  it('waits a random share of a ceiling that doubles, up to the maximum', () => {
    const error = new UploadError('network-error', 'x');
    const policy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 3000 };
    const ceilings = [1, 2, 3, 4, 5].map((attempt) => decideRetry(error, attempt, { random: always(1), policy }));
    expect(ceilings.map((d) => (d.retry ? d.delayMs : -1))).to.deep.equal([500, 1000, 2000, 3000, 3000]);
    const jittered = decideRetry(error, 3, { random: always(0.25), policy });
    expect(jittered.retry && jittered.delayMs).to.equal(500);
    const immediate = decideRetry(error, 3, { random: always(0), policy });
    expect(immediate.retry && immediate.delayMs).to.equal(0);
  });

  it('honours a longer Retry-After, within the maximum', () => {
    const asked = new UploadError('presign-failed', 'x', { status: 429, retryAfterMs: 5000 });
    const decision = decideRetry(asked, 1, { random: always(0.5) });
    expect(decision.retry && decision.delayMs).to.equal(5000);
    const atCeiling = new UploadError('presign-failed', 'x', { status: 429, retryAfterMs: DEFAULT_RETRY_POLICY.maxDelayMs });
    const waited = decideRetry(atCeiling, 1, { random: always(0.5) });
    expect(waited.retry && waited.delayMs).to.equal(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('gives up at once when the server asks for a longer wait than the widget makes a person watch', () => {
    // A rate limit of a minute must end in "too many attempts", not in four refused tries.
    for (const error of [
      new UploadError('presign-failed', 'x', { status: 429, retryAfterMs: 60_000 }),
      new UploadError('storage-unavailable', 'x', { status: 503, retryAfterMs: 3_600_000 }),
    ]) {
      expect(decideRetry(error, 1, { random: always(0.5) })).to.deep.equal({ retry: false });
    }
  });
});

describe('UploadError: what may help, decided once', () => {
  it('gives each failure its recovery, and a file problem none', () => {
    const recovery = (error: UploadError) => [error.recovery, error.retryable];
    expect(recovery(new UploadError('network-error', 'x'))).to.deep.equal(['retry', true]);
    expect(recovery(new UploadError('presign-failed', 'x', { status: 429 }))).to.deep.equal(['retry', true]);
    expect(recovery(new UploadError('presign-failed', 'x', { status: 401 }))).to.deep.equal(['none', false]);
    expect(recovery(new UploadError('form-expired', 'x'))).to.deep.equal(['new-form', true]);
    expect(recovery(new UploadError('storage-rejected', 'x', { status: 403 }))).to.deep.equal(['none', false]);
    expect(recovery(new UploadError('too-large', 'x'))).to.deep.equal(['none', false]);
  });

  it('calls a file problem a rejection only while no document exists for it', () => {
    const before = new UploadError('too-large', 'x');
    expect(before.isRejection).to.equal(true);
    const after = new UploadError('too-large', 'x');
    after.documentId = 'doc-1';
    expect(after.isRejection).to.equal(false);
    expect(new UploadError('network-error', 'x').isRejection).to.equal(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores the rest', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('7', now)).to.equal(7000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });
});

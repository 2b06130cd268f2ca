import { expect } from '@open-wc/testing';
import { assertTrustedDestination } from '../../src/core/destination.js';
import { UploadError } from '../../src/core/errors.js';

function verdict(action: string, allowed?: string[]): string {
  try {
    assertTrustedDestination(action, allowed);
    return 'sent';
  } catch (error) {
    return error instanceof UploadError ? error.code : String(error);
  }
}

describe('assertTrustedDestination', () => {
  const cases: Array<[string, string[] | undefined, string]> = [
    ['https://bucket.s3.eu-west-3.amazonaws.com/', undefined, 'sent'],
    ['http://bucket.s3.eu-west-3.amazonaws.com/', undefined, 'untrusted-destination'],
    ['http://evil.example/', undefined, 'untrusted-destination'],
    ['http://127.0.0.1:9000/bucket', undefined, 'sent'],
    ['http://localhost:9000/bucket', undefined, 'sent'],
    ['http://[::1]:9000/bucket', undefined, 'sent'],
    ['http://127.0.0.1.evil.example/', undefined, 'untrusted-destination'],
    ['https://bucket.s3.eu-west-3.amazonaws.com/', ['https://bucket.s3.eu-west-3.amazonaws.com'], 'sent'],
    ['https://evil.example/', ['https://bucket.s3.eu-west-3.amazonaws.com'], 'untrusted-destination'],
    ['https://bucket.s3.eu-west-3.amazonaws.com.evil.example/', ['https://bucket.s3.eu-west-3.amazonaws.com'], 'untrusted-destination'],
    ['https://bucket.s3.eu-west-3.amazonaws.com:8443/', ['https://bucket.s3.eu-west-3.amazonaws.com'], 'untrusted-destination'],
    ['https://bucket.s3.eu-west-3.amazonaws.com/', ['not a url'], 'untrusted-destination'],
  ];
  for (const [action, allowed, expected] of cases) {
    it(`${action}${allowed ? ` (allowed: ${allowed.join(' ')})` : ''} → ${expected}`, () => {
      expect(verdict(action, allowed)).to.equal(expected);
    });
  }

  it('names the origin only, never the signed URL', () => {
    try {
      assertTrustedDestination('http://evil.example/path?X-Amz-Signature=secret');
      expect.fail('accepted');
    } catch (error) {
      expect((error as UploadError).details.destination).to.equal('http://evil.example');
      expect((error as UploadError).message).not.to.include('secret');
    }
  });
});

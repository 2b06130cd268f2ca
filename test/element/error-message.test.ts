// Which sentence an error gets is decided once, for every language; each language has them all.
import { expect } from '@open-wc/testing';
import { DEFAULT_MAX_SIZE } from '../../src/core/document-types.js';
import { UploadError, type UploadErrorCode, type UploadErrorDetails } from '../../src/core/errors.js';
import { ERROR_MESSAGE_KEYS, type ErrorMessageKey, errorMessage, errorMessageKey } from '../../src/element/error-message.js';
import { formatBytes } from '../../src/element/format.js';
import type { Translation } from '../../src/element/translations/translation.js';
import { BUILT_IN_CATALOGUES } from './built-in-catalogues.js';

const error = (code: UploadErrorCode, details: UploadErrorDetails = {}) => new UploadError(code, code, details);
const sized = { size: 7_340_032, maxSize: 4_500_000 };

/** Each case of each code, as the pipeline reports it. */
const cases: Array<[string, UploadError, ErrorMessageKey]> = [
  ['a type not accepted', error('type-not-allowed', { detectedType: 'image/gif' }), 'type-not-allowed'],
  ['HEIC without its decoder', error('type-not-allowed', { detectedType: 'image/heic', reason: 'heic-not-included' }), 'type-not-allowed-heic'],
  ['a BigTIFF', error('type-not-allowed', { detectedType: 'image/tiff', reason: 'bigtiff' }), 'type-not-allowed-bigtiff'],
  ['a file named PDF that is not one', error('type-mismatch', { declaredType: 'application/pdf', detectedType: 'unknown' }), 'type-mismatch-pdf'],
  ['a file named JPEG that is not a picture', error('type-mismatch', { declaredType: 'image/jpeg', detectedType: 'application/zip' }), 'type-mismatch-picture'],
  ['a PDF over the limit', error('too-large', { ...sized, detectedType: 'application/pdf' }), 'too-large'],
  ['storage refusing a file as too large (no size)', error('too-large', { status: 400, storageCode: 'EntityTooLarge' }), 'too-large-size-unknown'],
  ['a TIFF over the limit', error('too-large', { ...sized, detectedType: 'image/tiff' }), 'too-large-tiff'],
  ['a TIFF too large, size unknown', error('too-large', { detectedType: 'image/tiff' }), 'too-large-tiff-size-unknown'],
  ['an empty file', error('empty', { size: 0 }), 'empty'],
  ['a damaged file', error('damaged', { reason: 'no-trailer' }), 'damaged'],
  ['an unreadable file', error('unreadable'), 'unreadable'],
  ['too many pixels', error('too-many-pixels', { width: 20_000, height: 20_000 }), 'too-many-pixels'],
  ['a PDF with scripts', error('unsafe-content', { detectedType: 'application/pdf', reason: 'javascript' }), 'unsafe-content-pdf'],
  ['an SVG with scripts', error('unsafe-content', { detectedType: 'image/svg+xml', reason: 'script' }), 'unsafe-content-svg'],
  ['an encrypted PDF', error('encrypted-pdf'), 'encrypted-pdf'],
  ['a chosen photo too small to read', error('poor-photo', { photoIssue: 'too-small' }), 'poor-photo-too-small'],
  ['a chosen photo blurred', error('poor-photo', { photoIssue: 'blurred' }), 'poor-photo-blurred'],
  ['a chosen photo with glare', error('poor-photo', { photoIssue: 'glare' }), 'poor-photo-glare'],
  ['a chosen photo too dark', error('poor-photo', { photoIssue: 'too-dark' }), 'poor-photo-too-dark'],
  ['a chosen photo too bright', error('poor-photo', { photoIssue: 'too-bright' }), 'poor-photo-too-bright'],
  ['presign 401', error('presign-failed', { status: 401 }), 'presign-session-expired'],
  ['presign 403', error('presign-failed', { status: 403 }), 'presign-session-expired'],
  ['presign 429', error('presign-failed', { status: 429 }), 'presign-too-many-attempts'],
  ['a phone presigning for a slot its handoff is not for', error('presign-failed', { status: 403, backendCode: 'handoff-slot-mismatch' }), 'handoff-slot-mismatch'],
  ['a phone presigning once its handoff ended (expired, or closed on the computer)', error('presign-failed', { status: 401, backendCode: 'handoff-session-invalid' }), 'handoff-session-ended'],
  ['presign 400', error('presign-failed', { status: 400 }), 'presign-refused'],
  ['presign 404', error('presign-failed', { status: 404 }), 'presign-refused'],
  ['presign with no answer in time', error('presign-failed', { timedOut: true }), 'presign-timed-out'],
  ['presign 500', error('presign-failed', { status: 500 }), 'presign-unreachable'],
  ['presign 503', error('presign-failed', { status: 503 }), 'presign-unreachable'],
  ['presign unreachable (no status)', error('presign-failed'), 'presign-unreachable'],
  ['an invalid presign answer', error('presign-invalid'), 'presign-invalid'],
  ['an untrusted destination', error('untrusted-destination', { destination: 'https://evil.example' }), 'untrusted-destination'],
  ['an expired form', error('form-expired', { status: 403 }), 'form-expired'],
  ['storage refusing', error('storage-rejected', { status: 400 }), 'storage-rejected'],
  ['storage unavailable', error('storage-unavailable', { status: 503 }), 'storage-unavailable'],
  ['storage going silent', error('network-error', { timedOut: true }), 'network-error-stalled'],
  ['the connection lost', error('network-error'), 'network-error-lost'],
  ['preparation failing', error('preparation-failed'), 'preparation-failed'],
  ['a cancel', error('aborted'), 'aborted'],
];

describe('errorMessageKey', () => {
  for (const [what, uploadError, key] of cases) {
    it(`${what}: ${key}`, () => expect(errorMessageKey(uploadError)).to.equal(key));
  }

  it('every key is some error’s sentence', () => {
    expect([...new Set(cases.map(([, , key]) => key))].sort()).to.deep.equal([...ERROR_MESSAGE_KEYS].sort());
  });
});

describe('errorMessage', () => {
  for (const t of BUILT_IN_CATALOGUES) {
    it(`${t.$code}: a sentence for every key, with its values filled in`, () => {
      for (const [what, uploadError, key] of cases) {
        const message = errorMessage(t, uploadError);
        expect(message, what).to.be.a('string').and.not.equal('');
        expect(message, what).not.to.match(/undefined|\$\{/);
        if (key === 'too-large' || key === 'too-large-tiff') expect(message, what).to.contain(formatBytes(sized.size, t.$code)).and.contain(formatBytes(sized.maxSize, t.$code));
      }
    });

    it(`${t.$code}: the default limit when the error does not say one`, () => {
      const limit = formatBytes(DEFAULT_MAX_SIZE, t.$code);
      expect(errorMessage(t, error('too-large', { size: 7_340_032 }))).to.contain(limit);
      expect(errorMessage(t, error('too-large', { detectedType: 'image/tiff' }))).to.contain(limit);
    });
  }

  it("speaks English where a host's catalogue (written in JavaScript) has no sentence, rather than failing", () => {
    const [en] = BUILT_IN_CATALOGUES;
    const partial = { ...en!, $code: 'xx', errors: { empty: 'Vide.' } } as unknown as Translation;
    expect(errorMessage(partial, error('empty'))).to.equal('Vide.');
    expect(errorMessage(partial, error('damaged'))).to.equal(errorMessage(en!, error('damaged')));
    const none = { ...en!, $code: 'yy', errors: undefined } as unknown as Translation;
    expect(errorMessage(none, error('damaged'))).to.equal(errorMessage(en!, error('damaged')));
  });
});

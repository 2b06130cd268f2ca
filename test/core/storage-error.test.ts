import { expect } from '@open-wc/testing';
import { storageError } from '../../src/core/storage-error.js';
import { MAX_S3_ERROR_BODY } from '../../src/core/xml/s3-error-body.js';

const s3Error = (code: string, message: string, padding = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>R${padding}</RequestId></Error>`;

/** S3's refusals read with the widget's XML reader: no DOMParser, so no trusted HTML, and a bounded read. */
describe('storageError', () => {
  it('reads the code and message of an S3 error document', async () => {
    const expired = await storageError(403, s3Error('AccessDenied', 'Invalid according to Policy: Policy expired.'));
    expect(expired.code).to.equal('form-expired');
    expect(expired.details.storageCode).to.equal('AccessDenied');
    expect((await storageError(400, s3Error('EntityTooLarge', 'Too big'))).code).to.equal('too-large');
  });

  it('decodes the five predefined entities and character references in the message', async () => {
    const error = await storageError(403, s3Error('AccessDenied', 'Invalid according to Policy: Policy Condition failed: [&quot;eq&quot;, &quot;$key&quot;] &#x2014; policy expired'));
    expect(error.code).to.equal('form-expired');
  });

  it('takes nothing from what is not that document: an HTML page, a code nested deeper, broken XML', async () => {
    for (const body of ['<html><body><h1>502 Bad Gateway</h1></body></html>', '<Error><Detail><Code>EntityTooLarge</Code></Detail></Error>', '<Error><Code>EntityTooLarge</Code>']) {
      const error = await storageError(400, body);
      expect(error.code, body).to.equal('storage-rejected');
      expect(error.details.storageCode, body).to.equal(undefined);
    }
  });

  it('expands no entity a DOCTYPE declares', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE Error [<!ENTITY c "EntityTooLarge">]><Error><Code>&c;</Code></Error>`;
    expect((await storageError(400, body)).details.storageCode).to.equal(undefined);
  });

  it(`reads at most ${MAX_S3_ERROR_BODY} characters of a body`, async () => {
    const fits = s3Error('EntityTooLarge', 'Too big');
    const padded = (length: number) => s3Error('EntityTooLarge', 'Too big', 'x'.repeat(length - fits.length));
    expect((await storageError(400, padded(MAX_S3_ERROR_BODY))).code).to.equal('too-large');
    expect((await storageError(400, padded(MAX_S3_ERROR_BODY + 1))).code).to.equal('storage-rejected');
  });
});
